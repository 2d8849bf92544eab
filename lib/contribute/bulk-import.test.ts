import { beforeAll, describe, expect, it } from "vitest";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment } from "@/bench/fixtures-gen/rvtools-workbook";
import type { AppError } from "@/lib/errors/app-error";
import { contributionsFromWorkbook, summarizeWorkbook, tagsFor, type RuleTarget, type TagRule } from "./bulk-import";

const target = (over: Partial<RuleTarget> = {}): RuleTarget => ({
  row: 5, guestFamily: "windows", guestName: "Microsoft Windows Server 2019 (64-bit)", columns: { Folder: "SQL" }, ...over,
});

describe("tag rules", () => {
  const rules: TagRule[] = [
    { kind: "all", slug: "generic-app", version: null },
    { kind: "guest", guest: "windows", slug: "active-directory", version: null },
    { kind: "column", column: "Folder", value: "SQL", slug: "mssql", version: "2019" },
    { kind: "vm", row: 5, slug: "microsoft-exchange", version: "2016" },
  ];

  it("gives the primary tag to the most specific matching rule and keeps the others", () => {
    expect(tagsFor(target(), rules)).toEqual([
      { slug: "microsoft-exchange", version: "2016", primary: true },
      { slug: "mssql", version: "2019", primary: false },
      { slug: "active-directory", version: null, primary: false },
      { slug: "generic-app", version: null, primary: false },
    ]);
  });

  it("matches guest rules by family or exact OS name, and column rules by exact value", () => {
    const only = (r: TagRule[]) => tagsFor(target({ row: 9, guestFamily: "linux", guestName: "Ubuntu Linux (64-bit)", columns: { Folder: "SQL2" } }), r);
    expect(only(rules.slice(1))).toEqual([]);
    expect(only([{ kind: "guest", guest: "Ubuntu Linux (64-bit)", slug: "nginx", version: null }])).toEqual([{ slug: "nginx", version: null, primary: true }]);
  });

  it("lists a slug once even when several rules name it", () => {
    const r: TagRule[] = [{ kind: "all", slug: "nginx", version: null }, { kind: "vm", row: 5, slug: "nginx", version: "1.24" }];
    expect(tagsFor(target(), r)).toEqual([{ slug: "nginx", version: "1.24", primary: true }]);
  });
});

describe("RVTools bulk import", () => {
  let env: RvtoolsEnvironment;
  let xlsx: Buffer;
  beforeAll(async () => {
    env = generateRvtoolsEnvironment({ vms: 40, seed: 11, templates: 3 });
    xlsx = await writeRvtoolsWorkbook(env, "current");
  });

  it("summarizes counts, skipped rows and rule columns", () => {
    const s = summarizeWorkbook("RVTools_export_all.xlsx", xlsx);
    const real = env.vms.filter((v) => !v.template);
    expect(s.vmCount).toBe(real.length);
    expect(s.rows).toHaveLength(real.length);
    expect(s.rows.map((r) => r.name)).toEqual(real.map((v) => v.name));
    expect(s.problems.some((p) => /skipped 3 templates/.test(p))).toBe(true);
    expect(s.guestFamilies.reduce((n, g) => n + g.count, 0)).toBeLessThanOrEqual(real.length);
    // The VM name column is unique per row and therefore not offered for rules.
    expect(s.columns.map((c) => c.name)).not.toContain("VM");
    const cluster = s.columns.find((c) => c.name === "Cluster");
    expect(cluster).toBeDefined();
    const k = s.columns.indexOf(cluster!);
    s.rows.forEach((r, i) => expect(cluster!.values[r.cells[k]].value).toBe(real[i].cluster));
  });

  it("builds redacted contributions for tagged VMs only, with identity keys", () => {
    const s = summarizeWorkbook("RVTools_export_all.xlsx", xlsx);
    const firstCluster = s.columns.find((c) => c.name === "Cluster")!.values[0];
    const rules: TagRule[] = [
      { kind: "column", column: "Cluster", value: firstCluster.value, slug: "nginx", version: null },
      { kind: "vm", row: s.rows[0].row, slug: "postgresql", version: "16" },
    ];
    const expected = new Set(s.rows.filter((r, i) => i === 0 || env.vms.filter((v) => !v.template)[i].cluster === firstCluster.value).map((r) => r.row));
    const { contributions, untagged } = contributionsFromWorkbook("RVTools_export_all.xlsx", xlsx, rules, { environment: "production" });
    expect(contributions).toHaveLength(expected.size);
    expect(untagged).toBe(s.vmCount - expected.size);
    const text = JSON.stringify(contributions);
    for (const v of env.vms) {
      expect(text).not.toContain(v.name);
      expect(text).not.toContain(v.uuid);
      for (const n of v.nics) {
        expect(text).not.toContain(n.mac);
        expect(text).not.toContain(n.network);
      }
    }
    expect(contributions.every((c) => c.identityKey && /^[0-9a-f]{64}$/.test(c.identityKey))).toBe(true);
    expect(new Set(contributions.map((c) => c.identityKey)).size).toBe(contributions.length);
    expect(contributions.every((c) => c.context.environment === "production")).toBe(true);
  });

  it("names the file when the upload is not an RVTools export", () => {
    try {
      summarizeWorkbook("notes.csv", new TextEncoder().encode("a,b\n1,2\n"));
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).describe()).toBe('notes.csv, field vInfo.vm: vInfo has no "vm" column');
    }
  });
});

describe("implausible rows in a bulk import", () => {
  let xlsx: Buffer;
  let oddName: string;
  beforeAll(async () => {
    const env = generateRvtoolsEnvironment({ vms: 12, seed: 3 });
    const odd = env.vms.find((v) => !v.template)!;
    // The VM: 1 vCPU and 10 TiB of memory.
    odd.cpus = 1;
    odd.coresPerSocket = 1;
    odd.memoryMiB = 10 * 1024 * 1024;
    oddName = odd.name;
    xlsx = await writeRvtoolsWorkbook(env, "current");
  });

  it("marks them in the summary with their reasons", () => {
    const s = summarizeWorkbook("RVTools_export_all.xlsx", xlsx);
    const flagged = s.rows.filter((r) => r.implausible.length > 0);
    expect(flagged.map((r) => r.name)).toEqual([oddName]);
    expect(flagged[0].implausible).toEqual(["10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU."]);
  });

  it("leaves them out unless the uploader confirms them, and then sends them confirmed", () => {
    const rules: TagRule[] = [{ kind: "all", slug: "nginx", version: null }];
    const s = summarizeWorkbook("RVTools_export_all.xlsx", xlsx);
    const skipped = contributionsFromWorkbook("RVTools_export_all.xlsx", xlsx, rules);
    expect(skipped.implausibleSkipped).toBe(1);
    expect(skipped.contributions).toHaveLength(s.vmCount - 1);
    expect(skipped.contributions.some((c) => c.confirmImplausible)).toBe(false);
    const confirmed = contributionsFromWorkbook("RVTools_export_all.xlsx", xlsx, rules, {}, { confirmImplausible: true });
    expect(confirmed.implausibleSkipped).toBe(0);
    expect(confirmed.contributions).toHaveLength(s.vmCount);
    expect(confirmed.contributions.filter((c) => c.confirmImplausible).map((c) => c.vm.memoryMiB)).toEqual([10 * 1024 * 1024]);
  });
});

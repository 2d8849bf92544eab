import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contributionsFromWorkbook, summarizeWorkbook } from "@/lib/contribute/bulk-import";
import { parseUpload } from "@/lib/estates/upload";
import { sampleSpec, writeCsvZip, writeWorkbook } from "./workbook-generator.test-support";
import { openZip, readEntry } from "./zip";

/**
 * Every place that takes a workbook accepts both styles and the per-tab CSV
 * zip: bulk import, estates (parseFile and detection), and the command line
 * (parse and redact). The redaction tool's own tests are in redact-styles.
 */
const spec = sampleSpec();
const inputs = {
  "OpenXML SDK xlsx": { name: "RVTools_export_all.xlsx", data: writeWorkbook(spec) },
  "Excel xlsx": { name: "RVTools_export_all.xlsx", data: writeWorkbook({ ...spec, style: "excel" }) },
  "per-tab CSV zip": { name: "RVTools_export_all.zip", data: writeCsvZip(spec, "RVTools_export_all/") },
};

describe("entry points take every workbook form", () => {
  for (const [label, input] of Object.entries(inputs)) {
    it(`${label}: bulk import summary and contributions, and an estate upload`, () => {
      const summary = summarizeWorkbook(input.name, input.data);
      expect(summary.vmCount).toBe(2);
      expect(summary.rows.map((r) => [r.name, r.vcpus, r.memoryMiB, r.diskGiB])).toEqual([["web-01", 2, 4096, 40], ["sql-01", 8, 65536, 600]]);
      const { contributions } = contributionsFromWorkbook(input.name, input.data, [{ kind: "all", slug: "generic-app", version: null }]);
      expect(contributions.map((c) => c.vm.totalDiskGiB)).toEqual([40, 600]);
      expect(contributions[1].vm.disks.map((d) => d.sizeGiB)).toEqual([null, null]);

      const upload = parseUpload([{ fileName: input.name, data: input.data }]);
      expect(upload.parsed.map((p) => p.vm.cpu.vcpus)).toEqual([2, 8]);
    });
  }
});

describe("command line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vmc-rvtools-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = path.resolve(__dirname, "..", "..", "..");
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "lib/cli/main.ts", ...args], { cwd: root, encoding: "utf8", timeout: 90_000 });

  it("vmcompare parse reads an OpenXML SDK workbook, and vmcompare redact a per-tab CSV zip", () => {
    const xlsx = path.join(dir, "export.xlsx");
    writeFileSync(xlsx, inputs["OpenXML SDK xlsx"].data);
    const parsed = cli("parse", xlsx);
    expect(parsed.status).toBe(0);
    expect(JSON.parse(parsed.stdout).vms.map((v: { name: string; totalDiskGiB: number | null }) => [v.name, v.totalDiskGiB])).toEqual([["web-01", 40], ["sql-01", 600]]);

    const zip = path.join(dir, "export.zip");
    const out = path.join(dir, "redacted.zip");
    writeFileSync(zip, inputs["per-tab CSV zip"].data);
    const redacted = cli("redact", zip, out);
    expect(redacted.status).toBe(0);
    expect(redacted.stderr).toMatch(/redacted \d+ distinct values: vm 3/);
    const again = cli("parse", out);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).vms.map((v: { name: string }) => v.name)).toEqual(["vm-0001", "vm-0002"]);
    expect(readFileSync(out).includes(Buffer.from("web-01"))).toBe(false);
  });

  it("parse reads the Excel xlsx and the CSV zip, redact keeps each xlsx style; unknown disk sizes stay null", () => {
    // A VM whose disk RVTools could not read: 0 in vDisk, vInfo's total empty.
    const lost = { ...spec.vms[0], name: "lost-01", uuid: "50aa0000-0000-4000-8000-000000000009", memoryMiB: 2048, disks: [{ ...spec.vms[0].disks[0], capacityMiB: 0 }], totalDiskMiB: null };
    const withLost = { ...spec, vms: [...spec.vms, lost] };
    const files = {
      "excel.xlsx": writeWorkbook({ ...withLost, style: "excel" }),
      "sdk.xlsx": writeWorkbook(withLost),
      "export.zip": writeCsvZip(withLost, "RVTools_export_all/"),
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
    const totals = (stdout: string) => JSON.parse(stdout).vms.map((v: { name: string; totalDiskGiB: number | null; disks: { sizeGiB: number | null }[] }) => [v.name, v.totalDiskGiB, v.disks.map((d) => d.sizeGiB)]);
    const want = [["web-01", 40, [40]], ["sql-01", 600, [null, null]], ["lost-01", null, [null]]];

    // Through the npm script once, as the README gives it.
    const viaNpm = spawnSync("npm", ["run", "--silent", "vmcompare", "--", "parse", path.join(dir, "excel.xlsx")], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(viaNpm.status, viaNpm.stderr).toBe(0);
    expect(totals(viaNpm.stdout)).toEqual(want);
    const zip = cli("parse", path.join(dir, "export.zip"));
    expect(zip.status, zip.stderr).toBe(0);
    expect(totals(zip.stdout)).toEqual(want);

    for (const style of ["sdk", "excel"] as const) {
      const out = path.join(dir, `${style}-redacted.xlsx`);
      const redacted = cli("redact", path.join(dir, `${style}.xlsx`), out);
      expect(redacted.status, redacted.stderr).toBe(0);
      const parts = openZip(readFileSync(out), out);
      const sheet = readEntry(parts, "xl/worksheets/sheet1.xml")!.toString("utf8");
      if (style === "sdk") {
        expect(sheet).toMatch(/<x:row /);
        expect(sheet).not.toMatch(/<(row|c|v) /);
        expect([...parts.entries.keys()].at(-1)).toBe("[Content_Types].xml");
      } else {
        expect(sheet).toMatch(/<row /);
        expect(sheet).not.toContain("<x:");
      }
      for (const value of ["web-01", "sql-01", "lost-01", "esx01.test.example"]) expect(readFileSync(out).includes(Buffer.from(value)), value).toBe(false);
      const again = cli("parse", out);
      expect(again.status, again.stderr).toBe(0);
      expect(totals(again.stdout)).toEqual(want.map(([, total, disks], i) => [`vm-000${i === 2 ? 4 : i + 1}`, total, disks]));
    }
  }, 240_000);
});

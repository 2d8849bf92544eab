import { describe, expect, it } from "vitest";
import type { NormalizedVm } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";
import { contextSchema } from "@/lib/vm/context";
import {
  assembleComparison,
  choosePeerGroup,
  groupKeys,
  groupPointOf,
  peerPointOf,
  sampleStart,
  similarVms,
  subjectFromRecord,
  subjectFromUnpublished,
  summaryOf,
  wantedGroupKeys,
  type ComparisonSubject,
  type SimilarCandidate,
} from "./assemble";
import { applyPoint, emptyGroupStats, type GroupStats } from "./frequency";
import { sampleConfig } from "@/lib/compare/testing/fixtures";

const config = sampleConfig;

const CREATED = new Date("2026-03-01T00:00:00Z");

/** Group statistics holding `count` copies of `vm`, as lib/db/peer-stats.ts would store them. */
function statsOf(...groups: [count: number, vm: NormalizedVm][]): GroupStats {
  const s = emptyGroupStats();
  for (const [count, vm] of groups) for (let i = 0; i < count; i++) applyPoint(s, groupPointOf(vm, CREATED), 1);
  return s;
}

const exchange = (version: string | null) => [{ slug: "microsoft-exchange", name: "Microsoft Exchange Server", version, primary: true }];

function stored(vm: NormalizedVm, tags = exchange("2019")): ComparisonSubject {
  return { id: "subject12345", vm, tags, context: contextSchema.parse({}), storedPoint: groupPointOf(vm, CREATED) };
}

describe("choosePeerGroup", () => {
  const me = config(2, 8192, "e1000");
  // Stored statistics count the subject itself: 1 + 19 Exchange 2019, 5 Exchange 2016.
  const v2019 = statsOf([1, me], [19, config(4, 16384)]);
  const app = statsOf([1, me], [19, config(4, 16384)], [5, config(8, 32768)]);
  const byKey = new Map([
    ["appv:microsoft-exchange@2019", v2019],
    ["app:microsoft-exchange", app],
    ["family:windows", app],
    ["all", app],
  ]);

  it("names the groups narrowest first", () => {
    const s = stored(me);
    expect(groupKeys(s)).toEqual({ "app-version": "appv:microsoft-exchange@2019", app: "app:microsoft-exchange", "guest-family": "family:windows", all: "all" });
    expect(wantedGroupKeys(subjectFromUnpublished({ vm: config(2, 8192), tags: [] }))).toEqual(["family:windows", "all"]);
  });

  it("takes the VM out of its groups and widens from 19 same-version peers to the application", () => {
    const g = choosePeerGroup(stored(me), byKey);
    expect(g.counts).toEqual({ sameAppSameVersion: 19, sameAppAnyVersion: 24, sameGuestFamily: 24, all: 24 });
    expect(g).toMatchObject({ rule: "app", key: "app:microsoft-exchange" });
    expect(g.stats.n).toBe(24);
    expect(g.stats.metrics.vcpus).toEqual({ "4": 19, "8": 5 });
    expect(g.choice.description).toBe("Published VMs tagged Microsoft Exchange Server, any version (n = 24)");
    // The stored statistics are not changed by the subtraction.
    expect(app.n).toBe(25);
  });

  it("keeps every peer of a configuration that is not stored", () => {
    const g = choosePeerGroup(subjectFromUnpublished({ vm: me, tags: [{ slug: "microsoft-exchange", version: "2019", primary: true }] }), byKey);
    expect(g).toMatchObject({ rule: "app-version", key: "appv:microsoft-exchange@2019" });
    expect(g.stats.n).toBe(20);
  });

  it("falls back to all with its small n when nothing is stored", () => {
    const g = choosePeerGroup(stored(me), new Map());
    expect(g).toMatchObject({ rule: "all", key: "all" });
    expect(g.stats.n).toBe(0);
    expect(g.choice.description).toBe("All published VMs (n = 0)");
  });
});

describe("assembleComparison", () => {
  const me = config(2, 8192, "e1000");
  const stats = statsOf([1, me], [20, config(4, 16384)]);
  const byKey = new Map([["appv:microsoft-exchange@2019", stats], ["app:microsoft-exchange", stats], ["family:windows", stats], ["all", stats]]);
  const s = stored(me);
  const candidates: SimilarCandidate[] = [
    { point: { ...peerPointOf("peer00000001", config(4, 16384)) }, primaryApp: "microsoft-exchange" },
    { point: { ...peerPointOf("peer00000002", config(2, 8192)), firmware: "bios" }, primaryApp: null },
  ];
  const c = assembleComparison(s, choosePeerGroup(s, byKey), { scatter: [{ id: "peer00000001", vcpus: 4, memoryGiB: 16 }], candidates }, new Date("2026-12-04T10:00:00Z"));

  it("describes the VM and its group", () => {
    expect(c.generatedAt).toBe("2026-12-04T10:00:00.000Z");
    expect(c.vm).toMatchObject({ id: "subject12345", summary: "2 vCPUs, 8 GiB memory, 100 GiB disk, Microsoft Windows Server 2019 (64-bit)" });
    expect("name" in c.vm.config).toBe(false);
    expect(c.app).toEqual({ slug: "microsoft-exchange", name: "Microsoft Exchange Server", version: "2019" });
    expect(c.peerGroup).toEqual({
      rule: "app-version",
      description: "Published VMs tagged Microsoft Exchange Server 2019 (n = 20)",
      n: 20,
      minN: 20,
      key: "appv:microsoft-exchange@2019",
      considered: [
        { rule: "app-version", n: 20 },
        { rule: "app", n: 20 },
        { rule: "guest-family", n: 20 },
        { rule: "all", n: 20 },
      ],
    });
    expect(c.scatter).toEqual([{ id: "peer00000001", vcpus: 4, memoryGiB: 16 }]);
  });

  it("places the VM's metrics among its peers and states the findings", () => {
    expect(c.metrics.find((m) => m.key === "vcpus")).toMatchObject({ value: 2, n: 20, min: 4, max: 4, p50: 4, percentile: 0, unknown: 0 });
    expect(c.metrics.find((m) => m.key === "memoryMiB")).toMatchObject({ value: 8, p25: 16, p75: 16 });
    expect(c.findings.map((f) => f.text)).toEqual([
      "This Microsoft Exchange Server VM has 2 vCPUs; 20 of 20 Microsoft Exchange Server VMs (100%) have 4 or more.",
      "This Microsoft Exchange Server VM has 8 GiB of memory; 20 of 20 Microsoft Exchange Server VMs (100%) have 16 GiB or more.",
      "20 of 20 Microsoft Exchange Server VMs (100%) use vmxnet3 NICs; this VM uses e1000.",
    ]);
    expect(c.checksRun).toBe(6);
    expect(c.checks.some((f) => /e1000/i.test(f.explanation))).toBe(true);
  });

  it("ranks the candidates and says how each differs", () => {
    expect(c.similar.map((v) => v.id)).toEqual(["peer00000002", "peer00000001"]);
    expect(c.similar[0]).toMatchObject({ appName: null, vcpus: 2, memoryGiB: 8, totalDiskGiB: 100, otherDiffs: ["firmware BIOS"] });
    expect(c.similar[1].appName).toBe("Microsoft Exchange Server");
    expect(c.similar[1].diffs.find((d) => d.key === "vcpus")).toMatchObject({ text: "+2 vCPUs", direction: "more", tone: "neutral" });
    expect(c.similar[1].otherDiffs).toEqual([]);
  });

  it("says why an unknown total disk is not compared", () => {
    const unsized = subjectFromUnpublished({ vm: { ...me, disks: [{ sizeGiB: null, bus: "scsi", provisioning: null }, { sizeGiB: 0, bus: "scsi", provisioning: null }] }, tags: [] });
    const u = assembleComparison(unsized, choosePeerGroup(unsized, byKey), { scatter: [], candidates: [] });
    const disk = u.metrics.find((m) => m.key === "totalDiskGiB")!;
    // A size of 0 is no size: both disks are of unknown size.
    expect(disk).toMatchObject({ value: null, percentile: null, note: "2 disks of unknown size: the total disk is unknown and not compared." });
    expect(u.findings.map((f) => f.metric)).not.toContain("totalDiskGiB");
    expect(u.similar).toEqual([]);
    const diskless = subjectFromUnpublished({ vm: { ...me, disks: [] }, tags: [] });
    expect(assembleComparison(diskless, choosePeerGroup(diskless, byKey), { scatter: [], candidates: [] }).metrics.find((m) => m.key === "totalDiskGiB")!.note)
      .toBe("The source lists no disks: the total disk is unknown and not compared.");
  });
});

describe("subjects", () => {
  it("drops the name of an unpublished configuration and names its tags from the taxonomy", () => {
    const s = subjectFromUnpublished({ vm: { ...config(4, 16384), name: "secret-host" }, tags: [{ slug: "microsoft-exchange", version: null, primary: false }] });
    expect(s.vm.name).toBeNull();
    expect(s.id).toBeNull();
    expect(s.storedPoint).toBeNull();
    // withPrimary makes the only tag primary.
    expect(s.tags).toEqual([{ slug: "microsoft-exchange", name: "Microsoft Exchange Server", version: null, primary: true }]);
  });

  it("takes nothing out of the groups for an implausible VM awaiting confirmation", () => {
    const rec = (reasons: string[], confirmedAt: string | null): VmRecord => ({
      id: "vm0000000001", status: "published", isDemo: false, createdAt: "2025-06-30", updatedAt: "2025-06-30",
      vm: config(4, 16384), plausibility: { reasons, confirmedAt }, tags: [], context: contextSchema.parse({}),
    });
    expect(subjectFromRecord(rec(["too much memory"], null)).storedPoint).toBeNull();
    expect(subjectFromRecord(rec(["too much memory"], "2025-07-01T00:00:00.000Z")).storedPoint).toMatchObject({ vcpus: 4, year: 2025 });
    expect(subjectFromRecord(rec([], null)).storedPoint).toMatchObject({ memoryMiB: 16384, totalDiskGiB: 100, nicModels: ["vmxnet3"] });
  });

  it("starts the chart's sample at the VM's id, or at a repeatable place derived from its sizing", () => {
    expect(sampleStart({ id: "abc123", vm: config(2, 8192) })).toBe("abc123");
    const a = sampleStart({ id: null, vm: config(2, 8192) });
    expect(a).toMatch(/^[a-hjkmnp-z2-9]{2}$/);
    expect(sampleStart({ id: null, vm: config(2, 8192) })).toBe(a);
  });

  it("summarizes the configuration in words", () => {
    expect(summaryOf({ ...config(1, 512), guestOs: { id: null, family: "linux", name: null } })).toBe("1 vCPU, 512 MiB memory, 100 GiB disk, Linux");
  });

  it("ranks nothing without candidates", () => {
    expect(similarVms(peerPointOf(null, config(2, 8192)), [])).toEqual([]);
  });
});

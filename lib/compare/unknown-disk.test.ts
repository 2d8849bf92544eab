import { describe, expect, it } from "vitest";
import { diffFromBaseline } from "@/lib/compare/baseline";
import { findings } from "@/lib/compare/findings";
import { applyPoint, emptyGroupStats, unknownCount, type GroupStats } from "@/lib/compare/frequency";
import { compareVm } from "@/lib/compare/metrics";
import { nearestNeighbours, SIMILARITY_FEATURES } from "@/lib/compare/similarity";
import type { PeerPoint } from "@/lib/compare/types";
import { histogramBars } from "@/components/charts/histogram-chart";
import { blankVm, totalDiskGiB, zeroSizesAsUnknown } from "@/lib/vm/model";
import { describeTotalDisk } from "@/lib/vm/disk-text";
import { compareVmFromStats, findingsFromStats } from "./from-stats";

const disk = (sizeGiB: number | null) => ({ sizeGiB, bus: null, provisioning: null });

describe("totalDiskGiB: the one derivation of a VM's total disk", () => {
  const vm = (disks: (number | null)[], stated: number | null = null) => ({ ...blankVm("manual"), disks: disks.map(disk), totalDiskGiB: stated });

  it("sums the disks when every size is known", () => {
    expect(totalDiskGiB(vm([100, 400.5]))).toBe(500.5);
    expect(totalDiskGiB(vm([0.1, 0.2]))).toBe(0.3);
  });

  it("is null without disks, and null when any disk's size is unknown (never 0, never a partial sum)", () => {
    expect(totalDiskGiB(vm([]))).toBeNull();
    expect(totalDiskGiB(vm([null]))).toBeNull();
    expect(totalDiskGiB(vm([100, null]))).toBeNull();
  });

  it("prefers the total the source states, even where disks are unknown or sum differently", () => {
    expect(totalDiskGiB(vm([null, null], 300))).toBe(300);
    expect(totalDiskGiB(vm([], 120))).toBe(120);
    expect(totalDiskGiB(vm([10], 12.345))).toBe(12.35);
  });

  it("reads a 0 GiB disk or total as unknown where VMs enter the site", () => {
    const z = zeroSizesAsUnknown(vm([0, 40], 0));
    expect(z.disks.map((d) => d.sizeGiB)).toEqual([null, 40]);
    expect(z.totalDiskGiB).toBeNull();
    expect(totalDiskGiB(z)).toBeNull();
    const kept = vm([40]);
    expect(zeroSizesAsUnknown(kept)).toBe(kept);
  });

  it("says why a total is unknown instead of printing 0 GiB", () => {
    expect(describeTotalDisk(vm([100, 400.5]))).toBe("500.5 GiB in 2 disks");
    expect(describeTotalDisk(vm([]))).toBe("unknown (no disks listed)");
    expect(describeTotalDisk(vm([null, null]))).toBe("unknown (2 disks, sizes not given)");
    expect(describeTotalDisk(vm([100, null, null]))).toBe("unknown (3 disks, 2 of unknown size)");
    expect(describeTotalDisk(vm([null], 2048))).toBe("2 TiB in 1 disk");
  });
});

function point(id: string, totalDiskGiB: number | null, fields: Partial<PeerPoint> = {}): PeerPoint {
  return { id, vcpus: 4, memoryMiB: 16384, totalDiskGiB, diskCount: 1, nicCount: 1, guestFamily: "linux", firmware: "efi", nicModels: ["vmxnet3"], ...fields };
}

function statsOf(peers: PeerPoint[]): GroupStats {
  const s = emptyGroupStats();
  for (const p of peers) {
    applyPoint(s, {
      vcpus: p.vcpus, memoryMiB: p.memoryMiB, totalDiskGiB: p.totalDiskGiB, diskCount: p.diskCount, nicCount: p.nicCount,
      hypervisor: null, guestOs: p.guestFamily ?? null, firmware: p.firmware ?? null, nicModels: p.nicModels ?? [], year: 2026,
    }, 1);
  }
  return s;
}

// 40 peers: 38 with totals 10, 20, …, 380 GiB; 2 without disk sizes.
const peers = [...Array.from({ length: 38 }, (_, i) => point(`k${i}`, 10 * (i + 1))), point("u1", null), point("u2", null)];

describe("statistics with unknown totals", () => {
  it("keeps unknowns out of the distribution and counts them: n = 40; 2 without disk sizes", () => {
    const s = statsOf(peers);
    expect(s.n).toBe(40);
    expect(Object.values(s.metrics.totalDiskGiB).reduce((a, b) => a + b, 0)).toBe(38);
    expect(s.metrics.totalDiskGiB["0"]).toBeUndefined();
    expect(unknownCount(s, "totalDiskGiB")).toBe(2);
    expect(unknownCount(s, "vcpus")).toBe(0);
    // Removing an unknown VM takes it out of n only.
    applyPoint(s, { vcpus: 4, memoryMiB: 16384, totalDiskGiB: null, diskCount: 1, nicCount: 1, hypervisor: null, guestOs: "linux", firmware: "efi", nicModels: ["vmxnet3"], year: 2026 }, -1);
    expect(unknownCount(s, "totalDiskGiB")).toBe(1);
  });

  it("gives the percentile over the known values only, the same from arrays and from maps", () => {
    const me = point("me", 95);
    const c = compareVmFromStats(me, statsOf(peers));
    // 9 peers below 95 GiB (10 … 90), none equal: 9 / 38.
    expect(c.totalDiskGiB).toMatchObject({ value: 95, n: 38, unknown: 2, min: 10, max: 380, percentile: (9 / 38) * 100 });
    expect(c.totalDiskGiB.histogram.reduce((s, b) => s + b.count, 0)).toBe(38);
    expect(c.totalDiskGiB.histogram[0].x0).toBeGreaterThan(0);
    expect(c.vcpus).toMatchObject({ n: 40, unknown: 0 });
    expect(compareVm(me, peers)).toEqual(c);
  });

  it("has no percentile and no finding for a VM whose total is unknown", () => {
    const me = point("me", null, { vcpus: 1 });
    const c = compareVmFromStats(me, statsOf(peers));
    expect(c.totalDiskGiB).toMatchObject({ value: null, percentile: null, n: 38, unknown: 2 });
    const f = findingsFromStats({ appName: null, vm: me, stats: statsOf(peers), rule: "all" });
    expect(f.map((x) => x.id)).toEqual(["vcpus-low"]);
    expect(findings({ appName: null, vm: me, metrics: compareVm(me, peers), peers, rule: "all" })).toEqual(f);
  });

  it("takes a disk finding's share over the peers that report disk sizes", () => {
    const me = point("me", 1000);
    const f = findingsFromStats({ appName: null, vm: me, stats: statsOf(peers), rule: "all" });
    const diskFinding = f.find((x) => x.metric === "totalDiskGiB")!;
    expect(diskFinding.numbers).toMatchObject({ count: 38, of: 38, pct: 100 });
    expect(diskFinding.text).toBe("This VM has 1000 GiB of disk in total; 38 of the 38 published VMs that report disk sizes (100%) have 380 GiB or less.");
    expect(findings({ appName: null, vm: me, metrics: compareVm(me, peers), peers, rule: "all" })).toEqual(f);
  });

  it("says nothing about disk when too few peers report disk sizes", () => {
    const mostlyUnknown = [...Array.from({ length: 19 }, (_, i) => point(`u${i}`, null)), ...Array.from({ length: 5 }, (_, i) => point(`k${i}`, 10))];
    const f = findingsFromStats({ appName: null, vm: point("me", 1000), stats: statsOf(mostlyUnknown), rule: "all" });
    expect(f.some((x) => x.metric === "totalDiskGiB")).toBe(false);
  });
});

describe("similarity and differences with an unknown total", () => {
  it("skips the unknown dimension and scales the rest by total weight / weight compared", () => {
    const target = point("t", null);
    const sameSize = point("a", 100);
    const twiceTheCpus = point("b", 100, { vcpus: 8 });
    const [a, b] = nearestNeighbours(target, [twiceTheCpus, sameSize]);
    expect(a).toMatchObject({ id: "a", distance: 0 });
    // vCPUs: log2 4 = 2 vs 3; candidates' std 0.5 -> 2 standard deviations, weight 1; disk skipped:
    // 4 / (1 + 1 + 0.5 + 0.5) = 4/3 of (2)^2.
    const total = SIMILARITY_FEATURES.reduce((s, f) => s + f.weight, 0);
    expect(total).toBe(4);
    expect(b.distance).toBeCloseTo(Math.sqrt((4 * 4) / 3), 9);
  });

  it("never reads an unknown total as 0 GiB: a peer without disk sizes is not 'far' from a 40 GiB VM", () => {
    const target = point("t", 40);
    const ranked = nearestNeighbours(target, [point("unknown", null), point("big", 400)]);
    expect(ranked.map((n) => n.id)).toEqual(["unknown", "big"]);
    expect(ranked[0].distance).toBe(0);
  });

  it("says 'unknown' instead of a difference computed against 0", () => {
    const d = diffFromBaseline(point("t", null), point("o", 40));
    expect(d.totalDiskGiB).toMatchObject({ text: "unknown", direction: "unknown" });
    expect(d.vcpus.text).toBe("same");
    expect(diffFromBaseline(point("t", 40), point("o", null)).totalDiskGiB.text).toBe("unknown");
  });

  it("draws no bar and no mark at 0 for an unknown value", () => {
    const bins = [{ x0: 8, x1: 16, label: "8–16", count: 3 }, { x0: 16, x1: 32, label: "16–32", count: 5 }];
    expect(histogramBars(bins, null)).toEqual({ data: bins.map((b) => ({ ...b, mark: "" })), marked: -1, outside: false });
    const known = histogramBars(bins, 4);
    expect(known.data.map((b) => b.label)).toEqual(["4", "8–16", "16–32"]);
    expect(known.marked).toBe(0);
  });
});

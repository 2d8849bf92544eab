import { describe, expect, it } from "vitest";
import { compareMetric, compareVm, METRICS, metricDef } from "@/lib/compare/metrics";
import type { PeerPoint } from "@/lib/compare/types";

function point(id: string, vcpus: number, memoryMiB: number, totalDiskGiB = 100, diskCount = 1, nicCount = 1): PeerPoint {
  return { id, vcpus, memoryMiB, totalDiskGiB, diskCount, nicCount };
}

describe("METRICS", () => {
  it("lists the compared dimensions in display order", () => {
    expect(METRICS.map((m) => [m.key, m.label, m.unit])).toEqual([
      ["vcpus", "vCPUs", ""],
      ["memoryMiB", "Memory", "GiB"],
      ["totalDiskGiB", "Total disk", "GiB"],
      ["diskCount", "Disks", ""],
      ["nicCount", "NICs", ""],
    ]);
  });

  it("formats display values with units and correct plurals", () => {
    expect(metricDef("vcpus").format(1)).toBe("1 vCPU");
    expect(metricDef("vcpus").format(2)).toBe("2 vCPUs");
    expect(metricDef("memoryMiB").format(metricDef("memoryMiB").toDisplay(1536))).toBe("1.5 GiB");
    expect(metricDef("totalDiskGiB").format(40)).toBe("40 GiB");
    expect(metricDef("diskCount").format(0)).toBe("0 disks");
    expect(metricDef("nicCount").format(1)).toBe("1 NIC");
  });
});

describe("compareMetric", () => {
  it("places a value among its peers", () => {
    const c = compareMetric(4, [2, 4, 4, 8]);
    expect(c).toMatchObject({ value: 4, percentile: 50, n: 4, min: 2, max: 8, mean: 4.5, p25: 3.5, p50: 4, p75: 5 });
    expect(c.histogram.map((b) => [b.label, b.count])).toEqual([
      ["2", 1],
      ["4", 2],
      ["8", 1],
    ]);
  });

  it("has null statistics and no bars without peers", () => {
    expect(compareMetric(4, [])).toEqual({
      value: 4, percentile: null, n: 0, unknown: 0, min: null, max: null, mean: null, p25: null, p50: null, p75: null, histogram: [],
    });
  });
});

describe("compareVm", () => {
  it("compares every metric, memory in GiB", () => {
    const vm = point("me", 2, 8192, 60, 2, 1);
    const peers = [point("a", 4, 16384), point("b", 4, 16384), point("c", 8, 32768), point("d", 2, 8192)];
    const c = compareVm(vm, peers);
    expect(Object.keys(c)).toEqual(["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"]);
    expect(c.vcpus).toMatchObject({ key: "vcpus", label: "vCPUs", value: 2, percentile: 12.5, p50: 4 });
    expect(c.memoryMiB).toMatchObject({ unit: "GiB", value: 8, percentile: 12.5, min: 8, p50: 16, max: 32 });
    expect(c.memoryMiB.histogram.map((b) => b.label)).toEqual(["8", "16", "32"]);
    expect(c.totalDiskGiB).toMatchObject({ value: 60, percentile: 0 });
    expect(c.diskCount).toMatchObject({ value: 2, percentile: 100 });
    expect(c.nicCount).toMatchObject({ value: 1, percentile: 50 });
  });
});

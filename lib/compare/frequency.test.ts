import { describe, expect, it } from "vitest";
import { applyPoint, emptyGroupStats, expandFreq, freqQuantile, mergeGroupStats, topShares, type GroupPoint } from "./frequency";
import { quantile } from "./stats";

const p = (vcpus: number, memoryMiB: number, year = 2024, nicModels = ["vmxnet3"]): GroupPoint => ({
  vcpus, memoryMiB, totalDiskGiB: 60.4, diskCount: 1, nicCount: nicModels.length,
  hypervisor: "VMware ESXi", guestOs: "windows", firmware: "efi", nicModels, year,
});

describe("group stats as frequency maps", () => {
  it("adds and removes VMs exactly", () => {
    const s = emptyGroupStats();
    applyPoint(s, p(2, 4096), 1);
    applyPoint(s, p(4, 8192), 1);
    applyPoint(s, p(4, 8192, 2025), 1);
    expect(s.n).toBe(3);
    expect(s.metrics.vcpus).toEqual({ "2": 1, "4": 2 });
    expect(s.metrics.totalDiskGiB).toEqual({ "60": 3 });
    expect(s.splits.year).toEqual({ "2024": 2, "2025": 1 });
    applyPoint(s, p(4, 8192, 2025), -1);
    expect(s.metrics.vcpus).toEqual({ "2": 1, "4": 1 });
    expect(s.byYear["2025"]).toBeUndefined();
  });

  it("merges deltas, including negative ones", () => {
    const a = emptyGroupStats();
    applyPoint(a, p(2, 4096), 1);
    const d = emptyGroupStats();
    applyPoint(d, p(8, 16384, 2024, ["e1000", "e1000"]), 1, true);
    mergeGroupStats(a, d);
    expect(a.n).toBe(2);
    expect(a.splits.nicModel).toEqual({ vmxnet3: 1, e1000: 1 });
    const neg = emptyGroupStats();
    applyPoint(neg, p(2, 4096), -1, true);
    mergeGroupStats(a, neg);
    expect(a.n).toBe(1);
    expect(a.metrics.vcpus).toEqual({ "8": 1 });
  });

  it("computes the same quantiles as the expanded values", () => {
    const f = { "1": 2, "2": 5, "4": 10, "8": 3 };
    const values = expandFreq(f);
    expect(values.length).toBe(20);
    for (const q of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) expect(freqQuantile(f, q)).toBeCloseTo(quantile(values, q), 10);
    expect(freqQuantile({}, 0.5)).toBeNull();
  });

  it("ranks shares", () => {
    expect(topShares({ a: 1, b: 3 })).toEqual([
      { key: "b", count: 3, share: 0.75 },
      { key: "a", count: 1, share: 0.25 },
    ]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findings } from "@/lib/compare/findings";
import { applyPoint, emptyGroupStats, type GroupStats } from "@/lib/compare/frequency";
import { compareMetric, compareVm } from "@/lib/compare/metrics";
import { histogram } from "@/lib/compare/stats";
import type { PeerPoint } from "@/lib/compare/types";
import { manyPeers, SMALL_VM, TWENTY_PEERS } from "@/lib/compare/testing/fixtures";
import { compareMetricFromPairs, compareVmFromStats, findingsFromStats, histogramFromPairs } from "./from-stats";

function statsOf(peers: PeerPoint[]): GroupStats {
  const s = emptyGroupStats();
  for (const p of peers) {
    applyPoint(s, {
      vcpus: p.vcpus, memoryMiB: p.memoryMiB, totalDiskGiB: p.totalDiskGiB, diskCount: p.diskCount, nicCount: p.nicCount,
      hypervisor: p.hypervisorVendor ?? null, guestOs: p.guestFamily ?? null, firmware: p.firmware ?? null,
      nicModels: p.nicModels ?? [], year: 2025,
    }, 1);
  }
  return s;
}

const many = manyPeers;
const vm = SMALL_VM;

// The group of findings.test.ts: 16 of 20 above 2 vCPUs, every disk total below 400 GiB, 17 vmxnet3, 16 EFI.
const peers = TWENTY_PEERS;

describe("comparison from frequency maps", () => {
  it("gives the known quartiles, percentile and histogram", () => {
    const c = compareVmFromStats(vm, statsOf(peers));
    // vCPUs sorted: 2 at 0-3, 4 at 4-13, 8 at 14-19; type 7: p25 h = 4.75 -> 4, p50 h = 9.5 -> 4, p75 h = 14.25 -> 8
    expect(c.vcpus).toMatchObject({ n: 20, value: 2, percentile: 10, min: 2, max: 8, p25: 4, p50: 4, p75: 8 });
    expect(c.vcpus.histogram.map((b) => [b.label, b.count])).toEqual([["2", 4], ["4", 10], ["8", 6]]);
    // memory in GiB: 8 at 8 GiB, 12 at 16 GiB; the VM's 8 GiB ties with 8 -> (0 + 8/2) / 20 = 20
    expect(c.memoryMiB).toMatchObject({ value: 8, percentile: 20, p50: 16 });
    expect(c.totalDiskGiB.percentile).toBe(100);
  });

  it("equals the array-based comparison on the same peers", () => {
    expect(compareVmFromStats(vm, statsOf(peers))).toEqual(compareVm(vm, peers));
  });

  it("states the same findings with the same numbers as the array path", () => {
    const fromArrays = findings({ appName: "Microsoft Exchange Server", vm, metrics: compareVm(vm, peers), peers, rule: "app" });
    const fromStats = findingsFromStats({ appName: "Microsoft Exchange Server", vm, stats: statsOf(peers), rule: "app" });
    expect(fromStats).toEqual(fromArrays);
    expect(fromStats.map((f) => f.id)).toEqual(["vcpus-low", "totalDiskGiB-high", "nic-model", "firmware"]);
    expect(fromStats[0].text).toBe(
      "This Microsoft Exchange Server VM has 2 vCPUs; 16 of 20 Microsoft Exchange Server VMs (80%) have 4 or more.",
    );
  });

  it("takes categorical shares over the peers that report them", () => {
    const group = [...many(17, 0, { firmware: "efi", nicModels: [] }), ...many(3, 17, { firmware: null, nicModels: [] })];
    const me = { ...group[0], id: "me", firmware: "bios", nicModels: ["e1000"] };
    const s = statsOf(group);
    expect(findingsFromStats({ appName: null, vm: me, stats: s, rule: "all", minN: 15 }).map((f) => f.text)).toEqual([
      "This VM boots with BIOS; 17 of the 17 published VMs that report firmware (100%) use EFI.",
    ]);
    // every peer lacks a NIC model, so no NIC finding; and at the default minimum of 20, 17 reporters are too few
    expect(findingsFromStats({ appName: null, vm: me, stats: s, rule: "all" })).toEqual([]);
  });

  it("says nothing about a group below the minimum", () => {
    expect(findingsFromStats({ appName: null, vm, stats: statsOf(peers.slice(0, 19)), rule: "all" })).toEqual([]);
  });

  it("returns empty statistics for an empty group", () => {
    expect(compareMetricFromPairs(3, [])).toMatchObject({ n: 0, percentile: null, p50: null, histogram: [] });
  });

  it("matches compareMetric and histogram on random data (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constantFrom(0.5, 1.5, 3, 100, 1000, 4096)), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 200 }),
        fc.boolean(),
        (values, value, log2) => {
          const counts = new Map<number, number>();
          for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
          const pairs = [...counts].sort((a, b) => a[0] - b[0]);
          expect(histogramFromPairs(pairs, { log2 })).toEqual(histogram(values, { log2 }));
          const a = compareMetric(value, values, { log2 });
          const b = compareMetricFromPairs(value, pairs, { log2 });
          expect(b.percentile).toBeCloseTo(a.percentile!, 9);
          expect(b.mean).toBeCloseTo(a.mean!, 9);
          expect({ ...b, percentile: 0, mean: 0 }).toEqual({ ...a, percentile: 0, mean: 0 });
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import type { Utilization } from "@/lib/vm/model";
import { rightSize, MIN_RIGHT_SIZE_PEERS, RIGHT_SIZE_TARGET_PCT } from "./right-size";
import { usageFindings } from "./usage-findings";
import { compareUsage, usagePercentiles, type PeerUsage } from "./usage-peers";

const fig = (metric: Utilization["metric"], statistic: Utilization["statistic"], value: number, window: string | null = statistic === "sample" ? null : "P30D", source: Utilization["source"] = "vcenter"): Utilization =>
  ({ metric, statistic, window, source, value });
const peer = (vcpus: number, memoryGiB: number, ...utilization: Utilization[]): PeerUsage => ({ vcpus, memoryMiB: memoryGiB * 1024, utilization });

describe("usage percentiles", () => {
  it("gives mid-rank percentile and interpolated quartiles over any order of values", () => {
    // Sorted: 10 20 30 40 50 60 70 80; 35 has 3 below -> 37.5; quartiles at positions 1.75, 3.5, 5.25.
    expect(usagePercentiles(35, [80, 10, 70, 20, 60, 30, 50, 40])).toEqual({ percentile: 37.5, p25: 27.5, median: 45, p75: 62.5 });
    expect(usagePercentiles(35, [10, 20, 30, 40])).toBeNull();
    expect(usagePercentiles(35, [10, 20, 30, 40], 4)?.median).toBe(25);
  });

  it("places each of the VM's figures among peers with the same metric and statistic, with windows and a histogram", () => {
    const peers = [10, 20, 30, 40, 50].map((v, i) => peer(4, 16, fig("cpu.usage.pct", "average", v, i === 0 ? "P7D" : "P30D")));
    peers.push(peer(8, 32, fig("cpu.usage.pct", "sample", 99)), peer(2, 8));
    const c = compareUsage([fig("cpu.usage.pct", "average", 45), fig("cpu.usage.pct", "sample", 5)], peers);
    expect(c.peersWithUsage).toBe(6);
    const [avg, sample] = c.rows;
    expect(avg).toMatchObject({ statistic: "average", value: 45, percentile: 80, median: 30, p25: 20, p75: 40, n: 5, peerWindows: ["P30D", "P7D"] });
    expect(avg.histogram.reduce((s, b) => s + b.count, 0)).toBe(5);
    // One peer has a sample: too thin to place the VM's sample, but the count is still said.
    expect(sample).toMatchObject({ statistic: "sample", n: 1, percentile: null, histogram: [] });
  });
});

describe("usage findings", () => {
  it("says size and use with the peers' median size and use, in the issue's words", () => {
    const peers = [20, 25, 31, 40, 45].map((v) => peer(4, 16, fig("cpu.usage.pct", "average", v)));
    const [f] = usageFindings({ vcpus: 8, memoryMiB: 32768, utilization: [fig("cpu.usage.pct", "average", 6), fig("cpu.usage.pct", "p95", 14)] }, peers, "Microsoft SQL Server 2022");
    expect(f.text).toBe("8 vCPUs at 6% average CPU (30 days, p95 14%). Microsoft SQL Server 2022 peers with usage data (n = 5): median 4 vCPUs at 31%.");
  });

  it("sets a sample only against samples, and says nothing with fewer than 5 such peers", () => {
    const peers = [10, 20, 30, 40].map((v) => peer(2, 8, fig("mem.active.pct", "sample", v)));
    const vm = { vcpus: 4, memoryMiB: 16384, utilization: [fig("mem.active.pct", "sample", 12)] };
    expect(usageFindings(vm, peers, "Windows")).toEqual([]);
    peers.push(peer(4, 8, fig("mem.active.pct", "average", 1)));
    expect(usageFindings(vm, peers, "Windows")).toEqual([]);
    peers.push(peer(4, 8, fig("mem.active.pct", "sample", 50)));
    expect(usageFindings(vm, peers, "Windows")[0].text).toBe("16 GiB at 12% active memory (a point-in-time sample). Windows peers with a sample of active memory (n = 5): median 8 GiB at 30%.");
  });
});

describe("right-sizing suggestion", () => {
  const peersOf = (n: number, vcpus = 4, gib = 16) => Array.from({ length: n }, () => peer(vcpus, gib, fig("cpu.usage.pct", "average", 30)));
  const vm = { vcpus: 8, memoryMiB: 32 * 1024, utilization: [fig("cpu.usage.pct", "p95", 14), fig("mem.active.pct", "p95", 20)] };

  it(`gives nothing with ${MIN_RIGHT_SIZE_PEERS - 1} peers with usage data and a suggestion with ${MIN_RIGHT_SIZE_PEERS}`, () => {
    expect(rightSize(vm, [...peersOf(MIN_RIGHT_SIZE_PEERS - 1), peer(2, 4), peer(2, 4)])).toBeNull();
    expect(rightSize(vm, peersOf(MIN_RIGHT_SIZE_PEERS))).not.toBeNull();
  });

  it("keeps p95 under the target, never below what three peers in four run, and states its confidence", () => {
    const s = rightSize(vm, peersOf(12, 2, 8))!;
    expect(s.targetPct).toBe(RIGHT_SIZE_TARGET_PCT);
    // 8 × 14% = 1.12 vCPUs busy; under 70% needs 1.6 → 2 vCPUs. Memory: 32 GiB × 20% = 6.4 GiB; /0.7 = 9.14 → 10 GiB.
    expect(s.vcpus).toMatchObject({ current: 8, fromUse: 2, suggested: 2, raisedByPeers: false, peerMedian: 2 });
    expect(s.memoryMiB).toMatchObject({ current: 32768, fromUse: 10240, suggested: 10240 });
    expect(s.confidence).toEqual({ peers: 12, statistics: ["CPU p95 over 30 days", "active memory p95 over 30 days"], level: "high" });
    // Peers that run 4 vCPUs and 16 GiB hold the suggestion at their 25th percentile.
    const held = rightSize(vm, peersOf(12, 4, 16))!;
    expect(held.vcpus).toMatchObject({ fromUse: 2, suggested: 4, raisedByPeers: true });
    expect(held.memoryMiB).toMatchObject({ fromUse: 10240, suggested: 16384, raisedByPeers: true });
  });

  it("grows a VM whose p95 is over the target, and needs a figure over a period", () => {
    const busy = rightSize({ vcpus: 2, memoryMiB: 4096, utilization: [fig("cpu.usage.pct", "max", 95, "P7D")] }, peersOf(10))!;
    expect(busy.vcpus).toMatchObject({ suggested: 3, basis: { statistic: "max", window: "P7D", value: 95 } }); // 1.9 / 0.7 = 2.71
    expect(busy.memoryMiB).toBeNull();
    expect(busy.confidence.level).toBe("medium");
    const averagesOnly = { vcpus: 8, memoryMiB: 8192, utilization: [fig("cpu.usage.pct", "average", 5), fig("cpu.usage.pct", "sample", 3)] };
    expect(rightSize(averagesOnly, peersOf(50))).toBeNull();
  });
});

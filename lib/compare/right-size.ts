import type { Utilization, UtilizationMetric, UtilizationStatistic } from "@/lib/vm/model";
import { quantile } from "./stats";
import type { PeerUsage } from "./usage-peers";
import { windowText } from "@/lib/vm/utilization-text";
import { windowSeconds } from "./utilization";

/**
 * A right-sizing suggestion: the smallest vCPU count and memory that keep this VM's own high-water use under
 * a stated target, then checked against what peers with usage data run. It needs a figure over a period
 * (95th percentile, else maximum): an average hides the peaks a size must carry, and a point-in-time sample
 * says nothing about them, so neither gives a suggestion. Too few peers with usage data gives none either.
 */

/** The p95 a suggested size should keep use under, in percent of the new size. */
export const RIGHT_SIZE_TARGET_PCT = 70;
/** Peers with usage data below which the check against peers means nothing, so nothing is suggested. */
export const MIN_RIGHT_SIZE_PEERS = 10;

export interface SizeSuggestion {
  current: number;
  /** The size kept: own use under the target, and not below what three peers in four run when shrinking. */
  suggested: number;
  /** The size own use alone would allow. */
  fromUse: number;
  basis: { statistic: "p95" | "max"; window: string; value: number };
  /** The peers' 25th percentile and median of this size, among peers with usage data. */
  peerP25: number;
  peerMedian: number;
  /** True when the peers' 25th percentile raised the suggestion above what own use alone allows. */
  raisedByPeers: boolean;
}

export interface RightSizeSuggestion {
  targetPct: number;
  vcpus: SizeSuggestion | null;
  /** In MiB, whole GiB. */
  memoryMiB: SizeSuggestion | null;
  confidence: {
    peers: number;
    /** Which statistics the suggestion rests on, e.g. ["cpu p95 over 30 days", "memory max over 7 days"]. */
    statistics: string[];
    /** "high": p95 over 30 days or more for what it suggests; "medium": p95 or max over a shorter window. */
    level: "high" | "medium";
  };
}

function highWater(own: readonly Utilization[], metric: UtilizationMetric): SizeSuggestion["basis"] | null {
  for (const statistic of ["p95", "max"] as const satisfies readonly UtilizationStatistic[]) {
    const m = own.filter((u) => u.metric === metric && u.statistic === statistic && u.window);
    if (m.length === 0) continue;
    const best = [...m].sort((a, b) => windowSeconds(b.window) - windowSeconds(a.window))[0];
    return { statistic, window: best.window!, value: best.value };
  }
  return null;
}

function size(current: number, basis: SizeSuggestion["basis"], peerSizes: number[], target: number, unit: number): SizeSuggestion {
  // Use scales with the inverse of the size: p95 of 35% on 8 vCPUs is 2.8 vCPUs busy, 70% of 4.
  const busy = (current * basis.value) / 100;
  const fromUse = Math.max(unit, Math.ceil(busy / (target / 100) / unit - 1e-9) * unit);
  const s = [...peerSizes].sort((a, b) => a - b);
  const peerP25 = quantile(s, 0.25);
  const peerMedian = quantile(s, 0.5);
  let suggested = fromUse;
  let raisedByPeers = false;
  if (fromUse < current) {
    // Shrinking below what three peers in four run is more than usage data from one VM can carry.
    const floor = Math.min(current, Math.ceil(peerP25 / unit - 1e-9) * unit);
    if (floor > fromUse) {
      suggested = floor;
      raisedByPeers = true;
    }
  }
  return { current, suggested, fromUse, basis, peerP25, peerMedian, raisedByPeers };
}

const GIB = 1024;
const basisText = (what: string, b: SizeSuggestion["basis"]) => `${what} ${b.statistic} over ${windowText(b.window)}`;

/**
 * The suggestion for a VM, or null when the data is too thin: no p95/max over a window for CPU nor memory,
 * or fewer than `minPeers` peers with usage data (CPU or memory figures of any statistic).
 */
export function rightSize(
  vm: { vcpus: number; memoryMiB: number; utilization: readonly Utilization[] },
  peers: readonly PeerUsage[],
  targetPct = RIGHT_SIZE_TARGET_PCT,
  minPeers = MIN_RIGHT_SIZE_PEERS,
): RightSizeSuggestion | null {
  const cpu = highWater(vm.utilization, "cpu.usage.pct");
  const mem = highWater(vm.utilization, "mem.active.pct");
  if (!cpu && !mem) return null;
  const withUsage = peers.filter((p) => p.utilization.some((u) => u.metric === "cpu.usage.pct" || u.metric === "mem.active.pct"));
  if (withUsage.length < minPeers) return null;
  const vcpus = cpu ? size(vm.vcpus, cpu, withUsage.map((p) => p.vcpus), targetPct, 1) : null;
  const memoryMiB = mem ? size(vm.memoryMiB, mem, withUsage.map((p) => p.memoryMiB), targetPct, GIB) : null;
  const statistics = [cpu ? basisText("CPU", cpu) : null, mem ? basisText("active memory", mem) : null].filter((s): s is string => !!s);
  const used = [cpu, mem].filter((b): b is SizeSuggestion["basis"] => !!b);
  const level = used.every((b) => b.statistic === "p95" && windowSeconds(b.window) >= 30 * 86400) ? "high" : "medium";
  return { targetPct, vcpus, memoryMiB, confidence: { peers: withUsage.length, statistics, level } };
}

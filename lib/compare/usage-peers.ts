import type { Utilization, UtilizationMetric, UtilizationSource, UtilizationStatistic } from "@/lib/vm/model";
import { histogram, quantile, type HistogramBin } from "./stats";
import { figureOf, MIN_UTILIZATION_PEERS, percentileRank, windowSeconds } from "./utilization";

/**
 * A VM's utilization figures against the peer group's figures of the same metric and statistic: where it
 * stands, the median and middle half, a histogram, and how many peers have the figure over which windows.
 * Pure: lib/db reads the peers (bounded), this module does the arithmetic.
 */

/** One peer with usage data: its size (for "median 4 vCPUs at 31%") and its figures. */
export interface PeerUsage {
  vcpus: number;
  memoryMiB: number;
  utilization: readonly Utilization[];
}

export interface UsageRow {
  metric: UtilizationMetric;
  statistic: UtilizationStatistic;
  /** The VM's own window and source, so the row can say what it compares. */
  window: string | null;
  source: UtilizationSource;
  value: number;
  /** Null when fewer than `minN` peers have the figure: too thin to place the VM. */
  percentile: number | null;
  median: number | null;
  p25: number | null;
  p75: number | null;
  /** Peers that have this metric and statistic. */
  n: number;
  minN: number;
  /** Distinct windows of the peers' figures, longest first ([] for samples). */
  peerWindows: string[];
  /** Peers' values only; the chart marks `value` separately. Empty when too thin. */
  histogram: HistogramBin[];
}

export interface UsageComparison {
  /** Peers in the group that have any usage figure (the VM itself excluded), as read. */
  peersWithUsage: number;
  rows: UsageRow[];
}

/** Sorted ascending copy: every quantile below reads a sorted array. */
function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * Percentiles of a set of utilization values: the 25th, 50th and 75th (linear interpolation) and the mid-rank
 * percentile of `value`. Null when there are fewer than `minN` values.
 */
export function usagePercentiles(value: number, values: readonly number[], minN = MIN_UTILIZATION_PEERS):
  { percentile: number; p25: number; median: number; p75: number } | null {
  if (values.length < minN || values.length === 0) return null;
  const s = sorted(values);
  return { percentile: percentileRank(value, s), p25: quantile(s, 0.25), median: quantile(s, 0.5), p75: quantile(s, 0.75) };
}

/** The peers' figure of one kind with its window, one per peer that has it (longest window wins). */
function peerFigures(peers: readonly PeerUsage[], metric: UtilizationMetric, statistic: UtilizationStatistic): { peer: PeerUsage; value: number; window: string | null }[] {
  const out: { peer: PeerUsage; value: number; window: string | null }[] = [];
  for (const p of peers) {
    const matching = p.utilization.filter((u) => u.metric === metric && u.statistic === statistic);
    if (matching.length === 0) continue;
    const best = [...matching].sort((a, b) => windowSeconds(b.window) - windowSeconds(a.window))[0];
    out.push({ peer: p, value: best.value, window: best.window });
  }
  return out;
}

/** Every figure of the VM (one per metric and statistic, the longest window) against its peers. */
export function compareUsage(own: readonly Utilization[], peers: readonly PeerUsage[], minN = MIN_UTILIZATION_PEERS): UsageComparison {
  const seen = new Set<string>();
  const rows: UsageRow[] = [];
  for (const u of own) {
    const key = `${u.metric} ${u.statistic}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const value = figureOf(own, u)!;
    const mine = own.find((x) => x.metric === u.metric && x.statistic === u.statistic && x.value === value)!;
    const figures = peerFigures(peers, u.metric, u.statistic);
    const values = figures.map((f) => f.value);
    const p = usagePercentiles(value, values, minN);
    const windows = [...new Set(figures.map((f) => f.window).filter((w): w is string => w !== null))]
      .sort((a, b) => windowSeconds(b) - windowSeconds(a));
    rows.push({
      metric: u.metric, statistic: u.statistic, window: mine.window, source: mine.source, value,
      percentile: p?.percentile ?? null, median: p?.median ?? null, p25: p?.p25 ?? null, p75: p?.p75 ?? null,
      n: values.length, minN, peerWindows: windows,
      histogram: p ? histogram(values, { bins: 10, discrete: false }) : [],
    });
  }
  return { peersWithUsage: peers.filter((p) => p.utilization.length > 0).length, rows };
}

/** Median vCPUs and memory of the peers that have a figure of this kind, with the figure's median. */
export function peersWithFigure(peers: readonly PeerUsage[], metric: UtilizationMetric, statistic: UtilizationStatistic):
  { n: number; medianVcpus: number; medianMemoryMiB: number; medianValue: number } | null {
  const figures = peerFigures(peers, metric, statistic);
  if (figures.length === 0) return null;
  return {
    n: figures.length,
    medianVcpus: quantile(sorted(figures.map((f) => f.peer.vcpus)), 0.5),
    medianMemoryMiB: quantile(sorted(figures.map((f) => f.peer.memoryMiB)), 0.5),
    medianValue: quantile(sorted(figures.map((f) => f.value)), 0.5),
  };
}

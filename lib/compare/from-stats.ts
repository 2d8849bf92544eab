import {
  findingsFromSummary,
  type CategorySummary,
  type Finding,
  type NumericSummary,
} from "@/lib/compare/findings";
import { freqPairs, METRIC_KEYS, pairsQuantile, unknownCount, type Freq, type GroupStats } from "@/lib/compare/frequency";
import { METRICS, type MetricComparison, type MetricKey, type VmComparison, type VmMetricComparison } from "@/lib/compare/metrics";
import type { PeerRuleName } from "@/lib/compare/peers";
import { histogram, type HistogramBin, type HistogramOptions } from "@/lib/compare/stats";
import type { PeerPoint } from "@/lib/compare/types";

/*
 * The same statistics as metrics.ts and findings.ts, computed from the
 * precomputed frequency maps (value -> count) of lib/compare/frequency.ts
 * instead of one array entry per peer. Nothing here expands a map: a group
 * of a million VMs costs as much as its number of distinct values.
 */

/** (display value, count) pairs, ascending, for a map keyed by stored values. */
function displayPairs(f: Freq, toDisplay: (v: number) => number): [number, number][] {
  return freqPairs(f).map(([v, c]) => [toDisplay(v), c]);
}


/**
 * Histogram of a weighted distribution, equal to stats.histogram on the
 * expanded values. Bin edges in stats.histogram depend only on the distinct
 * values (their min, max, smallest positive and whether all are integers),
 * so the bins of the distinct values are the bins of the whole; each
 * distinct value's count then goes into the bin that holds it.
 */
export function histogramFromPairs(pairs: [number, number][], opts: HistogramOptions = {}): HistogramBin[] {
  if (pairs.length === 0) return [];
  const bins = histogram(
    pairs.map(([v]) => v),
    opts,
  ).map((b) => ({ ...b, count: 0 }));
  for (const [v, c] of pairs) {
    let i = bins.findIndex((b) => v >= b.x0 && v < b.x1);
    if (i < 0) i = v < bins[0].x0 ? 0 : bins.length - 1;
    bins[i].count += c;
  }
  return bins;
}

/**
 * compareMetric (metrics.ts) for a frequency map of display values; `unknown` peers are those the map
 * leaves out because their value is unknown (see unknownCount in frequency.ts).
 */
export function compareMetricFromPairs(value: number | null, pairs: [number, number][], opts: HistogramOptions = {}, unknown = 0): MetricComparison {
  const live = pairs.filter(([, c]) => c > 0);
  const n = live.reduce((s, [, c]) => s + c, 0);
  if (n === 0) {
    return { value, percentile: null, n: 0, unknown, min: null, max: null, mean: null, p25: null, p50: null, p75: null, histogram: [] };
  }
  let below = 0;
  let equal = 0;
  let sum = 0;
  for (const [v, c] of live) {
    if (value != null && v < value) below += c;
    else if (v === value) equal += c;
    sum += v * c;
  }
  return {
    value,
    percentile: value == null ? null : ((below + equal / 2) / n) * 100,
    n,
    unknown,
    min: live[0][0],
    max: live[live.length - 1][0],
    mean: sum / n,
    p25: pairsQuantile(live, n, 0.25),
    p50: pairsQuantile(live, n, 0.5),
    p75: pairsQuantile(live, n, 0.75),
    histogram: histogramFromPairs(live, opts),
  };
}

/** compareVm (metrics.ts) from a group's frequency maps; `stats` must not include the VM itself. */
export function compareVmFromStats(vm: PeerPoint, stats: GroupStats): VmComparison {
  const entries = METRICS.map((m): [MetricKey, VmMetricComparison] => {
    const pairs = displayPairs(stats.metrics[m.key] ?? {}, m.toDisplay);
    const own = vm[m.key];
    const comparison = compareMetricFromPairs(own == null ? null : m.toDisplay(own), pairs, m.histogram, unknownCount(stats, m.key));
    return [m.key, { key: m.key, label: m.label, unit: m.unit, ...comparison }];
  });
  return Object.fromEntries(entries) as VmComparison;
}

function numericSummaryFromFreq(value: number | null, f: Freq): NumericSummary {
  let above = 0;
  let below = 0;
  let equal = 0;
  let nearestAbove: number | null = null;
  let nearestBelow: number | null = null;
  const pairs = freqPairs(f);
  if (value == null) {
    const known = pairs.reduce((s, [, c]) => s + c, 0);
    return { known, above: 0, below: 0, nearestAbove: null, nearestBelow: null, percentile: 50 };
  }
  for (const [v, c] of pairs) {
    if (v > value) {
      above += c;
      if (nearestAbove === null) nearestAbove = v;
    } else if (v < value) {
      below += c;
      nearestBelow = v;
    } else equal += c;
  }
  const n = above + below + equal;
  return { known: n, above, below, nearestAbove, nearestBelow, percentile: n ? ((below + equal / 2) / n) * 100 : 50 };
}

/** Category counts without the "unknown"/"none" bucket that applyPoint uses for VMs that do not say. */
function categorySummary(f: Freq, unknownKey: string, known: number): CategorySummary {
  const users = new Map<string, number>();
  for (const [k, c] of Object.entries(f)) if (k !== unknownKey && c > 0) users.set(k, c);
  return { users, known };
}

export interface FindingsFromStatsInput {
  appName: string | null;
  vm: PeerPoint;
  /** The peer group without the VM itself. */
  stats: GroupStats;
  rule: PeerRuleName | { rule: PeerRuleName };
  minN?: number;
}

/**
 * findings (findings.ts) from a group's frequency maps: NIC model shares
 * from splits.nicModel (a VM counts once per model it uses, "none" when it
 * reports none) and firmware from splits.firmware ("unknown" when unstated).
 */
export function findingsFromStats(input: FindingsFromStatsInput): Finding[] {
  const { stats, vm } = input;
  const numeric = Object.fromEntries(
    METRIC_KEYS.map((k) => [k, numericSummaryFromFreq(vm[k], stats.metrics[k] ?? {})]),
  ) as Record<MetricKey, NumericSummary>;
  const nicSplit = stats.splits.nicModel ?? {};
  const fwSplit = stats.splits.firmware ?? {};
  return findingsFromSummary({
    appName: input.appName,
    vm,
    n: stats.n,
    rule: input.rule,
    minN: input.minN,
    numeric,
    nicModels: categorySummary(nicSplit, "none", Math.max(0, stats.n - (nicSplit.none ?? 0))),
    firmware: categorySummary(fwSplit, "unknown", Math.max(0, stats.n - (fwSplit.unknown ?? 0))),
  });
}

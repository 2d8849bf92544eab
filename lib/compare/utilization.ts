import type { Utilization } from "@/lib/vm/model";
import { quantile } from "./stats";

/**
 * A VM's utilization figure against its peers' figures of the same metric AND statistic (a p95 is never
 * compared with an average or a sample, and vice versa). Pure: the caller picks the peer group.
 */

/**
 * Fewer peers with the figure than this gives no answer: with a handful of values a percentile swings by
 * tens of points when one peer is added, which would read as a finding.
 */
export const MIN_UTILIZATION_PEERS = 5;

export type FigureKind = Pick<Utilization, "metric" | "statistic">;

export interface UtilizationStanding {
  metric: Utilization["metric"];
  statistic: Utilization["statistic"];
  value: number;
  /**
   * Share of peers with a lower figure, ties counted half (0-100): 50 means in the middle, 90 busier than
   * nine peers in ten. Rounded to one decimal.
   */
  percentile: number;
  median: number;
  /** The middle half of the peers: 25th and 75th percentiles (linear interpolation, as lib/compare/stats). */
  p25: number;
  p75: number;
  /** Peers that have this figure. */
  count: number;
  /** Peers that do not have it, so that a page can say how thin the data is. */
  missing: number;
}

/** The value of `kind` in a VM's figures; when several windows or sources give it, the longest window wins. */
export function figureOf(figures: readonly Utilization[] | undefined, kind: FigureKind): number | null {
  const matching = (figures ?? []).filter((u) => u.metric === kind.metric && u.statistic === kind.statistic);
  if (matching.length === 0) return null;
  return [...matching].sort((a, b) => windowSeconds(b.window) - windowSeconds(a.window))[0].value;
}

/** Seconds in an ISO-8601 duration of days, hours and minutes ("P30D", "PT24H"); 0 for null. */
export function windowSeconds(window: string | null): number {
  if (!window) return 0;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(window);
  if (!m) return 0;
  return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}

/** Percentile rank of `value` among `values` (any order): share below, plus half the share equal. */
export function percentileRank(value: number, values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("percentileRank needs at least one value");
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < value) below++;
    else if (v === value) equal++;
  }
  return Math.round(((below + equal / 2) / values.length) * 1000) / 10;
}

/**
 * Where `value` stands among the peers' figures of the same kind. `peers` is one entry per peer VM (the VM
 * itself excluded by the caller): its figures, or undefined/[] when it has none. Null when the VM has no
 * value or fewer than MIN_UTILIZATION_PEERS peers have the figure.
 */
export function utilizationStanding(
  kind: FigureKind,
  value: number | null,
  peers: readonly (readonly Utilization[] | undefined)[],
  minPeers = MIN_UTILIZATION_PEERS,
): UtilizationStanding | null {
  if (value === null || !Number.isFinite(value)) return null;
  const values: number[] = [];
  for (const p of peers) {
    const v = figureOf(p, kind);
    if (v !== null) values.push(v);
  }
  if (values.length < minPeers) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    metric: kind.metric,
    statistic: kind.statistic,
    value,
    percentile: percentileRank(value, sorted),
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    count: values.length,
    missing: peers.length - values.length,
  };
}

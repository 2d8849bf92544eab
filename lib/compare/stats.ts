/**
 * Descriptive statistics over plain arrays. Values are assumed finite;
 * functions that need at least one value throw a RangeError on an empty
 * array because a statistic of nothing is a caller bug, not a number.
 */

function requireValues(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`${what} needs at least one value`);
}

function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/**
 * The q-quantile of values already sorted ascending, with linear interpolation
 * between order statistics (Hyndman & Fan type 7, the default of R and NumPy):
 * h = (n - 1) q, result = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 */
export function quantile(sortedValues: readonly number[], q: number): number {
  requireValues(sortedValues, "quantile");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile q must be within [0, 1], got ${q}`);
  const h = (sortedValues.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sortedValues.length - 1);
  return sortedValues[lo] + (h - lo) * (sortedValues[hi] - sortedValues[lo]);
}

/** Median of values in any order. */
export function median(values: readonly number[]): number {
  requireValues(values, "median");
  return quantile(sortedCopy(values), 0.5);
}

export interface Quartiles {
  p25: number;
  p50: number;
  p75: number;
}

/** Quartiles (type 7) of values in any order; the interquartile range is p75 - p25. */
export function iqr(values: readonly number[]): Quartiles {
  requireValues(values, "iqr");
  const sorted = sortedCopy(values);
  return { p25: quantile(sorted, 0.25), p50: quantile(sorted, 0.5), p75: quantile(sorted, 0.75) };
}

/**
 * Mid-rank percentile of x among values, 0..100: the share of values strictly
 * below x plus half the share equal to x. Ties count half below and half above
 * so that a VM identical to every peer sits at 50, not at 0 or 100; a value
 * below all others is 0 and above all others is 100.
 */
export function percentileRank(values: readonly number[], x: number): number {
  requireValues(values, "percentileRank");
  let below = 0;
  let equal = 0;
  for (const v of values) {
    if (v < x) below += 1;
    else if (v === x) equal += 1;
  }
  return ((below + equal / 2) / values.length) * 100;
}

export interface Summary {
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
}

/** Count, extremes, mean and quartiles; every statistic is null when there are no values. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, min: null, max: null, mean: null, p25: null, p50: null, p75: null };
  const sorted = sortedCopy(values);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    n: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
    p25: quantile(sorted, 0.25),
    p50: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
  };
}

export interface HistogramBin {
  /** Bins are half-open [x0, x1): a discrete bin for value v is [v, v + 1). */
  x0: number;
  x1: number;
  label: string;
  count: number;
}

export interface HistogramOptions {
  /** Target number of bins for ranged data; the actual count follows "nice" widths. Default 10. */
  bins?: number;
  /** Integer-valued data (vCPUs, disk count). Default: detected (every value an integer). */
  discrete?: boolean;
  /**
   * Bins at powers of two (1, 2, 4, 8 …) when the data has too many distinct
   * values for one bin each: memory and disk sizes are chosen in doublings.
   */
  log2?: boolean;
  /** Up to this many distinct values of discrete data each get their own bin. Default 16. */
  maxDistinct?: number;
}

/** Round away floating-point noise from bin edges (0.1 * 3 should be 0.3). */
function clean(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Up to two decimals, trailing zeros dropped: 4, 0.5, 1.25. */
export function formatNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** The smallest of 1, 2, 5 × 10^k that is at least `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of [1, 2, 5, 10]) {
    if (m * power >= rough * (1 - 1e-12)) return m * power;
  }
  return 10 * power;
}

function countInto(edges: number[], values: readonly number[], indexOf: (v: number) => number, label: (x0: number, x1: number) => string): HistogramBin[] {
  const bins: HistogramBin[] = [];
  for (let i = 0; i + 1 < edges.length; i += 1) {
    bins.push({ x0: edges[i], x1: edges[i + 1], label: label(edges[i], edges[i + 1]), count: 0 });
  }
  for (const v of values) {
    const i = Math.min(Math.max(indexOf(v), 0), bins.length - 1);
    bins[i].count += 1;
  }
  return bins;
}

const rangeLabel = (x0: number, x1: number) => `${formatNumber(x0)}–${formatNumber(x1)}`;

function distinctBins(values: readonly number[], distinct: number[]): HistogramBin[] {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return distinct.map((v) => ({ x0: v, x1: v + 1, label: formatNumber(v), count: counts.get(v) ?? 0 }));
}

function log2Bins(values: readonly number[], min: number, max: number): HistogramBin[] {
  const positives = values.filter((v) => v > 0);
  if (positives.length === 0) return [{ x0: 0, x1: 1, label: "0", count: values.length }];
  const lo = Math.floor(Math.log2(Math.min(...positives)));
  const hi = Math.floor(Math.log2(max));
  const hasZeroOrLess = min <= 0;
  const edges: number[] = hasZeroOrLess ? [0] : [];
  for (let k = lo; k <= hi + 1; k += 1) edges.push(2 ** k);
  const offset = hasZeroOrLess ? 1 : 0;
  return countInto(
    edges,
    values,
    (v) => (v <= 0 ? 0 : Math.floor(Math.log2(v)) - lo + offset),
    (x0, x1) => (hasZeroOrLess && x0 === 0 ? "0" : rangeLabel(x0, x1)),
  );
}

/**
 * Counts for a bar chart. Integer data with few distinct values gets one bin
 * per value present (1, 2, 4, 8 vCPUs — gaps are not drawn as empty bars);
 * otherwise power-of-two bins (`log2`) or equal "nice" widths (1, 2, 5 × 10^k).
 */
export function histogram(values: readonly number[], opts: HistogramOptions = {}): HistogramBin[] {
  if (values.length === 0) return [];
  const targetBins = Math.max(1, Math.floor(opts.bins ?? 10));
  const discrete = opts.discrete ?? values.every((v) => Number.isInteger(v));
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const min = distinct[0];
  const max = distinct[distinct.length - 1];

  if (discrete && distinct.length <= (opts.maxDistinct ?? 16)) return distinctBins(values, distinct);
  if (opts.log2) return log2Bins(values, min, max);
  if (min === max) return [{ x0: min, x1: clean(min + 1), label: formatNumber(min), count: values.length }];

  let width = niceStep((max - min) / targetBins);
  if (discrete) width = Math.max(1, Math.round(width));
  const start = clean(Math.floor(min / width) * width);
  const binCount = Math.floor(clean((max - start) / width)) + 1;
  const edges = Array.from({ length: binCount + 1 }, (_, i) => clean(start + i * width));
  return countInto(
    edges,
    values,
    (v) => Math.floor(clean((v - start) / width)),
    // Integer bins name the values they hold: [0, 2) holds 0 and 1, so "0–1".
    discrete ? (x0, x1) => (width === 1 ? formatNumber(x0) : rangeLabel(x0, x1 - 1)) : rangeLabel,
  );
}

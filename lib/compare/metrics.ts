import type { PeerPoint } from "@/lib/compare/types";
import { formatNumber, histogram, type HistogramBin, type HistogramOptions, percentileRank, summarize, type Summary } from "@/lib/compare/stats";
import { countNoun } from "@/lib/compare/text";

export type MetricKey = "vcpus" | "memoryMiB" | "totalDiskGiB" | "diskCount" | "nicCount";

export interface MetricDef {
  key: MetricKey;
  label: string;
  /** Unit of the display value ("" for counts). */
  unit: string;
  /** Stored value (as in PeerPoint) to display value: memory MiB becomes GiB. */
  toDisplay(stored: number): number;
  /** A display value with its unit or noun: "4 vCPUs", "16 GiB", "1 disk". */
  format(display: number): string;
  histogram: HistogramOptions;
}

const MIB_PER_GIB = 1024;
const identity = (v: number) => v;
const gib = (v: number) => `${formatNumber(v)} GiB`;

/** The dimensions compared, in the order pages show them. */
export const METRICS: readonly MetricDef[] = [
  { key: "vcpus", label: "vCPUs", unit: "", toDisplay: identity, format: (v) => countNoun(v, "vCPU"), histogram: { discrete: true } },
  {
    key: "memoryMiB",
    label: "Memory",
    unit: "GiB",
    toDisplay: (mib) => mib / MIB_PER_GIB,
    format: gib,
    histogram: { log2: true },
  },
  { key: "totalDiskGiB", label: "Total disk", unit: "GiB", toDisplay: identity, format: gib, histogram: { log2: true } },
  { key: "diskCount", label: "Disks", unit: "", toDisplay: identity, format: (v) => countNoun(v, "disk"), histogram: { discrete: true } },
  { key: "nicCount", label: "NICs", unit: "", toDisplay: identity, format: (v) => countNoun(v, "NIC"), histogram: { discrete: true } },
];

export function metricDef(key: MetricKey): MetricDef {
  const def = METRICS.find((m) => m.key === key);
  if (!def) throw new RangeError(`unknown metric ${key}`);
  return def;
}

/**
 * Where one value sits among its peers. Statistics are null when there are no peers. An unknown value
 * (null) has no percentile; peers whose value is unknown are left out and counted in `unknown`.
 */
export interface MetricComparison extends Summary {
  value: number | null;
  /** Mid-rank percentile (see percentileRank), 0..100; null without peers or when the value is unknown. */
  percentile: number | null;
  /** Peers whose value is known: the statistics (Summary) are over these. */
  n: number;
  /** Peers left out because their value is unknown ("n = 40; 2 without disk sizes"). */
  unknown: number;
  /** Peers only; the chart marks `value` separately. */
  histogram: HistogramBin[];
}

export function compareMetric(
  value: number | null,
  allPeerValues: readonly (number | null)[],
  histogramOptions: HistogramOptions = {},
): MetricComparison {
  const peerValues = allPeerValues.filter((v): v is number => v != null);
  const summary = summarize(peerValues);
  return {
    value,
    percentile: peerValues.length === 0 || value == null ? null : percentileRank(peerValues, value),
    n: summary.n,
    unknown: allPeerValues.length - peerValues.length,
    min: summary.min,
    max: summary.max,
    mean: summary.mean,
    p25: summary.p25,
    p50: summary.p50,
    p75: summary.p75,
    histogram: histogram(peerValues, histogramOptions),
  };
}

export interface VmMetricComparison extends MetricComparison {
  key: MetricKey;
  label: string;
  unit: string;
}

/** Every value here is in its metric's display unit (memory in GiB), ready for charts. */
export type VmComparison = Record<MetricKey, VmMetricComparison>;

/** Compares a VM with its peers on every metric; `peers` should not include the VM itself. */
export function compareVm(vm: PeerPoint, peers: readonly PeerPoint[]): VmComparison {
  const entries = METRICS.map((m): [MetricKey, VmMetricComparison] => {
    const display = (v: number | null) => (v == null ? null : m.toDisplay(v));
    const comparison = compareMetric(
      display(vm[m.key]),
      peers.map((p) => display(p[m.key])),
      m.histogram,
    );
    return [m.key, { key: m.key, label: m.label, unit: m.unit, ...comparison }];
  });
  return Object.fromEntries(entries) as VmComparison;
}

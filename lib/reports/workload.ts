import { expandFreq, freqQuantile, freqTotal, unknownCount, type Freq, type GroupStats } from "@/lib/compare/frequency";
import { METRICS, type MetricKey } from "@/lib/compare/metrics";
import { histogram, type HistogramBin } from "@/lib/compare/stats";
import { label } from "@/lib/text/display";
import { APPLICATION_CATEGORIES, type Application, type ApplicationCategory } from "@/lib/taxonomy/applications";

/**
 * A workload ("typical configuration" of one application), computed from the
 * precomputed frequency maps of its peer group alone: pages never scan VMs.
 * Every number is in its metric's display unit (memory in GiB).
 */
export interface WorkloadMetric {
  key: MetricKey;
  label: string;
  unit: string;
  /** VMs whose value is known: the statistics are over these. */
  n: number;
  /** VMs of the group left out because their value is unknown (disk sizes not given); never counted as 0. */
  unknown: number;
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
  histogram: HistogramBin[];
}

export interface ShareRow {
  key: string;
  label: string;
  count: number;
  /** count / VMs in the group: for NIC models a VM counts once per model, so shares may add up past 1. */
  share: number;
}

export type SplitKey = "hypervisor" | "guestOs" | "nicModel" | "firmware";

export const SPLITS: readonly { key: SplitKey; title: string }[] = [
  { key: "hypervisor", title: "Hypervisor" },
  { key: "guestOs", title: "Guest OS family" },
  { key: "nicModel", title: "NIC model" },
  { key: "firmware", title: "Firmware" },
];

export interface TrendPoint {
  year: string;
  n: number;
  vcpusMedian: number | null;
  memoryGiBMedian: number | null;
}

export interface WorkloadApp {
  slug: string;
  name: string;
  category: string;
  categoryName: string;
  vendor: string | null;
  description: string | null;
}

export interface WorkloadSummary {
  app: WorkloadApp;
  n: number;
  versions: { version: string; n: number }[];
  metrics: WorkloadMetric[];
  splits: Record<SplitKey, ShareRow[]>;
  trend: TrendPoint[];
}

/** Rows kept per split; the rest is folded into "Other" where shares are exclusive. */
export const SPLIT_LIMIT = 8;

export function workloadApp(a: Pick<Application, "slug" | "name" | "category" | "vendor" | "description">): WorkloadApp {
  return {
    slug: a.slug,
    name: a.name,
    category: a.category,
    categoryName: APPLICATION_CATEGORIES[a.category as ApplicationCategory] ?? label(a.category),
    vendor: a.vendor ?? null,
    description: a.description ?? null,
  };
}

function scaled(f: Freq, toDisplay: (v: number) => number, q: number): number | null {
  const v = freqQuantile(f, q);
  return v === null ? null : round(toDisplay(v));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function splitLabel(key: SplitKey, value: string): string {
  if (value === "unknown" || value === "none") return "Unknown";
  if (key === "nicModel") return value;
  return label(value);
}

export function shareRows(key: SplitKey, f: Freq, n: number, limit = SPLIT_LIMIT): ShareRow[] {
  const sorted = Object.entries(f)
    .filter(([, c]) => c > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const rows = sorted.slice(0, limit).map(([k, count]) => ({ key: k, label: splitLabel(key, k), count, share: n ? count / n : 0 }));
  // A VM has one hypervisor, guest family and firmware, so the remainder is a
  // real "Other" share; a VM can have several NIC models, so it is not.
  if (key !== "nicModel" && sorted.length > limit) {
    const rest = sorted.slice(limit).reduce((s, [, c]) => s + c, 0);
    rows.push({ key: "other", label: "Other", count: rest, share: n ? rest / n : 0 });
  }
  return rows;
}

export function summarizeWorkload(app: WorkloadApp, stats: GroupStats | null, versions: { version: string; n: number }[] = []): WorkloadSummary {
  const n = stats?.n ?? 0;
  const metrics = METRICS.map((m): WorkloadMetric => {
    const f = stats?.metrics[m.key] ?? {};
    const values = n ? expandFreq(f).map(m.toDisplay) : [];
    return {
      key: m.key,
      label: m.label,
      unit: m.unit,
      n: freqTotal(f),
      unknown: stats ? unknownCount(stats, m.key) : 0,
      min: scaled(f, m.toDisplay, 0),
      p25: scaled(f, m.toDisplay, 0.25),
      median: scaled(f, m.toDisplay, 0.5),
      p75: scaled(f, m.toDisplay, 0.75),
      max: scaled(f, m.toDisplay, 1),
      histogram: histogram(values, m.histogram),
    };
  });
  const splits = Object.fromEntries(
    SPLITS.map(({ key }) => [key, shareRows(key, stats?.splits[key] ?? {}, n)]),
  ) as Record<SplitKey, ShareRow[]>;
  const trend = Object.entries(stats?.byYear ?? {})
    .map(([year, yr]): TrendPoint => ({
      year,
      n: stats?.splits.year[year] ?? freqTotal(yr.vcpus),
      vcpusMedian: scaled(yr.vcpus, (v) => v, 0.5),
      memoryGiBMedian: scaled(yr.memoryMiB, (v) => v / 1024, 0.5),
    }))
    .filter((p) => p.n > 0)
    .sort((a, b) => a.year.localeCompare(b.year));
  return {
    app,
    n,
    versions: [...versions].filter((v) => v.n > 0).sort((a, b) => b.n - a.n || a.version.localeCompare(b.version)),
    metrics,
    splits,
    trend,
  };
}

/** One line a reader can act on: "Half of these VMs have 4 to 8 vCPUs (median 4)". */
export function typicalRange(m: Pick<WorkloadMetric, "key" | "p25" | "median" | "p75">): string | null {
  if (m.median === null || m.p25 === null || m.p75 === null) return null;
  const def = METRICS.find((d) => d.key === m.key)!;
  const lo = def.format(roundForText(m.p25));
  const hi = def.format(roundForText(m.p75));
  const med = def.format(roundForText(m.median));
  return m.p25 === m.p75 ? `most have ${med}` : `the middle half have ${stripUnit(lo, hi)} to ${hi} (median ${med})`;
}

function roundForText(x: number): number {
  return x >= 10 ? Math.round(x) : Math.round(x * 10) / 10;
}

/** "4 to 8 vCPUs" rather than "4 vCPUs to 8 vCPUs". */
function stripUnit(lo: string, hi: string): string {
  const loParts = lo.split(" ");
  const hiParts = hi.split(" ");
  if (loParts.length === 2 && hiParts.length === 2 && (loParts[1] === hiParts[1] || loParts[1] + "s" === hiParts[1] || loParts[1] === hiParts[1] + "s")) {
    return loParts[0];
  }
  return lo;
}

/** Share at which a category is stated as the norm of the workload. */
export const NORM_SHARE = 0.7;

/**
 * Plain statements of what most admins do for this workload: the middle half
 * of every dimension, and any category used by at least 70 % of its VMs.
 */
export function workloadStatements(s: WorkloadSummary): { id: string; text: string; notable: boolean }[] {
  if (s.n === 0) return [];
  const out: { id: string; text: string; notable: boolean }[] = [];
  for (const m of s.metrics) {
    const r = typicalRange(m);
    if (r) out.push({ id: `typical-${m.key}`, text: `${m.label}: ${r}.`, notable: false });
  }
  const phrases: Record<SplitKey, (l: string) => string> = {
    hypervisor: (l) => `run on ${l}`,
    guestOs: (l) => `run a ${l} guest`,
    nicModel: (l) => `use ${l} NICs`,
    firmware: (l) => `boot with ${l}`,
  };
  for (const { key } of SPLITS) {
    const top = s.splits[key][0];
    if (!top || top.key === "unknown" || top.key === "none" || top.key === "other") continue;
    if (top.share >= NORM_SHARE) {
      const pct = Math.round(top.share * 100);
      out.push({
        id: `norm-${key}`,
        text: `${top.count} of ${s.n} ${s.app.name} VMs (${pct === 100 && top.count < s.n ? 99 : pct}%) ${phrases[key](top.label)}.`,
        notable: top.share >= 0.9,
      });
    }
  }
  return out;
}

import type { MetricKey } from "@/lib/compare/metrics";

/**
 * Distributions of a peer group kept as frequency maps (value -> count).
 * They can be updated by adding or removing one VM, so the database keeps
 * them current on every write and no page scans a group's VMs per request.
 */
export type Freq = Record<string, number>;

export interface GroupPoint {
  vcpus: number;
  memoryMiB: number;
  /** null when unknown: the VM counts in `n` but not in the disk distribution. */
  totalDiskGiB: number | null;
  diskCount: number;
  nicCount: number;
  hypervisor: string | null;
  guestOs: string | null;
  firmware: string | null;
  nicModels: string[];
  year: number;
}

export interface GroupStats {
  n: number;
  metrics: Record<MetricKey, Freq>;
  splits: { hypervisor: Freq; guestOs: Freq; nicModel: Freq; firmware: Freq; year: Freq };
  /** Per contribution year: the distributions of vCPUs and memory, for the trend. */
  byYear: Record<string, { vcpus: Freq; memoryMiB: Freq }>;
}

export const METRIC_KEYS: MetricKey[] = ["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"];

export function emptyGroupStats(): GroupStats {
  return {
    n: 0,
    metrics: { vcpus: {}, memoryMiB: {}, totalDiskGiB: {}, diskCount: {}, nicCount: {} },
    splits: { hypervisor: {}, guestOs: {}, nicModel: {}, firmware: {}, year: {} },
    byYear: {},
  };
}

function bump(f: Freq, key: string, by: number): void {
  f[key] = (f[key] ?? 0) + by;
}

function pruneFreq(f: Freq): void {
  for (const [k, v] of Object.entries(f)) if (v <= 0) delete f[k];
}

/** Drops empty and negative counts; a delta keeps them, stored stats must not. */
export function pruneGroupStats(s: GroupStats): GroupStats {
  s.n = Math.max(0, s.n);
  for (const k of METRIC_KEYS) pruneFreq(s.metrics[k]);
  for (const f of Object.values(s.splits)) pruneFreq(f);
  for (const [y, yr] of Object.entries(s.byYear)) {
    pruneFreq(yr.vcpus);
    pruneFreq(yr.memoryMiB);
    if (!s.splits.year[y]) delete s.byYear[y];
  }
  return s;
}

/** Total disk is kept to whole GiB so that the map stays small. */
export function diskKey(gib: number): string {
  return String(Math.round(gib));
}

/**
 * Adds (sign 1) or removes (sign -1) one VM. Mutates and returns `s`. A delta
 * (asDelta) keeps negative counts so that it can be merged later.
 */
export function applyPoint(s: GroupStats, p: GroupPoint, sign: 1 | -1, asDelta = false): GroupStats {
  s.n += sign;
  bump(s.metrics.vcpus, String(p.vcpus), sign);
  bump(s.metrics.memoryMiB, String(p.memoryMiB), sign);
  // An unknown total stays out of the distribution; n minus the map's total is how many were left out.
  if (p.totalDiskGiB != null) bump(s.metrics.totalDiskGiB, diskKey(p.totalDiskGiB), sign);
  bump(s.metrics.diskCount, String(p.diskCount), sign);
  bump(s.metrics.nicCount, String(p.nicCount), sign);
  bump(s.splits.hypervisor, p.hypervisor ?? "unknown", sign);
  bump(s.splits.guestOs, p.guestOs ?? "unknown", sign);
  bump(s.splits.firmware, p.firmware ?? "unknown", sign);
  for (const m of new Set(p.nicModels.length ? p.nicModels : ["none"])) bump(s.splits.nicModel, m, sign);
  const y = String(p.year);
  bump(s.splits.year, y, sign);
  const yr = (s.byYear[y] ??= { vcpus: {}, memoryMiB: {} });
  bump(yr.vcpus, String(p.vcpus), sign);
  bump(yr.memoryMiB, String(p.memoryMiB), sign);
  return asDelta ? s : pruneGroupStats(s);
}

function mergeFreq(a: Freq, b: Freq): void {
  for (const [k, v] of Object.entries(b)) bump(a, k, v);
}

/** Adds the counts of `delta` (which may be negative) into `s`. */
export function mergeGroupStats(s: GroupStats, delta: GroupStats): GroupStats {
  s.n += delta.n;
  for (const k of METRIC_KEYS) mergeFreq(s.metrics[k], delta.metrics[k]);
  for (const k of Object.keys(s.splits) as (keyof GroupStats["splits"])[]) mergeFreq(s.splits[k], delta.splits[k]);
  for (const [y, d] of Object.entries(delta.byYear)) {
    const yr = (s.byYear[y] ??= { vcpus: {}, memoryMiB: {} });
    mergeFreq(yr.vcpus, d.vcpus);
    mergeFreq(yr.memoryMiB, d.memoryMiB);
  }
  return pruneGroupStats(s);
}

/** Sorted (value, count) pairs. */
export function freqPairs(f: Freq): [number, number][] {
  return Object.entries(f)
    .map(([k, v]) => [Number(k), v] as [number, number])
    .filter(([k, v]) => Number.isFinite(k) && v > 0)
    .sort((a, b) => a[0] - b[0]);
}

/** The values of a frequency map, sorted, one entry per VM. */
export function expandFreq(f: Freq): number[] {
  const out: number[] = [];
  for (const [v, c] of freqPairs(f)) for (let i = 0; i < c; i++) out.push(v);
  return out;
}

/** VMs of a group whose value of a metric is unknown, so left out of its distribution. */
export function unknownCount(s: GroupStats, key: MetricKey): number {
  return Math.max(0, s.n - freqTotal(s.metrics[key] ?? {}));
}

export function freqTotal(f: Freq): number {
  let n = 0;
  for (const v of Object.values(f)) n += v;
  return n;
}

/** Type-7 quantile of a frequency map, without expanding it. */
export function freqQuantile(f: Freq, q: number): number | null {
  const pairs = freqPairs(f);
  const n = pairs.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  return pairsQuantile(pairs, n, q);
}

/** Type-7 quantile over weighted sorted (value, count) pairs holding n values: stats.quantile on the expanded array. */
export function pairsQuantile(pairs: [number, number][], n: number, q: number): number {
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const at = (index: number): number => {
    let seen = 0;
    for (const [v, c] of pairs) {
      seen += c;
      if (index < seen) return v;
    }
    return pairs[pairs.length - 1][0];
  };
  const a = at(lo);
  const b = hi === lo ? a : at(hi);
  return a + (h - lo) * (b - a);
}

/** Share of entries sorted by count, largest first: [["vmxnet3", 0.8], ...]. */
export function topShares(f: Freq, limit = 8): { key: string; count: number; share: number }[] {
  const total = freqTotal(f);
  return Object.entries(f)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key, count]) => ({ key, count, share: total ? count / total : 0 }));
}

import { getApplication } from "@/lib/taxonomy/applications";
import type { Utilization, UtilizationMetric, UtilizationStatistic } from "@/lib/vm/model";
import { freqPairs, pairsQuantile, type Freq, type GroupStats } from "./frequency";
import { nicClass } from "@/lib/taxonomy/nic-models";
import { choosePeerRule, MIN_PEERS, type PeerRuleName } from "./peers";
import { quantile } from "./stats";
import type { PeerUsage } from "./usage-peers";
import { MIN_UTILIZATION_PEERS, percentileRank, windowSeconds } from "./utilization";

/**
 * A whole environment against the community: every VM placed among its peers by size and by use, flagged
 * when size and use disagree, with the capacity that could be reclaimed and the estate's totals set against
 * all published VMs. Pure; lib/reports/estate-report.ts reads the peer groups and calls it.
 */

/** One VM of the estate as the report needs it (lib/estates/report-input.ts builds it in the parse worker). */
export interface EstateVm {
  /** The VM's name for the uploader's eyes only, or a stand-in such as "VM 12"; never stored. */
  label: string;
  row: number;
  tags: { slug: string; version: string | null; primary: boolean }[];
  vcpus: number;
  memoryMiB: number;
  totalDiskGiB: number | null;
  guestFamily: string | null;
  guestName: string | null;
  nicModels: string[];
  utilization: Utilization[];
  /** Ids of the configuration checks that gave a warning or problem. */
  checks: string[];
}

export interface UsageCell {
  value: number;
  statistic: UtilizationStatistic;
  window: string | null;
  /** Mid-rank percentile among peers with the same metric and statistic; null with fewer than 5 such peers. */
  percentile: number | null;
  peers: number;
}

export type EstateFlag = "oversized" | "undersized";

export interface EstateRow {
  label: string;
  row: number;
  /** "Microsoft SQL Server 2022"; null when no rule tagged the VM. */
  app: string | null;
  peerRule: PeerRuleName;
  peerGroup: string;
  peers: number;
  vcpus: number;
  memoryGiB: number;
  diskGiB: number | null;
  guest: string | null;
  /** Percentiles of size among the peers; null without peers. */
  vcpusPercentile: number | null;
  memoryPercentile: number | null;
  peerMedianVcpus: number | null;
  peerMedianMemoryGiB: number | null;
  cpu: UsageCell | null;
  memory: UsageCell | null;
  flags: EstateFlag[];
  /** Why each flag was raised, with the numbers. */
  evidence: string[];
  reclaimVcpus: number;
  reclaimGiB: number;
  legacyNics: boolean;
  checks: string[];
}

export interface DistributionBin {
  label: string;
  estate: number;
  community: number;
  /** Shares in percent, one decimal. */
  estatePct: number;
  communityPct: number;
}

export interface EstateTotals {
  vms: number;
  vcpus: number;
  memoryGiB: number;
  /** Over VMs whose disk total is known. */
  diskGiB: number;
  medianMemoryPerVcpuGiB: number | null;
  communityVms: number;
  vcpuDistribution: DistributionBin[];
  memoryDistribution: DistributionBin[];
  legacyNicVms: number;
  unsupportedGuestVms: number;
  withUsage: number;
  flagged: Record<EstateFlag, number>;
  reclaimVcpus: number;
  reclaimGiB: number;
  /** Check id -> VMs with a warning or problem from it, most frequent first. */
  checks: { checkId: string; vms: number }[];
}

export interface EstateReport {
  version: 1;
  generatedAt: string;
  source: "upload" | "estate";
  rows: EstateRow[];
  totals: EstateTotals;
  problems: string[];
  /** The thresholds the flags use, so the report can state them. */
  thresholds: typeof FLAG_THRESHOLDS;
}

export const FLAG_THRESHOLDS = {
  /** Bigger than this percentile of peers counts as big. */
  bigPercentile: 75,
  /** Own use below this (percent) counts as little. */
  lowUsePct: 25,
  /** Own CPU use at or above this counts as high. */
  highCpuPct: 80,
  /** Own active memory at or above this counts as high. */
  highMemoryPct: 90,
  /** Reclaim down to a size whose use would be at most this. */
  targetPct: 70,
} as const;

export const GUEST_SUPPORT_CHECK = "guest-os-support";

/** Percentiles and medians over a frequency map, with the cumulative counts computed once per group. */
class SizeDistribution {
  private readonly values: number[];
  private readonly cum: number[];
  readonly n: number;
  private readonly pairs: [number, number][];
  constructor(f: Freq) {
    this.pairs = freqPairs(f);
    this.values = this.pairs.map(([v]) => v);
    this.cum = [];
    let c = 0;
    for (const [, k] of this.pairs) this.cum.push((c += k));
    this.n = c;
  }
  percentile(x: number): number | null {
    if (this.n === 0) return null;
    // Binary search for the first value >= x.
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const below = lo === 0 ? 0 : this.cum[lo - 1];
    const equal = lo < this.values.length && this.values[lo] === x ? this.pairs[lo][1] : 0;
    return Math.round(((below + equal / 2) / this.n) * 1000) / 10;
  }
  median(): number | null {
    return this.n === 0 ? null : pairsQuantile(this.pairs, this.n, 0.5);
  }
}

/** Peer usage values of one group, sorted per metric and statistic. */
class UsageDistribution {
  private readonly byKind = new Map<string, number[]>();
  constructor(peers: readonly PeerUsage[]) {
    for (const p of peers) {
      const best = new Map<string, Utilization>();
      for (const u of p.utilization) {
        const k = `${u.metric} ${u.statistic}`;
        const b = best.get(k);
        if (!b || windowSeconds(u.window) > windowSeconds(b.window)) best.set(k, u);
      }
      for (const [k, u] of best) {
        let list = this.byKind.get(k);
        if (!list) this.byKind.set(k, (list = []));
        list.push(u.value);
      }
    }
    for (const list of this.byKind.values()) list.sort((a, b) => a - b);
  }
  values(metric: UtilizationMetric, statistic: UtilizationStatistic): number[] {
    return this.byKind.get(`${metric} ${statistic}`) ?? [];
  }
}

/** The figure a row shows: a high-water mark when there is one, else an average, else a sample. */
const PREFERRED: UtilizationStatistic[] = ["p95", "average", "max", "sample"];

function usageCell(own: readonly Utilization[], metric: UtilizationMetric, dist: UsageDistribution | undefined): UsageCell | null {
  for (const statistic of PREFERRED) {
    const m = own.filter((u) => u.metric === metric && u.statistic === statistic);
    if (m.length === 0) continue;
    const u = [...m].sort((a, b) => windowSeconds(b.window) - windowSeconds(a.window))[0];
    const values = dist?.values(metric, statistic) ?? [];
    return {
      value: u.value, statistic, window: u.window,
      percentile: values.length >= MIN_UTILIZATION_PEERS ? percentileRank(u.value, values) : null,
      peers: values.length,
    };
  }
  return null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => `${round1(x)}%`;
const ord = (p: number) => `${Math.round(p)}th percentile`;

function useText(u: UsageCell, what: string): string {
  const how = u.statistic === "sample" ? "a point-in-time sample" : `${u.statistic === "average" ? "average" : u.statistic} over ${u.window}`;
  return `${what} ${pct(u.value)} (${how}${u.percentile != null ? `; ${ord(u.percentile)} of ${u.peers} peers` : ""})`;
}

/** Group keys of a VM, narrowest first, as lib/db/peer-stats.ts names them. */
export function estateGroupKeys(vm: Pick<EstateVm, "tags" | "guestFamily">): { appv: string | null; app: string | null; family: string; all: string } {
  const primary = vm.tags.find((t) => t.primary) ?? vm.tags[0];
  return {
    appv: primary?.version ? `appv:${primary.slug}@${primary.version.toLowerCase()}` : null,
    app: primary ? `app:${primary.slug}` : null,
    family: `family:${vm.guestFamily ?? "unknown"}`,
    all: "all",
  };
}

/** The peer_stats key each VM is compared in, from the groups' sizes (the same widening as a VM page). */
export function chooseEstateGroup(vm: Pick<EstateVm, "tags" | "guestFamily">, n: (key: string | null) => number): { rule: PeerRuleName; key: string; n: number; description: string } {
  const keys = estateGroupKeys(vm);
  const primary = vm.tags.find((t) => t.primary) ?? vm.tags[0];
  const appName = primary ? (getApplication(primary.slug)?.name ?? primary.slug) : null;
  const choice = choosePeerRule(
    { sameAppSameVersion: n(keys.appv), sameAppAnyVersion: n(keys.app), sameGuestFamily: n(keys.family), all: n(keys.all) },
    !!primary?.version, MIN_PEERS, { appName, appVersion: primary?.version ?? null, guestFamily: vm.guestFamily },
  );
  const key = { "app-version": keys.appv, app: keys.app, "guest-family": keys.family, all: keys.all }[choice.rule] ?? "all";
  return { rule: choice.rule, key, n: choice.n, description: choice.description };
}

const VCPU_BINS: [string, number, number][] = [["1", 1, 1], ["2", 2, 2], ["3–4", 3, 4], ["5–8", 5, 8], ["9–16", 9, 16], ["17–32", 17, 32], ["33+", 33, Infinity]];
const MEMORY_BINS: [string, number, number][] = [["≤ 2 GiB", 0, 2], ["2–4 GiB", 2, 4], ["4–8 GiB", 4, 8], ["8–16 GiB", 8, 16], ["16–32 GiB", 16, 32], ["32–64 GiB", 32, 64], ["64–128 GiB", 64, 128], ["> 128 GiB", 128, Infinity]];

function distribution(bins: [string, number, number][], estate: number[], community: [number, number][], lowerOpen: boolean): DistributionBin[] {
  const inBin = (v: number, lo: number, hi: number) => (lowerOpen ? (v > lo || (lo === 0 && v >= 0)) && v <= hi : v >= lo && v <= hi);
  const communityN = community.reduce((s, [, c]) => s + c, 0);
  return bins.map(([label, lo, hi]) => {
    const e = estate.filter((v) => inBin(v, lo, hi)).length;
    const c = community.filter(([v]) => inBin(v, lo, hi)).reduce((s, [, k]) => s + k, 0);
    return { label, estate: e, community: c, estatePct: estate.length ? round1((e / estate.length) * 100) : 0, communityPct: communityN ? round1((c / communityN) * 100) : 0 };
  });
}

export interface EstateReportInput {
  vms: readonly EstateVm[];
  /** peer_stats by key; must hold "all" and every key chooseEstateGroup may pick. */
  groups: ReadonlyMap<string, GroupStats>;
  /** Peers' usage per chosen key. */
  usage: ReadonlyMap<string, readonly PeerUsage[]>;
  source: EstateReport["source"];
  problems?: string[];
  now?: Date;
}

export function buildEstateReport(input: EstateReportInput): EstateReport {
  const T = FLAG_THRESHOLDS;
  const sizes = new Map<string, { vcpus: SizeDistribution; memory: SizeDistribution }>();
  const sizeOf = (key: string) => {
    let s = sizes.get(key);
    if (!s) {
      const g = input.groups.get(key);
      s = { vcpus: new SizeDistribution(g?.metrics.vcpus ?? {}), memory: new SizeDistribution(g?.metrics.memoryMiB ?? {}) };
      sizes.set(key, s);
    }
    return s;
  };
  const usageDists = new Map<string, UsageDistribution>();
  const usageOf = (key: string) => {
    let d = usageDists.get(key);
    if (!d && input.usage.has(key)) usageDists.set(key, (d = new UsageDistribution(input.usage.get(key)!)));
    return d;
  };
  const nOf = (key: string | null) => (key ? (input.groups.get(key)?.n ?? 0) : 0);

  const rows: EstateRow[] = input.vms.map((vm) => {
    const group = chooseEstateGroup(vm, nOf);
    const size = sizeOf(group.key);
    const dist = usageOf(group.key);
    const primary = vm.tags.find((t) => t.primary) ?? vm.tags[0];
    const appName = primary ? `${getApplication(primary.slug)?.name ?? primary.slug}${primary.version ? ` ${primary.version}` : ""}` : null;
    const vcpusPercentile = size.vcpus.percentile(vm.vcpus);
    const memoryPercentile = size.memory.percentile(vm.memoryMiB);
    const peerMedianVcpus = size.vcpus.median();
    const peerMedianMemoryMiB = size.memory.median();
    const cpu = usageCell(vm.utilization, "cpu.usage.pct", dist);
    const memory = usageCell(vm.utilization, "mem.active.pct", dist);
    const flags = new Set<EstateFlag>();
    const evidence: string[] = [];
    let reclaimVcpus = 0;
    let reclaimGiB = 0;
    const lowAgainstPeers = (u: UsageCell) => u.value < T.lowUsePct && (u.percentile == null || u.percentile <= 50);

    if (cpu && vcpusPercentile != null && vcpusPercentile >= T.bigPercentile && lowAgainstPeers(cpu) && peerMedianVcpus != null) {
      flags.add("oversized");
      const target = Math.min(vm.vcpus, Math.max(Math.ceil(peerMedianVcpus), Math.ceil((vm.vcpus * cpu.value) / T.targetPct)));
      reclaimVcpus = vm.vcpus - target;
      evidence.push(`${vm.vcpus} vCPUs, ${ord(vcpusPercentile)} of ${group.n} peers (median ${round1(peerMedianVcpus)}), at ${useText(cpu, "CPU")}`);
    }
    if (memory && memoryPercentile != null && memoryPercentile >= T.bigPercentile && lowAgainstPeers(memory) && peerMedianMemoryMiB != null) {
      flags.add("oversized");
      const gib = vm.memoryMiB / 1024;
      const target = Math.min(gib, Math.max(Math.ceil(peerMedianMemoryMiB / 1024), Math.ceil((gib * memory.value) / T.targetPct)));
      reclaimGiB = Math.max(0, Math.floor(gib - target));
      evidence.push(`${round1(gib)} GiB memory, ${ord(memoryPercentile)} of ${group.n} peers (median ${round1(peerMedianMemoryMiB / 1024)} GiB), at ${useText(memory, "active memory")}`);
    }
    if (cpu && cpu.value >= T.highCpuPct) {
      flags.add("undersized");
      evidence.push(`${useText(cpu, "CPU")} on ${vm.vcpus} vCPUs${vcpusPercentile != null ? ` (${ord(vcpusPercentile)} of peers)` : ""}`);
    }
    if (memory && memory.value >= T.highMemoryPct) {
      flags.add("undersized");
      evidence.push(`${useText(memory, "active memory")} of ${round1(vm.memoryMiB / 1024)} GiB`);
    }
    return {
      label: vm.label, row: vm.row, app: appName, peerRule: group.rule, peerGroup: group.description, peers: group.n,
      vcpus: vm.vcpus, memoryGiB: round1(vm.memoryMiB / 1024) , diskGiB: vm.totalDiskGiB == null ? null : round1(vm.totalDiskGiB),
      guest: vm.guestName ?? vm.guestFamily,
      vcpusPercentile, memoryPercentile,
      peerMedianVcpus, peerMedianMemoryGiB: peerMedianMemoryMiB == null ? null : round1(peerMedianMemoryMiB / 1024),
      cpu, memory, flags: [...flags], evidence, reclaimVcpus, reclaimGiB,
      legacyNics: vm.nicModels.some((m) => nicClass(m) === "legacy"),
      checks: vm.checks,
    };
  });

  const all = input.groups.get("all");
  const perVcpu = input.vms.map((v) => v.memoryMiB / 1024 / v.vcpus).sort((a, b) => a - b);
  const checkCounts = new Map<string, number>();
  for (const v of input.vms) for (const c of v.checks) checkCounts.set(c, (checkCounts.get(c) ?? 0) + 1);
  const totals: EstateTotals = {
    vms: rows.length,
    vcpus: input.vms.reduce((s, v) => s + v.vcpus, 0),
    memoryGiB: round1(input.vms.reduce((s, v) => s + v.memoryMiB, 0) / 1024),
    diskGiB: round1(input.vms.reduce((s, v) => s + (v.totalDiskGiB ?? 0), 0)),
    medianMemoryPerVcpuGiB: perVcpu.length ? round1(quantile(perVcpu, 0.5)) : null,
    communityVms: all?.n ?? 0,
    vcpuDistribution: distribution(VCPU_BINS, input.vms.map((v) => v.vcpus), freqPairs(all?.metrics.vcpus ?? {}), false),
    memoryDistribution: distribution(MEMORY_BINS, input.vms.map((v) => v.memoryMiB / 1024), freqPairs(all?.metrics.memoryMiB ?? {}).map(([v, c]) => [v / 1024, c]), true),
    legacyNicVms: rows.filter((r) => r.legacyNics).length,
    unsupportedGuestVms: input.vms.filter((v) => v.checks.includes(GUEST_SUPPORT_CHECK)).length,
    withUsage: rows.filter((r) => r.cpu || r.memory).length,
    flagged: { oversized: rows.filter((r) => r.flags.includes("oversized")).length, undersized: rows.filter((r) => r.flags.includes("undersized")).length },
    reclaimVcpus: rows.reduce((s, r) => s + r.reclaimVcpus, 0),
    reclaimGiB: rows.reduce((s, r) => s + r.reclaimGiB, 0),
    checks: [...checkCounts].map(([checkId, vms]) => ({ checkId, vms })).sort((a, b) => b.vms - a.vms || a.checkId.localeCompare(b.checkId)),
  };
  return {
    version: 1, generatedAt: (input.now ?? new Date()).toISOString(), source: input.source,
    rows, totals, problems: input.problems ?? [], thresholds: FLAG_THRESHOLDS,
  };
}

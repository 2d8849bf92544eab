import { CHECKS, runChecks } from "@/lib/checks";
import { diffFromBaseline } from "@/lib/compare/baseline";
import { applyPoint, emptyGroupStats, type GroupPoint, type GroupStats } from "@/lib/compare/frequency";
import { compareVmFromStats, findingsFromStats } from "@/lib/compare/from-stats";
import { METRICS } from "@/lib/compare/metrics";
import { choosePeerRule, MIN_PEERS, PEER_RULES, type PeerCounts, type PeerRuleName } from "@/lib/compare/peers";
import type { MetricRow, ScatterPoint, SimilarVm, VmComparison } from "@/lib/compare/report-model";
import { nearestNeighbours } from "@/lib/compare/similarity";
import { countNoun } from "@/lib/compare/text";
import type { PeerPoint } from "@/lib/compare/types";
import { formatMemory, gibFromMib, label } from "@/lib/format";
import { getApplication } from "@/lib/taxonomy/applications";
import { contextSchema, type VmContext } from "@/lib/vm/context";
import { shortTotalDisk } from "@/lib/vm/disk-text";
import { totalDiskGiB, unknownDiskSizes, zeroSizesAsUnknown, type NormalizedVm } from "@/lib/vm/model";
import { withPrimary, type TagInput } from "@/lib/vm/record";
import type { Db } from "./client";
import { getPeerStats, PEER_COUNTED_SQL } from "./peer-stats";
import { getPeerUsage } from "./peer-usage";
import { usageGroupLabel, vmUsage } from "@/lib/compare/vm-usage";
import { getVm } from "./vms";

/** Peers drawn for the vCPU × memory chart: enough to show the shape, bounded whatever the group size. */
export const SCATTER_SAMPLE = 400;
/** Most similar configurations listed. */
export const SIMILAR_K = 5;
/** Candidates fetched for the similarity ranking, split over the prefilter's parts. */
const EXACT_CANDIDATES = 200;
const NEAR_CANDIDATES = 150;

interface Subject {
  id: string | null;
  vm: NormalizedVm;
  tags: { slug: string; name: string; version: string | null; primary: boolean }[];
  context: VmContext;
  /** Set for a stored, published VM: its own point is taken out of its groups' statistics. */
  storedPoint: GroupPoint | null;
}

function nicModelsOf(vm: NormalizedVm): string[] {
  return [...new Set(vm.nics.map((n) => n.model).filter((m): m is string => !!m))].sort();
}

/** The VM as lib/db/peer-stats.ts counted it (groupPoint), so that subtracting it is exact. */
function groupPointOf(vm: NormalizedVm, createdAt: Date): GroupPoint {
  return {
    vcpus: vm.cpu.vcpus,
    memoryMiB: vm.memoryMiB,
    totalDiskGiB: totalDiskGiB(vm),
    diskCount: vm.disks.length,
    nicCount: vm.nics.length,
    hypervisor: vm.hypervisor.product ?? vm.hypervisor.vendor,
    guestOs: vm.guestOs.family,
    firmware: vm.firmware,
    nicModels: nicModelsOf(vm),
    year: createdAt.getUTCFullYear(),
  };
}

function peerPointOf(id: string | null, vm: NormalizedVm): PeerPoint {
  return {
    id: id ?? "this-vm",
    vcpus: vm.cpu.vcpus,
    memoryMiB: vm.memoryMiB,
    totalDiskGiB: totalDiskGiB(vm),
    diskCount: vm.disks.length,
    nicCount: vm.nics.length,
    guestFamily: vm.guestOs.family,
    firmware: vm.firmware,
    hypervisorVendor: vm.hypervisor.vendor,
    nicModels: nicModelsOf(vm),
  };
}

function summaryOf(vm: NormalizedVm): string {
  const parts = [countNoun(vm.cpu.vcpus, "vCPU"), `${formatMemory(vm.memoryMiB)} memory`, shortTotalDisk(vm)];
  if (vm.guestOs.name) parts.push(vm.guestOs.name);
  else if (vm.guestOs.family) parts.push(label(vm.guestOs.family));
  return parts.join(", ");
}

interface GroupKeys {
  "app-version": string | null;
  app: string | null;
  "guest-family": string;
  all: string;
}

function groupKeys(primary: Subject["tags"][number] | undefined, family: string | null): GroupKeys {
  return {
    "app-version": primary?.version ? `appv:${primary.slug}@${primary.version.toLowerCase()}` : null,
    app: primary ? `app:${primary.slug}` : null,
    "guest-family": `family:${family ?? "unknown"}`,
    all: "all",
  };
}

/** SQL condition selecting a peer group's published VMs; params continue from `params`. */
function groupCondition(rule: PeerRuleName, primary: Subject["tags"][number] | undefined, family: string | null, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  switch (rule) {
    case "app-version":
      return `primary_app = ${p(primary!.slug)} AND lower(primary_app_version) = ${p(primary!.version!.toLowerCase())}`;
    case "app":
      return `primary_app = ${p(primary!.slug)}`;
    case "guest-family":
      return family ? `guest_family = ${p(family)}` : `guest_family IS NULL`;
    case "all":
      return "TRUE";
  }
}

interface CandidateRow {
  id: string;
  vcpus: number;
  memory_mib: number;
  total_disk_gib: number | null;
  disk_count: number;
  nic_count: number;
  guest_family: string | null;
  firmware: string | null;
  hypervisor_vendor: string | null;
  nic_models: string[] | null;
  primary_app: string | null;
}

/*
 * A deterministic sample: the group's VMs in id order from a start point,
 * wrapping around. Ids are random, so starting at the VM's own id gives a
 * different but repeatable slice per VM, read through the primary key
 * index instead of sorting the group.
 */
async function scatterSample(db: Db, where: string, params: unknown[], selfId: string | null, start: string): Promise<ScatterPoint[]> {
  const ps = [...params, start, selfId ?? ""];
  const s = `$${params.length + 1}`;
  const self = `$${params.length + 2}`;
  const part = (cmp: string) =>
    `(SELECT id, vcpus, memory_mib FROM vm WHERE status = 'published' AND ${PEER_COUNTED_SQL} AND ${where} AND id <> ${self} AND id ${cmp} ${s} ORDER BY id LIMIT ${SCATTER_SAMPLE})`;
  const rows = await db.prisma.$queryRawUnsafe<{ id: string; vcpus: number; memory_mib: number }[]>(
    `${part(">=")} UNION ALL ${part("<")}`,
    ...ps,
  );
  const after = rows.filter((r) => r.id >= start).sort((a, b) => (a.id < b.id ? -1 : 1));
  const before = rows.filter((r) => r.id < start).sort((a, b) => (a.id < b.id ? -1 : 1));
  return [...after, ...before]
    .slice(0, SCATTER_SAMPLE)
    .map((r) => ({ id: r.id, vcpus: Number(r.vcpus), memoryGiB: gibFromMib(Number(r.memory_mib)) }));
}

/*
 * Similarity candidates without scanning the group: the same sizing
 * (vCPUs and memory equal), then the nearest memory sizes above and below
 * with vCPUs within a factor of 2, each read in the order of the peer
 * indexes (group, memory, vCPUs, id) so that it stops at its cap.
 * lib/compare/similarity ranks the few hundred candidates in JS.
 */
async function similarCandidates(db: Db, where: string, params: unknown[], selfId: string | null, vm: NormalizedVm): Promise<CandidateRow[]> {
  const v = vm.cpu.vcpus;
  const m = vm.memoryMiB;
  const ps = [...params, selfId ?? "", v, m, Math.max(1, Math.floor(v / 2)), v * 2, Math.max(1, Math.floor(m / 2)), m * 2];
  const [self, pv, pm, vlo, vhi, mlo, mhi] = [1, 2, 3, 4, 5, 6, 7].map((i) => `$${params.length + i}`);
  const cols = `id, vcpus, memory_mib, total_disk_gib, disk_count, nic_count, guest_family, firmware, hypervisor_vendor, nic_models, primary_app`;
  const base = `SELECT ${cols} FROM vm WHERE status = 'published' AND ${PEER_COUNTED_SQL} AND ${where} AND id <> ${self}`;
  const sql = [
    `(${base} AND memory_mib = ${pm}::int AND vcpus = ${pv}::int ORDER BY id LIMIT ${EXACT_CANDIDATES})`,
    `(${base} AND memory_mib > ${pm}::int AND memory_mib <= ${mhi}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY memory_mib, vcpus, id LIMIT ${NEAR_CANDIDATES})`,
    `(${base} AND memory_mib < ${pm}::int AND memory_mib >= ${mlo}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY memory_mib DESC, vcpus DESC, id DESC LIMIT ${NEAR_CANDIDATES})`,
    `(${base} AND memory_mib = ${pm}::int AND vcpus <> ${pv}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY vcpus, id LIMIT ${NEAR_CANDIDATES})`,
  ].join(" UNION ALL ");
  const rows = await db.prisma.$queryRawUnsafe<CandidateRow[]>(sql, ...ps);
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

function candidatePoint(r: CandidateRow): PeerPoint {
  return {
    id: r.id,
    vcpus: Number(r.vcpus),
    memoryMiB: Number(r.memory_mib),
    totalDiskGiB: r.total_disk_gib == null ? null : Number(r.total_disk_gib),
    diskCount: Number(r.disk_count),
    nicCount: Number(r.nic_count),
    guestFamily: r.guest_family,
    firmware: r.firmware,
    hypervisorVendor: r.hypervisor_vendor,
    nicModels: r.nic_models ?? [],
  };
}

/** The categorical facts nearestNeighbours penalises, said in words when both sides state them and differ. */
function otherDiffs(target: PeerPoint, other: PeerPoint): string[] {
  const out: string[] = [];
  const differs = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a !== b;
  if (differs(target.guestFamily, other.guestFamily)) out.push(`guest OS ${label(other.guestFamily)}`);
  if (differs(target.firmware, other.firmware)) out.push(`firmware ${label(other.firmware)}`);
  if (differs(target.hypervisorVendor, other.hypervisorVendor)) out.push(`hypervisor ${label(other.hypervisorVendor)}`);
  return out;
}

function similarVms(target: PeerPoint, rows: CandidateRow[]): SimilarVm[] {
  const points = rows.map(candidatePoint);
  const byId = new Map(rows.map((r, i) => [r.id, { row: r, point: points[i] }]));
  return nearestNeighbours(target, points, SIMILAR_K).map((nb) => {
    const { row, point } = byId.get(nb.id)!;
    const diffs = diffFromBaseline(target, point);
    return {
      id: nb.id,
      distance: nb.distance,
      similarity: Math.round(nb.similarity * 1000) / 1000,
      appName: row.primary_app ? (getApplication(row.primary_app)?.name ?? row.primary_app) : null,
      vcpus: point.vcpus,
      memoryGiB: gibFromMib(point.memoryMiB),
      totalDiskGiB: point.totalDiskGiB,
      diffs: METRICS.map((m) => ({
        key: m.key,
        label: m.label,
        text: diffs[m.key].text,
        direction: diffs[m.key].direction,
        tone: diffs[m.key].tone,
      })),
      otherDiffs: otherDiffs(target, point),
    };
  });
}

/** Why the VM's total disk is unknown, shown where its percentile would be. */
function unknownTotalNote(vm: NormalizedVm): string {
  if (vm.disks.length === 0) return "The source lists no disks: the total disk is unknown and not compared.";
  const unknown = unknownDiskSizes(vm);
  return `${countNoun(unknown, "disk")} of unknown size: the total disk is unknown and not compared.`;
}

/** A repeatable start for the sample of a VM that has no id: derived from its sizing. */
function startFor(id: string | null, vm: NormalizedVm): string {
  if (id) return id;
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  let h = 2166136261;
  for (const c of `${vm.cpu.vcpus}/${vm.memoryMiB}/${totalDiskGiB(vm) ?? "?"}/${vm.guestOs.id ?? ""}`) {
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return alphabet[h % alphabet.length] + alphabet[(h >>> 8) % alphabet.length];
}

async function compareSubject(db: Db, s: Subject): Promise<VmComparison> {
  const primary = s.tags.find((t) => t.primary) ?? s.tags[0];
  const family = s.vm.guestOs.family;
  const keys = groupKeys(primary, family);
  const wanted = Object.values(keys).filter((k): k is string => !!k);
  const stored = await getPeerStats(db, wanted);

  const groups = new Map<string, GroupStats>();
  for (const k of wanted) {
    const st = stored.get(k);
    if (!st) continue;
    // The VM is never its own peer: take its point out of a copy of each group it is counted in.
    groups.set(k, s.storedPoint ? applyPoint(structuredClone(st), s.storedPoint, -1) : st);
  }
  const nOf = (k: string | null) => (k ? (groups.get(k)?.n ?? 0) : 0);
  const counts: PeerCounts = {
    sameAppSameVersion: nOf(keys["app-version"]),
    sameAppAnyVersion: nOf(keys.app),
    sameGuestFamily: nOf(keys["guest-family"]),
    all: nOf(keys.all),
  };
  const hasVersion = !!primary?.version;
  const appName = primary ? primary.name : null;
  const choice = choosePeerRule(counts, hasVersion, MIN_PEERS, {
    appName,
    appVersion: primary?.version ?? null,
    guestFamily: family,
  });
  const key = keys[choice.rule] ?? "all";
  const stats = groups.get(key) ?? emptyGroupStats();

  const point = peerPointOf(s.id, s.vm);
  const compared = compareVmFromStats(point, stats);
  const metrics: MetricRow[] = METRICS.map((m) => {
    const c = compared[m.key];
    const row: MetricRow = {
      key: m.key, label: m.label, unit: m.unit, value: c.value, percentile: c.percentile,
      p25: c.p25, p50: c.p50, p75: c.p75, min: c.min, max: c.max, n: c.n, unknown: c.unknown, histogram: c.histogram,
    };
    if (m.key === "totalDiskGiB" && c.value == null) row.note = unknownTotalNote(s.vm);
    return row;
  });

  const params: unknown[] = [];
  const where = groupCondition(choice.rule, primary, family, params);
  const own = s.vm.utilization ?? [];
  const [scatter, candidates, peerUsage] = await Promise.all([
    scatterSample(db, where, params, s.id, startFor(s.id, s.vm)),
    similarCandidates(db, where, params, s.id, s.vm),
    own.length > 0 ? getPeerUsage(db, key, s.id) : Promise.resolve(null),
  ]);

  const gateway = s.tags.some((t) => getApplication(t.slug)?.isGateway);
  const checks = runChecks({
    vm: s.vm,
    context: s.context,
    tags: s.tags.map((t) => ({ slug: t.slug, version: t.version, primary: t.primary })),
    // Only a taxonomy "gateway" says yes; otherwise the check reads the tag names itself.
    isGatewayWorkload: gateway ? true : undefined,
  });

  const { name: _name, ...config } = s.vm;
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    vm: { id: s.id, summary: summaryOf(s.vm), config, tags: s.tags, context: s.context },
    app: primary ? { slug: primary.slug, name: primary.name, version: primary.version } : null,
    peerGroup: {
      rule: choice.rule,
      description: choice.description,
      n: choice.n,
      minN: MIN_PEERS,
      key,
      considered: PEER_RULES.filter((r) => hasVersion || r.rule !== "app-version").map((r) => ({ rule: r.rule, n: counts[r.countKey] })),
    },
    metrics,
    scatter,
    similar: similarVms(point, candidates),
    // An unknown total has no finding (findingsFromSummary says nothing about a null value).
    findings: findingsFromStats({ appName, vm: point, stats, rule: choice.rule, minN: MIN_PEERS }),
    checks,
    checksRun: CHECKS.length,
    ...(peerUsage ? { usage: vmUsage({ vcpus: s.vm.cpu.vcpus, memoryMiB: s.vm.memoryMiB, utilization: own }, peerUsage, usageGroupLabel(choice.rule, primary ?? null, family)) } : {}),
  };
}

/** A published VM compared with its peers; null when there is no such published VM. */
export async function getVmComparison(db: Db, id: string): Promise<VmComparison | null> {
  const rec = await getVm(db, id);
  if (!rec) return null;
  return compareSubject(db, {
    id: rec.id,
    vm: rec.vm,
    tags: rec.tags.map((t) => ({ slug: t.slug, name: t.name, version: t.version, primary: t.primary })),
    context: rec.context,
    // An implausible VM awaiting confirmation is in no group's statistics, so there is nothing to take out.
    storedPoint: rec.plausibility?.reasons.length && !rec.plausibility.confirmedAt ? null : groupPointOf(rec.vm, new Date(rec.createdAt)),
  });
}

export interface UnpublishedInput {
  vm: NormalizedVm;
  /** May be empty: the configuration is then compared by guest OS family or with all VMs. */
  tags: TagInput[];
  context?: Partial<VmContext> | null;
}

/**
 * A configuration that is not published, compared with the published VMs.
 * Reads only: nothing about it is stored. The result has vm.id null.
 */
export async function compareUnpublished(db: Db, input: UnpublishedInput): Promise<VmComparison> {
  const tags = withPrimary(input.tags).map((t) => ({
    slug: t.slug,
    name: getApplication(t.slug)?.name ?? t.slug,
    version: t.version,
    primary: t.primary,
  }));
  return compareSubject(db, {
    id: null,
    vm: zeroSizesAsUnknown({ ...input.vm, name: null }),
    tags,
    context: contextSchema.parse(input.context ?? {}),
    storedPoint: null,
  });
}

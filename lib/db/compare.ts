import "server-only";
import {
  assembleComparison,
  choosePeerGroup,
  primaryTag,
  sampleStart,
  subjectFromRecord,
  subjectFromUnpublished,
  wantedGroupKeys,
  type ComparisonSubject,
  type SimilarCandidate,
  type SubjectTag,
  type UnpublishedInput,
} from "@/lib/compare/assemble";
import type { PeerRuleName } from "@/lib/compare/peers";
import type { ScatterPoint, VmComparison } from "@/lib/compare/report-model";
import { gibFromMib } from "@/lib/text/display";
import type { NormalizedVm } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";
import type { Db } from "./client";
import { getPeerStats, PEER_COUNTED_SQL } from "./peer-stats";
import { getPeerUsage } from "./peer-usage";
import { usageGroupLabel, vmUsage } from "@/lib/compare/vm-usage";
import { getVm } from "./vms";
import { vmLabel } from "@/lib/vm/label";

/*
 * The rows a comparison needs: the stored statistics of the subject's peer
 * groups, a sample of the chosen group for the chart, and the similarity
 * candidates. lib/compare/assemble.ts decides everything else.
 */

/** Peers drawn for the vCPU × memory chart: enough to show the shape, bounded whatever the group size. */
export const SCATTER_SAMPLE = 400;
/** Candidates fetched for the similarity ranking, split over the prefilter's parts. */
const EXACT_CANDIDATES = 200;
const NEAR_CANDIDATES = 150;

/** SQL condition selecting a peer group's published VMs; params continue from `params`. */
function groupCondition(rule: PeerRuleName, primary: SubjectTag | undefined, family: string | null, params: unknown[]): string {
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
  primary_app_version?: string | null;
  hypervisor_product?: string | null;
  hypervisor_version?: string | null;
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
async function similarCandidates(db: Db, where: string, params: unknown[], selfId: string | null, vm: NormalizedVm): Promise<SimilarCandidate[]> {
  const v = vm.cpu.vcpus;
  const m = vm.memoryMiB;
  const ps = [...params, selfId ?? "", v, m, Math.max(1, Math.floor(v / 2)), v * 2, Math.max(1, Math.floor(m / 2)), m * 2];
  const [self, pv, pm, vlo, vhi, mlo, mhi] = [1, 2, 3, 4, 5, 6, 7].map((i) => `$${params.length + i}`);
  const cols = `id, vcpus, memory_mib, total_disk_gib, disk_count, nic_count, guest_family, firmware, hypervisor_vendor, nic_models, primary_app,
    primary_app_version, hypervisor_product, hypervisor_version`;
  const base = `SELECT ${cols} FROM vm WHERE status = 'published' AND ${PEER_COUNTED_SQL} AND ${where} AND id <> ${self}`;
  const sql = [
    `(${base} AND memory_mib = ${pm}::int AND vcpus = ${pv}::int ORDER BY id LIMIT ${EXACT_CANDIDATES})`,
    `(${base} AND memory_mib > ${pm}::int AND memory_mib <= ${mhi}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY memory_mib, vcpus, id LIMIT ${NEAR_CANDIDATES})`,
    `(${base} AND memory_mib < ${pm}::int AND memory_mib >= ${mlo}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY memory_mib DESC, vcpus DESC, id DESC LIMIT ${NEAR_CANDIDATES})`,
    `(${base} AND memory_mib = ${pm}::int AND vcpus <> ${pv}::int AND vcpus BETWEEN ${vlo}::int AND ${vhi}::int ORDER BY vcpus, id LIMIT ${NEAR_CANDIDATES})`,
  ].join(" UNION ALL ");
  const rows = await db.prisma.$queryRawUnsafe<CandidateRow[]>(sql, ...ps);
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true))).map(candidateOf);
}

function candidateOf(r: CandidateRow): SimilarCandidate {
  return {
    primaryApp: r.primary_app,
    primaryAppVersion: r.primary_app_version ?? null,
    hypervisorProduct: r.hypervisor_product ?? null,
    hypervisorVersion: r.hypervisor_version ?? null,
    point: {
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
    },
  };
}

async function compareSubject(db: Db, s: ComparisonSubject): Promise<VmComparison> {
  const group = choosePeerGroup(s, await getPeerStats(db, wantedGroupKeys(s)));
  const params: unknown[] = [];
  const where = groupCondition(group.rule, primaryTag(s), s.vm.guestOs.family, params);
  const own = s.vm.utilization ?? [];
  const [scatter, candidates, peerUsage] = await Promise.all([
    scatterSample(db, where, params, s.id, sampleStart(s)),
    similarCandidates(db, where, params, s.id, s.vm),
    own.length > 0 ? getPeerUsage(db, group.key, s.id) : Promise.resolve(null),
  ]);
  const comparison = assembleComparison(s, group, { scatter, candidates });
  if (!peerUsage) return comparison;
  const usage = vmUsage(
    { vcpus: s.vm.cpu.vcpus, memoryMiB: s.vm.memoryMiB, utilization: own },
    peerUsage,
    usageGroupLabel(group.rule, primaryTag(s) ?? null, s.vm.guestOs.family),
  );
  return { ...comparison, usage };
}

/** A published VM compared with its peers; null when there is no such published VM. */
export async function getVmComparison(db: Db, id: string): Promise<VmComparison | null> {
  const rec = await getVm(db, id);
  return rec ? compareVmRecord(db, rec) : null;
}

/** A published VM already read (the VM page reads it once) compared with its peers. */
export function compareVmRecord(db: Db, rec: VmRecord): Promise<VmComparison> {
  return compareSubject(db, subjectFromRecord(rec));
}

/**
 * A configuration that is not published, compared with the published VMs.
 * Reads only: nothing about it is stored. The result has vm.id null.
 */
export function compareUnpublished(db: Db, input: UnpublishedInput): Promise<VmComparison> {
  return compareSubject(db, subjectFromUnpublished(input));
}

import { vmLabel } from "@/lib/vm/label";
import { CHECKS, runChecks } from "@/lib/checks";
import { diffFromBaseline } from "@/lib/compare/baseline";
import { applyPoint, emptyGroupStats, type GroupPoint, type GroupStats } from "@/lib/compare/frequency";
import { compareVmFromStats, findingsFromStats } from "@/lib/compare/from-stats";
import { METRICS } from "@/lib/compare/metrics";
import { choosePeerRule, MIN_PEERS, PEER_RULES, type PeerCounts, type PeerRuleChoice, type PeerRuleName } from "@/lib/compare/peers";
import type { MetricRow, ScatterPoint, SimilarVm, VmComparison } from "@/lib/compare/report-model";
import { nearestNeighbours } from "@/lib/compare/similarity";
import { countNoun } from "@/lib/compare/text";
import type { PeerPoint } from "@/lib/compare/types";
import { formatMemory, gibFromMib, label } from "@/lib/text/display";
import { getApplication } from "@/lib/taxonomy/applications";
import { contextSchema, type VmContext } from "@/lib/vm/context";
import { shortTotalDisk } from "@/lib/vm/disk-text";
import { totalDiskGiB, unknownDiskSizes, zeroSizesAsUnknown, type NormalizedVm } from "@/lib/vm/model";
import { withPrimary, type TagInput, type VmRecord } from "@/lib/vm/record";

/*
 * A VM's comparison with its peers, assembled from what the data layer
 * fetched: the stored group statistics, a sample of the group for the chart
 * and the similarity candidates. Pure: lib/db/compare.ts reads the rows and
 * hands them in, so every decision here is testable without a database.
 */

/** Most similar configurations listed. */
export const SIMILAR_K = 5;

export interface SubjectTag {
  slug: string;
  name: string;
  version: string | null;
  primary: boolean;
}

/** The VM being compared: a stored one (id set) or a private configuration (id null). */
export interface ComparisonSubject {
  id: string | null;
  vm: NormalizedVm;
  tags: SubjectTag[];
  context: VmContext;
  /** Set for a stored, published VM: its own point is taken out of its groups' statistics. */
  storedPoint: GroupPoint | null;
}

/** A similarity candidate as the data layer read it. */
export interface SimilarCandidate {
  point: PeerPoint;
  /** The candidate's primary application slug. */
  primaryApp: string | null;
  /** What its human label needs beyond the point (lib/vm/label.ts). */
  primaryAppVersion?: string | null;
  hypervisorProduct?: string | null;
  hypervisorVersion?: string | null;
}

export function nicModelsOf(vm: NormalizedVm): string[] {
  return [...new Set(vm.nics.map((n) => n.model).filter((m): m is string => !!m))].sort();
}

/** The VM as lib/db/peer-stats.ts counted it (groupPoint), so that subtracting it is exact. */
export function groupPointOf(vm: NormalizedVm, createdAt: Date): GroupPoint {
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

export function peerPointOf(id: string | null, vm: NormalizedVm): PeerPoint {
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

/** A published VM as a subject. */
export function subjectFromRecord(rec: VmRecord): ComparisonSubject {
  return {
    id: rec.id,
    vm: rec.vm,
    tags: rec.tags.map((t) => ({ slug: t.slug, name: t.name, version: t.version, primary: t.primary })),
    context: rec.context,
    // An implausible VM awaiting confirmation is in no group's statistics, so there is nothing to take out.
    storedPoint: rec.plausibility?.reasons.length && !rec.plausibility.confirmedAt ? null : groupPointOf(rec.vm, new Date(rec.createdAt)),
  };
}

export interface UnpublishedInput {
  vm: NormalizedVm;
  /** May be empty: the configuration is then compared by guest OS family or with all VMs. */
  tags: TagInput[];
  context?: Partial<VmContext> | null;
}

/** A configuration that is not published, as a subject: no id, no name, nothing to take out of the groups. */
export function subjectFromUnpublished(input: UnpublishedInput): ComparisonSubject {
  const tags = withPrimary(input.tags).map((t) => ({
    slug: t.slug,
    name: getApplication(t.slug)?.name ?? t.slug,
    version: t.version,
    primary: t.primary,
  }));
  return {
    id: null,
    vm: zeroSizesAsUnknown({ ...input.vm, name: null }),
    tags,
    context: contextSchema.parse(input.context ?? {}),
    storedPoint: null,
  };
}

export function summaryOf(vm: NormalizedVm): string {
  const parts = [countNoun(vm.cpu.vcpus, "vCPU"), `${formatMemory(vm.memoryMiB)} memory`, shortTotalDisk(vm)];
  if (vm.guestOs.name) parts.push(vm.guestOs.name);
  else if (vm.guestOs.family) parts.push(label(vm.guestOs.family));
  return parts.join(", ");
}

export type GroupKeys = Record<PeerRuleName, string | null>;

export function primaryTag(s: Pick<ComparisonSubject, "tags">): SubjectTag | undefined {
  return s.tags.find((t) => t.primary) ?? s.tags[0];
}

/** The peer_stats keys of the subject's candidate groups, narrowest first (as lib/db/peer-stats.ts peerKeys names them). */
export function groupKeys(s: Pick<ComparisonSubject, "tags" | "vm">): GroupKeys {
  const primary = primaryTag(s);
  return {
    "app-version": primary?.version ? `appv:${primary.slug}@${primary.version.toLowerCase()}` : null,
    app: primary ? `app:${primary.slug}` : null,
    "guest-family": `family:${s.vm.guestOs.family ?? "unknown"}`,
    all: "all",
  };
}

/** The keys whose statistics the data layer must read for this subject. */
export function wantedGroupKeys(s: Pick<ComparisonSubject, "tags" | "vm">): string[] {
  return Object.values(groupKeys(s)).filter((k): k is string => !!k);
}

export interface PeerGroup {
  rule: PeerRuleName;
  choice: PeerRuleChoice;
  /** The peer_stats key read. */
  key: string;
  /** The group's statistics without the subject itself. */
  stats: GroupStats;
  counts: PeerCounts;
}

/**
 * Picks the narrowest group with enough peers from the stored statistics
 * (key → stats, as read for wantedGroupKeys). The VM is never its own peer:
 * its point is taken out of a copy of each group it is counted in.
 */
export function choosePeerGroup(s: ComparisonSubject, stored: ReadonlyMap<string, GroupStats>): PeerGroup {
  const primary = primaryTag(s);
  const keys = groupKeys(s);
  const groups = new Map<string, GroupStats>();
  for (const k of wantedGroupKeys(s)) {
    const st = stored.get(k);
    if (!st) continue;
    groups.set(k, s.storedPoint ? applyPoint(structuredClone(st), s.storedPoint, -1) : st);
  }
  const nOf = (k: string | null) => (k ? (groups.get(k)?.n ?? 0) : 0);
  const counts: PeerCounts = {
    sameAppSameVersion: nOf(keys["app-version"]),
    sameAppAnyVersion: nOf(keys.app),
    sameGuestFamily: nOf(keys["guest-family"]),
    all: nOf(keys.all),
  };
  const choice = choosePeerRule(counts, !!primary?.version, MIN_PEERS, {
    appName: primary ? primary.name : null,
    appVersion: primary?.version ?? null,
    guestFamily: s.vm.guestOs.family,
  });
  const key = keys[choice.rule] ?? "all";
  return { rule: choice.rule, choice, key, stats: groups.get(key) ?? emptyGroupStats(), counts };
}

/** A repeatable start for the chart's sample of a VM that has no id: derived from its sizing. */
export function sampleStart(s: Pick<ComparisonSubject, "id" | "vm">): string {
  if (s.id) return s.id;
  const vm = s.vm;
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  let h = 2166136261;
  for (const c of `${vm.cpu.vcpus}/${vm.memoryMiB}/${totalDiskGiB(vm) ?? "?"}/${vm.guestOs.id ?? ""}`) {
    h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return alphabet[h % alphabet.length] + alphabet[(h >>> 8) % alphabet.length];
}

/** The categorical facts nearestNeighbours penalises, said in words when both sides state them and differ. */
export function otherDiffs(target: PeerPoint, other: PeerPoint): string[] {
  const out: string[] = [];
  const differs = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a !== b;
  if (differs(target.guestFamily, other.guestFamily)) out.push(`guest OS ${label(other.guestFamily)}`);
  if (differs(target.firmware, other.firmware)) out.push(`firmware ${label(other.firmware)}`);
  if (differs(target.hypervisorVendor, other.hypervisorVendor)) out.push(`hypervisor ${label(other.hypervisorVendor)}`);
  return out;
}

/** The SIMILAR_K candidates nearest to `target`, each with its differences in words. */
export function similarVms(target: PeerPoint, candidates: readonly SimilarCandidate[]): SimilarVm[] {
  const byId = new Map(candidates.map((c) => [c.point.id, c]));
  return nearestNeighbours(target, candidates.map((c) => c.point), SIMILAR_K).map((nb) => {
    const { point, primaryApp, primaryAppVersion, hypervisorProduct, hypervisorVersion } = byId.get(nb.id)!;
    const diffs = diffFromBaseline(target, point);
    const appName = primaryApp ? (getApplication(primaryApp)?.name ?? primaryApp) : null;
    return {
      id: nb.id,
      label: vmLabel({
        appName, appVersion: primaryAppVersion ?? null, vcpus: point.vcpus, memoryMib: point.memoryMiB,
        hypervisorVendor: point.hypervisorVendor, hypervisorProduct: hypervisorProduct ?? null, hypervisorVersion: hypervisorVersion ?? null,
      }),
      distance: nb.distance,
      similarity: Math.round(nb.similarity * 1000) / 1000,
      appName,
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
export function unknownTotalNote(vm: NormalizedVm): string {
  if (vm.disks.length === 0) return "The source lists no disks: the total disk is unknown and not compared.";
  const unknown = unknownDiskSizes(vm);
  return `${countNoun(unknown, "disk")} of unknown size: the total disk is unknown and not compared.`;
}

export function metricRows(s: ComparisonSubject, stats: GroupStats): MetricRow[] {
  const compared = compareVmFromStats(peerPointOf(s.id, s.vm), stats);
  return METRICS.map((m) => {
    const c = compared[m.key];
    const row: MetricRow = {
      key: m.key, label: m.label, unit: m.unit, value: c.value, percentile: c.percentile,
      p25: c.p25, p50: c.p50, p75: c.p75, min: c.min, max: c.max, n: c.n, unknown: c.unknown, histogram: c.histogram,
    };
    if (m.key === "totalDiskGiB" && c.value == null) row.note = unknownTotalNote(s.vm);
    return row;
  });
}

/** Everything the VM page, the private comparison, the API and the reports show, from the rows the data layer read. */
export function assembleComparison(
  s: ComparisonSubject,
  group: PeerGroup,
  fetched: { scatter: ScatterPoint[]; candidates: readonly SimilarCandidate[] },
  now: Date = new Date(),
): VmComparison {
  const primary = primaryTag(s);
  const appName = primary ? primary.name : null;
  const hasVersion = !!primary?.version;
  const point = peerPointOf(s.id, s.vm);
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
    generatedAt: now.toISOString(),
    vm: { id: s.id, summary: summaryOf(s.vm), config, tags: s.tags, context: s.context },
    app: primary ? { slug: primary.slug, name: primary.name, version: primary.version } : null,
    peerGroup: {
      rule: group.rule,
      description: group.choice.description,
      n: group.choice.n,
      minN: MIN_PEERS,
      key: group.key,
      considered: PEER_RULES.filter((r) => hasVersion || r.rule !== "app-version").map((r) => ({ rule: r.rule, n: group.counts[r.countKey] })),
    },
    metrics: metricRows(s, group.stats),
    scatter: fetched.scatter,
    similar: similarVms(point, fetched.candidates),
    // An unknown total has no finding (findingsFromSummary says nothing about a null value).
    findings: findingsFromStats({ appName, vm: point, stats: group.stats, rule: group.rule, minN: MIN_PEERS }),
    checks,
    checksRun: CHECKS.length,
  };
}

import { metricDef, type MetricKey, type VmComparison } from "@/lib/compare/metrics";
import { isEmulatedNic, nicClass } from "@/lib/taxonomy/nic-models";
import { guestFamilyName, MIN_PEERS, type PeerRuleName } from "@/lib/compare/peers";
import { formatNumber, percentileRank } from "@/lib/compare/stats";
import { countNoun } from "@/lib/compare/text";
import type { PeerPoint } from "@/lib/compare/types";

export interface FindingNumbers {
  /** Peers that satisfy `comparator threshold` (or use `category`). */
  count: number;
  /** Peers the share is taken over (those that state the fact, for categories). */
  of: number;
  /** count / of in whole percent. */
  pct: number;
  /**
   * Numeric findings: the peer value compared against, in the metric's display
   * unit (GiB for memory). Categorical findings (comparator "="): the share in
   * percent the finding had to reach.
   */
  threshold: number;
  comparator: ">=" | "<=" | "=";
  /** Categorical findings: the value counted, e.g. "vmxnet3" or "efi". */
  category?: string;
}

export interface Finding {
  id: string;
  metric: string;
  severity: "info" | "notable";
  text: string;
  numbers: FindingNumbers;
}

export interface FindingsInput {
  appName: string | null;
  vm: PeerPoint;
  metrics: VmComparison;
  /** The peer group, without the VM itself. */
  peers: readonly PeerPoint[];
  rule: PeerRuleName | { rule: PeerRuleName };
  minN?: number;
}

/** A finding needs this percentage of peers strictly on one side of the VM (or on another category). */
export const FINDING_PCT = 70;
/** At or beyond the 10th / 90th mid-rank percentile a numeric finding is "notable". */
export const EXTREME_PERCENTILE = 10;
/** A categorical finding is "notable" from this percentage. */
const NOTABLE_PCT = 90;

/** Integer arithmetic, so 14 of 20 is exactly 70 % and not 69.99…. */
function reaches(count: number, of: number, pct: number): boolean {
  return count * 100 >= pct * of;
}

/** Whole percent that never claims 0 % or 100 % for a share that is neither. */
function sharePct(count: number, of: number): number {
  const pct = Math.round((count / of) * 100);
  if (pct === 100 && count < of) return 99;
  if (pct === 0 && count > 0) return 1;
  return pct;
}

function groupNoun(rule: PeerRuleName, appName: string | null, vm: PeerPoint): string {
  if ((rule === "app-version" || rule === "app") && appName) return `${appName} VMs`;
  if (rule === "guest-family") {
    const family = guestFamilyName(vm.guestFamily);
    if (family) return `${family} VMs`;
  }
  if (rule === "all") return "published VMs";
  return "peer VMs";
}

interface NumericPhrasing {
  /** What the VM has: "2 vCPUs", "8 GiB of memory". */
  has(display: number): string;
  /** A peer threshold: "4", "16 GiB". */
  threshold(display: number): string;
  fewer: "fewer" | "less";
  /** What peers that state the value report, for "… of the 38 VMs that report disk sizes". */
  reported: string;
}

const gib = (v: number) => `${formatNumber(v)} GiB`;

const PHRASING: Record<MetricKey, NumericPhrasing> = {
  vcpus: { has: (v) => countNoun(v, "vCPU"), threshold: formatNumber, fewer: "fewer", reported: "vCPUs" },
  memoryMiB: { has: (v) => `${gib(v)} of memory`, threshold: gib, fewer: "less", reported: "memory" },
  totalDiskGiB: { has: (v) => `${gib(v)} of disk in total`, threshold: gib, fewer: "less", reported: "disk sizes" },
  diskCount: { has: (v) => countNoun(v, "disk"), threshold: formatNumber, fewer: "fewer", reported: "disks" },
  nicCount: { has: (v) => countNoun(v, "NIC"), threshold: formatNumber, fewer: "fewer", reported: "NICs" },
};

interface Context {
  subject: string;
  group: string;
  n: number;
}

/**
 * Where a VM's value sits among its peers, in stored units: how many peers
 * are strictly above and below it and the nearest peer value on each side.
 * Both the array path and the frequency-map path (from-stats.ts) reduce
 * their input to this, so the phrasing below exists once.
 */
export interface NumericSummary {
  /** Peers whose value is known; shares are taken over these, never over peers that do not say. */
  known: number;
  above: number;
  below: number;
  /** Smallest peer value strictly above the VM's; null when none. */
  nearestAbove: number | null;
  /** Largest peer value strictly below the VM's; null when none. */
  nearestBelow: number | null;
  /** Mid-rank percentile of the VM among the peers. */
  percentile: number;
}

/** A categorical fact among the peers that state it: peers per value, and how many state it. */
export interface CategorySummary {
  users: Map<string, number>;
  known: number;
}

export interface FindingsSummaryInput {
  appName: string | null;
  vm: PeerPoint;
  /** Peers in the group, without the VM itself. */
  n: number;
  rule: PeerRuleName | { rule: PeerRuleName };
  minN?: number;
  numeric: Record<MetricKey, NumericSummary>;
  /** Peers using each NIC model (a peer with two models counts for both); known = peers that report any. */
  nicModels: CategorySummary;
  /** Peers per firmware; known = peers that report firmware. */
  firmware: CategorySummary;
}

/*
 * "Peers strictly above the VM" is phrased through the nearest peer value
 * above it: with peers at 4, 8 and 16 vCPUs, "more than 2" and "4 or more"
 * are the same set, and the latter is what an admin would say.
 */
function numericFinding(key: MetricKey, vm: PeerPoint, summary: NumericSummary, ctx: Context, minN: number): Finding | null {
  const def = metricDef(key);
  const value = vm[key];
  // Nothing is said about a value the VM does not state, nor over too few peers that state theirs.
  if (value == null) return null;
  const of = summary.known;
  if (of === 0 || of < minN) return null;
  const side = reaches(summary.above, of, FINDING_PCT) ? "low" : reaches(summary.below, of, FINDING_PCT) ? "high" : null;
  if (!side) return null;

  const count = side === "low" ? summary.above : summary.below;
  const thresholdStored = side === "low" ? summary.nearestAbove : summary.nearestBelow;
  if (thresholdStored === null) return null;
  const threshold = def.toDisplay(thresholdStored);
  const percentile = summary.percentile;
  const extreme = side === "low" ? percentile <= EXTREME_PERCENTILE : percentile >= 100 - EXTREME_PERCENTILE;
  const phrasing = PHRASING[key];
  const pct = sharePct(count, of);
  const tail = side === "low" ? "or more" : `or ${phrasing.fewer}`;
  return {
    id: `${key}-${side}`,
    metric: key,
    severity: extreme ? "notable" : "info",
    text:
      `${ctx.subject} has ${phrasing.has(def.toDisplay(value))}; ` +
      `${shareOf(count, of, ctx, phrasing.reported)} (${pct}%) have ${phrasing.threshold(threshold)} ${tail}.`,
    numbers: { count, of, pct, threshold, comparator: side === "low" ? ">=" : "<=" },
  };
}

function numericSummary(key: MetricKey, input: FindingsInput): NumericSummary {
  const value = input.vm[key];
  const peerValues = input.peers.map((p) => p[key]).filter((v): v is number => v != null);
  if (value == null) return { known: peerValues.length, above: 0, below: 0, nearestAbove: null, nearestBelow: null, percentile: 50 };
  const above = peerValues.filter((v) => v > value);
  const below = peerValues.filter((v) => v < value);
  return {
    known: peerValues.length,
    above: above.length,
    below: below.length,
    nearestAbove: above.length ? Math.min(...above) : null,
    nearestBelow: below.length ? Math.max(...below) : null,
    percentile: input.metrics[key]?.percentile ?? (peerValues.length ? percentileRank(peerValues, value) : 50),
  };
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "340 of 400 Exchange VMs", or "… of the 380 Exchange VMs that report X" when some peers do not say. */
function shareOf(count: number, of: number, ctx: Context, what: string): string {
  return of === ctx.n ? `${count} of ${of} ${ctx.group}` : `${count} of the ${of} ${ctx.group} that report ${what}`;
}

function nicModelFinding(vm: PeerPoint, summary: CategorySummary, ctx: Context, minN: number): Finding | null {
  const vmModels = [...new Set(vm.nicModels ?? [])].sort();
  if (vmModels.length === 0) return null;
  const known = summary.known;
  if (known < minN || summary.users.size === 0) return null;

  const [dominant, count] = [...summary.users.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  if (!reaches(count, known, FINDING_PCT) || vmModels.includes(dominant)) return null;

  const pct = sharePct(count, known);
  const downgrade = nicClass(dominant) === "paravirtual" && vmModels.some(isEmulatedNic);
  return {
    id: "nic-model",
    metric: "nicModel",
    severity: downgrade || reaches(count, known, NOTABLE_PCT) ? "notable" : "info",
    text: `${shareOf(count, known, ctx, "a NIC model")} (${pct}%) use ${dominant} NICs; this VM uses ${joinAnd(vmModels)}.`,
    numbers: { count, of: known, pct, threshold: FINDING_PCT, comparator: "=", category: dominant },
  };
}

function nicModelSummary(peers: readonly PeerPoint[]): CategorySummary {
  const known = peers.filter((p) => (p.nicModels ?? []).length > 0);
  const users = new Map<string, number>();
  for (const p of known) for (const m of new Set(p.nicModels)) users.set(m, (users.get(m) ?? 0) + 1);
  return { users, known: known.length };
}

const FIRMWARE_NAMES: Record<string, string> = { bios: "BIOS", efi: "EFI" };
const firmwareName = (f: string) => FIRMWARE_NAMES[f] ?? f;

function firmwareFinding(vm: PeerPoint, summary: CategorySummary, ctx: Context, minN: number): Finding | null {
  const own = vm.firmware;
  if (!own) return null;
  const known = summary.known;
  if (known < minN) return null;

  const ranked = [...summary.users.entries()]
    .filter(([f, c]) => f !== own && c > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (ranked.length === 0) return null;
  const [other, count] = ranked[0];
  if (!reaches(count, known, FINDING_PCT)) return null;

  const pct = sharePct(count, known);
  return {
    id: "firmware",
    metric: "firmware",
    severity: reaches(count, known, NOTABLE_PCT) ? "notable" : "info",
    text: `${ctx.subject} boots with ${firmwareName(own)}; ${shareOf(count, known, ctx, "firmware")} (${pct}%) use ${firmwareName(other)}.`,
    numbers: { count, of: known, pct, threshold: FINDING_PCT, comparator: "=", category: other },
  };
}

function firmwareSummary(peers: readonly PeerPoint[]): CategorySummary {
  const users = new Map<string, number>();
  let known = 0;
  for (const p of peers) {
    if (p.firmware == null) continue;
    known += 1;
    users.set(p.firmware, (users.get(p.firmware) ?? 0) + 1);
  }
  return { users, known };
}

const NUMERIC_KEYS: readonly MetricKey[] = ["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"];

/**
 * Plain-language statements about where the VM stands out from its peers,
 * each with the counts behind it. A statement needs at least 70 % of peers
 * strictly on one side (or on another category); below `minN` peers nothing
 * is said at all, and callers show "too few peers to say".
 */
export function findings(input: FindingsInput): Finding[] {
  return findingsFromSummary({
    appName: input.appName,
    vm: input.vm,
    n: input.peers.length,
    rule: input.rule,
    minN: input.minN,
    numeric: Object.fromEntries(NUMERIC_KEYS.map((k) => [k, numericSummary(k, input)])) as Record<MetricKey, NumericSummary>,
    nicModels: nicModelSummary(input.peers),
    firmware: firmwareSummary(input.peers),
  });
}

/** `findings` over peers already reduced to counts (see from-stats.ts for frequency maps). */
export function findingsFromSummary(input: FindingsSummaryInput): Finding[] {
  const minN = input.minN ?? MIN_PEERS;
  const n = input.n;
  if (n === 0 || n < minN) return [];
  const rule = typeof input.rule === "string" ? input.rule : input.rule.rule;
  const ctx: Context = {
    subject: input.appName ? `This ${input.appName} VM` : "This VM",
    group: groupNoun(rule, input.appName, input.vm),
    n,
  };
  const all = [
    ...NUMERIC_KEYS.map((k) => numericFinding(k, input.vm, input.numeric[k], ctx, minN)),
    nicModelFinding(input.vm, input.nicModels, ctx, minN),
    firmwareFinding(input.vm, input.firmware, ctx, minN),
  ];
  return all.filter((f): f is Finding => f !== null);
}

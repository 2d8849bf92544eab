import type { CheckFinding } from "@/lib/checks/types";
import type { Finding } from "@/lib/compare/findings";
import type { MetricKey } from "@/lib/compare/metrics";
import type { PeerRuleName } from "@/lib/compare/peers";
import type { HistogramBin } from "@/lib/compare/stats";
import type { Direction, Tone } from "@/lib/compare/baseline";
import type { VmUsage } from "@/lib/compare/vm-usage";
import type { VmContext } from "@/lib/vm/context";
import type { NormalizedVm } from "@/lib/vm/model";

/**
 * One VM compared with its peers: everything the VM page, the private
 * comparison, the API and the CSV/JSON/PDF reports and permalinks show.
 * Plain JSON (no Dates, no Maps) so it can be stored and sent as is.
 * Values are in display units: memory in GiB, disk in GiB.
 */
export interface VmComparison {
  version: 1;
  /** ISO 8601 time the comparison was computed. */
  generatedAt: string;
  vm: ComparedVm;
  /** The primary application tag, or null when the VM has none. */
  app: { slug: string; name: string; version: string | null } | null;
  peerGroup: PeerGroupInfo;
  metrics: MetricRow[];
  /** A bounded sample of the peers (never the VM itself), for the vCPU × memory chart. */
  scatter: ScatterPoint[];
  similar: SimilarVm[];
  findings: Finding[];
  checks: CheckFinding[];
  /** How many checks ran, for "No problems found by N checks". */
  checksRun: number;
  /** Its utilization against peers with usage data; absent when the VM has no figures (and in older reports). */
  usage?: VmUsage;
}

export interface ComparedVm {
  /** null for a configuration compared privately (never stored). */
  id: string | null;
  /** "4 vCPUs, 16 GiB memory, 200 GiB disk, Windows" */
  summary: string;
  /** The normalized configuration without its name (never published). */
  config: Omit<NormalizedVm, "name">;
  tags: { slug: string; name: string; version: string | null; primary: boolean }[];
  context: VmContext;
}

export interface PeerGroupInfo {
  rule: PeerRuleName;
  /** "Published VMs tagged Microsoft Exchange Server 2019 (n = 412)" */
  description: string;
  /** Peers in the group, the VM itself excluded. */
  n: number;
  /** Below this many peers there are no findings ("too few peers to say"). */
  minN: number;
  /** The peer_stats key the group was read from, e.g. "appv:exchange@2019". */
  key: string;
  /** Peer counts of every rule considered, narrowest first, so the widening can be explained. */
  considered: { rule: PeerRuleName; n: number }[];
}

export interface MetricRow {
  key: MetricKey;
  label: string;
  /** "GiB" or "" for counts. */
  unit: string;
  /** The VM's own value; null when unknown (e.g. a disk of unknown size), never 0. */
  value: number | null;
  /** Mid-rank percentile 0..100; null without peers or when the value is unknown. */
  percentile: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  min: number | null;
  max: number | null;
  /** Peers whose value is known: every statistic and the histogram are over these. */
  n: number;
  /** Peers left out because their value is unknown: "n = 40; 2 without disk sizes". */
  unknown: number;
  /** Peers only; the chart marks `value` separately. */
  histogram: HistogramBin[];
  /** Set when the VM's own value is incomplete, e.g. a disk of unknown size. */
  note?: string;
}

export interface ScatterPoint {
  id: string;
  vcpus: number;
  memoryGiB: number;
}

export interface SimilarDiff {
  key: MetricKey;
  label: string;
  /** "+2 vCPUs", "+8 GiB (+50%)", "same": the similar VM relative to the one compared. */
  text: string;
  direction: Direction;
  tone: Tone;
}

export interface SimilarVm {
  id: string;
  /** Its human name (lib/vm/label.ts): "Redis · 2 vCPU · 8 GiB · ESXi 8.0". */
  label: string;
  distance: number;
  /** 1 / (1 + distance). */
  similarity: number;
  /** Application of the similar VM's primary tag, when it has one. */
  appName: string | null;
  vcpus: number;
  memoryGiB: number;
  /** null when the similar VM's total disk is unknown. */
  totalDiskGiB: number | null;
  diffs: SimilarDiff[];
  /** Facts that differ and also count in the distance: "firmware BIOS", "guest OS Windows", "hypervisor KVM". */
  otherDiffs: string[];
}

export const REPORT_MODEL_VERSION = 1 as const;

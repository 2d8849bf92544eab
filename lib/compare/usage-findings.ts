import { formatMemory } from "@/lib/text/display";
import type { Utilization, UtilizationMetric, UtilizationStatistic } from "@/lib/vm/model";
import { windowText } from "@/lib/vm/utilization-text";
import { formatNumber } from "./stats";
import { countNoun } from "./text";
import { peersWithFigure, type PeerUsage } from "./usage-peers";
import { MIN_UTILIZATION_PEERS, windowSeconds } from "./utilization";

/**
 * Findings that put sizing and use side by side, with their numbers: "8 vCPUs at 6% average CPU (30 days,
 * p95 14%). Microsoft SQL Server 2022 peers with usage data: median 4 vCPUs at 31%." Said only when at
 * least MIN_UTILIZATION_PEERS peers have the same statistic, so a sample is only ever set against samples.
 */
export interface UsageFinding {
  id: "usage-cpu" | "usage-memory";
  metric: UtilizationMetric;
  statistic: UtilizationStatistic;
  text: string;
  numbers: { value: number; window: string | null; peers: number; peerMedianValue: number; peerMedianSize: number };
}

/** Which statistic a finding leads with: an average over a period says most about everyday use. */
const HEADLINE_ORDER: UtilizationStatistic[] = ["average", "p95", "max", "sample"];

function longest(own: readonly Utilization[], metric: UtilizationMetric, statistic: UtilizationStatistic): Utilization | null {
  const m = own.filter((u) => u.metric === metric && u.statistic === statistic);
  return m.length === 0 ? null : [...m].sort((a, b) => windowSeconds(b.window) - windowSeconds(a.window))[0];
}

const pct = (v: number) => `${formatNumber(Math.round(v * 10) / 10)}%`;

const STAT_WORD: Record<UtilizationStatistic, string> = { average: "average", p95: "95th-percentile", max: "peak", sample: "" };

function finding(
  id: UsageFinding["id"], metric: UtilizationMetric, noun: string, sizeText: (size: number) => string, ownSize: number,
  sizeOf: (p: { medianVcpus: number; medianMemoryMiB: number }) => number,
  own: readonly Utilization[], peers: readonly PeerUsage[], groupLabel: string, minN: number,
): UsageFinding | null {
  for (const statistic of HEADLINE_ORDER) {
    const u = longest(own, metric, statistic);
    if (!u) continue;
    const p = peersWithFigure(peers, metric, statistic);
    if (!p || p.n < minN) continue;
    const p95 = statistic === "average" ? longest(own, metric, "p95") : null;
    const how = statistic === "sample"
      ? "(a point-in-time sample)"
      : `(${windowText(u.window!)}${p95 ? `, p95 ${pct(p95.value)}` : ""})`;
    const word = STAT_WORD[statistic];
    const peerSize = sizeOf(p);
    const text = `${sizeText(ownSize)} at ${pct(u.value)} ${word ? `${word} ` : ""}${noun} ${how}. ` +
      `${groupLabel} peers with ${statistic === "sample" ? "a sample of " + noun : "usage data"} (n = ${p.n.toLocaleString("en-US")}): ` +
      `median ${sizeText(peerSize)} at ${pct(p.medianValue)}.`;
    return { id, metric, statistic, text, numbers: { value: u.value, window: u.window, peers: p.n, peerMedianValue: p.medianValue, peerMedianSize: peerSize } };
  }
  return null;
}

/**
 * CPU and memory findings for a VM of `vcpus` and `memoryMiB` with figures `own`, against the peer group's
 * VMs with usage data. `groupLabel` names the group ("Microsoft SQL Server 2022", "Windows", "All").
 */
export function usageFindings(
  vm: { vcpus: number; memoryMiB: number; utilization: readonly Utilization[] },
  peers: readonly PeerUsage[], groupLabel: string, minN = MIN_UTILIZATION_PEERS,
): UsageFinding[] {
  const cpu = finding("usage-cpu", "cpu.usage.pct", "CPU", (n) => countNoun(n, "vCPU"), vm.vcpus, (p) => p.medianVcpus,
    vm.utilization, peers, groupLabel, minN);
  const mem = finding("usage-memory", "mem.active.pct", "active memory", (mib) => formatMemory(Math.round(mib)), vm.memoryMiB,
    (p) => p.medianMemoryMiB, vm.utilization, peers, groupLabel, minN);
  return [cpu, mem].filter((f): f is UsageFinding => f !== null);
}

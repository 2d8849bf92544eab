import { quantile } from "@/lib/compare/stats";
import type { Utilization, UtilizationMetric } from "@/lib/vm/model";
import { VsphereError } from "./errors";
import { moRefXml, readMoRef, type SoapClient } from "./soap-client";
import { retrieveAllPages, type MoRef, type ServiceContent } from "./vim";
import { child, children, intAt, text, textAt, type XmlNode } from "./xml";

/**
 * Usage history from vCenter's PerformanceManager.
 *
 * Counters are looked up by name ("group.name.rollup") in the server's perfCounter table, never by a
 * hard-coded id: ids differ between vCenter versions. History is read at the shortest historical interval
 * that still covers the wanted window (vCenter's defaults: 5 min for a day, 30 min for a week, 2 h for a
 * month, 1 day for a year), so a 30-day query returns about 360 samples a VM.
 */

/** Counters read for each VM, by their full names. */
export const HISTORY_COUNTERS = {
  cpuUsage: "cpu.usage.average",        // hundredths of a percent
  cpuReady: "cpu.ready.summation",      // milliseconds ready in the sample interval, summed over vCPUs
  memActive: "mem.active.average",      // KB
  memConsumed: "mem.consumed.average",  // KB
  disk: "disk.usage.average",           // KB/s, read + write
  net: "net.usage.average",             // KB/s, received + transmitted
} as const;
export type HistoryCounter = keyof typeof HISTORY_COUNTERS;

/** How far back history is read. */
export const HISTORY_WINDOW_SECONDS = 30 * 24 * 3600;

export interface PerfInterval {
  samplingPeriod: number;
  /** Seconds of data kept at this sampling period. */
  length: number;
  enabled: boolean;
}

/** vCenter's default historical intervals, used when the server does not list its own (the simulator lists none). */
export const VCENTER_DEFAULT_INTERVALS: readonly PerfInterval[] = [
  { samplingPeriod: 300, length: 86_400, enabled: true },
  { samplingPeriod: 1800, length: 604_800, enabled: true },
  { samplingPeriod: 7200, length: 2_592_000, enabled: true },
  { samplingPeriod: 86_400, length: 31_536_000, enabled: true },
];

export interface PerfCatalog {
  /** Counter id by full name, for the counters in HISTORY_COUNTERS that the server has. */
  counters: Partial<Record<HistoryCounter, number>>;
  intervals: PerfInterval[];
}

export interface HistoryPlan {
  samplingPeriod: number;
  /** Seconds asked for: the wanted window, or less when the server keeps less. */
  windowSeconds: number;
}

/** Full name of a PerfCounterInfo: "cpu.usage.average". */
function counterName(info: XmlNode): string | null {
  const group = textAt(info, "groupInfo.key");
  const name = textAt(info, "nameInfo.key");
  const rollup = textAt(info, "rollupType");
  return group && name && rollup ? `${group}.${name}.${rollup}` : null;
}

/** Counter ids for HISTORY_COUNTERS from PerformanceManager's perfCounter property (ArrayOfPerfCounterInfo). */
export function readCounters(perfCounter: XmlNode | undefined): PerfCatalog["counters"] {
  const byName = new Map<string, number>();
  for (const info of children(perfCounter, "PerfCounterInfo")) {
    const name = counterName(info);
    const key = intAt(info, "key");
    if (name !== null && key !== null && !byName.has(name)) byName.set(name, key);
  }
  const out: PerfCatalog["counters"] = {};
  for (const [k, name] of Object.entries(HISTORY_COUNTERS) as [HistoryCounter, string][]) {
    const id = byName.get(name);
    if (id !== undefined) out[k] = id;
  }
  return out;
}

/** PerformanceManager's historicalInterval property (ArrayOfPerfInterval). */
export function readIntervals(historical: XmlNode | undefined): PerfInterval[] {
  return children(historical, "PerfInterval").flatMap((i) => {
    const samplingPeriod = intAt(i, "samplingPeriod");
    const length = intAt(i, "length");
    if (samplingPeriod === null || length === null || samplingPeriod <= 0 || length <= 0) return [];
    return [{ samplingPeriod, length, enabled: textAt(i, "enabled") !== "false" }];
  });
}

/**
 * The interval to query: the finest enabled one that keeps the whole window; failing that, the one that
 * keeps the most (its window is then what it keeps). Null when there is none.
 */
export function planHistory(intervals: readonly PerfInterval[], wantSeconds = HISTORY_WINDOW_SECONDS): HistoryPlan | null {
  const usable = intervals.filter((i) => i.enabled);
  if (usable.length === 0) return null;
  const covering = usable.filter((i) => i.length >= wantSeconds).sort((a, b) => a.samplingPeriod - b.samplingPeriod);
  if (covering.length > 0) return { samplingPeriod: covering[0].samplingPeriod, windowSeconds: wantSeconds };
  const longest = [...usable].sort((a, b) => b.length - a.length || a.samplingPeriod - b.samplingPeriod)[0];
  return { samplingPeriod: longest.samplingPeriod, windowSeconds: longest.length };
}

/** Read the counter table and the historical intervals; throws VsphereError when they cannot be read. */
export async function readPerfCatalog(client: SoapClient, sc: ServiceContent): Promise<PerfCatalog> {
  if (!sc.perfManager) throw new VsphereError("fault", "the server has no PerformanceManager");
  let counters: PerfCatalog["counters"] = {};
  let intervals: PerfInterval[] = [];
  for await (const page of retrieveAllPages(client, sc, { type: "PerformanceManager", paths: ["perfCounter", "historicalInterval"], objects: [sc.perfManager] }, 1)) {
    const o = page[0];
    if (!o) continue;
    counters = readCounters(o.props.get("perfCounter"));
    intervals = readIntervals(o.props.get("historicalInterval"));
  }
  return { counters, intervals };
}

/** One VM's series from QueryPerf: sample values by counter id (vCenter's -1 = "no value" already dropped). */
export interface VmSeries {
  interval: number;
  samples: number;
  byCounter: Map<number, number[]>;
}

/** The QuerySpec XML for one VM. maxSample is ignored by vCenter for historical intervals; the simulator needs it. */
export function querySpecXml(vm: MoRef, counterIds: readonly number[], plan: HistoryPlan, now: Date): string {
  const start = new Date(now.getTime() - plan.windowSeconds * 1000).toISOString();
  const maxSample = Math.max(1, Math.floor(plan.windowSeconds / plan.samplingPeriod));
  return (
    `<querySpec>${moRefXml("entity", vm)}<startTime>${start}</startTime><maxSample>${maxSample}</maxSample>` +
    counterIds.map((id) => `<metricId><counterId>${id}</counterId><instance></instance></metricId>`).join("") +
    `<intervalId>${plan.samplingPeriod}</intervalId><format>normal</format></querySpec>`
  );
}

/** A QueryPerf response: series per VM (by managed object id), aggregate instance ("") only. */
export function readQueryPerf(res: XmlNode): Map<string, VmSeries> {
  const out = new Map<string, VmSeries>();
  for (const rv of children(res, "returnval")) {
    const entity = readMoRef(child(rv, "entity"));
    if (!entity) continue;
    const infos = children(rv, "sampleInfo");
    const interval = infos.map((i) => intAt(i, "interval")).find((n): n is number => n !== null && n > 0) ?? 0;
    const byCounter = new Map<number, number[]>();
    for (const series of children(rv, "value")) {
      const id = intAt(series, "id.counterId");
      const instance = textAt(series, "id.instance") ?? "";
      if (id === null || instance !== "") continue;
      const values = children(series, "value")
        .map((v) => Number(text(v)))
        .filter((n) => Number.isFinite(n) && n >= 0);
      if (values.length > 0) byCounter.set(id, values);
    }
    out.set(entity.value, { interval, samples: infos.length, byCounter });
  }
  return out;
}

/** "P30D", "P2DT6H", "PT12H": the ISO duration of whole hours in `seconds` (at least one hour). */
export function isoWindow(seconds: number): string {
  const hours = Math.max(1, Math.floor(seconds / 3600));
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `P${d > 0 ? `${d}D` : ""}${h > 0 ? `T${h}H` : ""}`;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Average, 95th percentile and maximum of each metric over the samples vCenter returned, labelled with the
 * window they really cover (samples x interval, capped at the window asked for) and source "vcenter".
 * A counter with no samples gives no figures: unknown is never 0.
 */
export function deriveHistory(
  series: VmSeries, counters: PerfCatalog["counters"], vm: { memoryMiB: number }, plan: HistoryPlan,
): Utilization[] {
  const interval = series.interval > 0 ? series.interval : plan.samplingPeriod;
  const out: Utilization[] = [];
  const add = (metric: UtilizationMetric, counter: HistoryCounter, scale: (raw: number) => number) => {
    const id = counters[counter];
    const raw = id === undefined ? undefined : series.byCounter.get(id);
    if (!raw || raw.length === 0) return;
    const values = raw.map(scale).sort((a, b) => a - b);
    const covered = Math.min(plan.windowSeconds, values.length * interval);
    const window = isoWindow(covered);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    out.push(
      { metric, statistic: "average", window, source: "vcenter", value: round2(mean) },
      { metric, statistic: "p95", window, source: "vcenter", value: round2(quantile(values, 0.95)) },
      { metric, statistic: "max", window, source: "vcenter", value: round2(values[values.length - 1]) },
    );
  };
  const memKbPct = (kb: number) => (kb / 1024 / vm.memoryMiB) * 100;
  add("cpu.usage.pct", "cpuUsage", (v) => v / 100);
  add("cpu.ready.pct", "cpuReady", (ms) => (ms / (interval * 1000)) * 100);
  add("mem.active.pct", "memActive", memKbPct);
  add("mem.consumed.pct", "memConsumed", memKbPct);
  add("disk.throughput.kbps", "disk", (v) => v);
  add("net.throughput.kbps", "net", (v) => v);
  // Memory a VM touches or is backed by cannot exceed what it is configured with: an average above that (a
  // counter that does not match the VM, as in a simulator) gives no memory figures rather than nonsense.
  const impossible = new Set(out.filter((u) => u.metric.startsWith("mem.") && u.statistic === "average" && u.value > MAX_MEMORY_PCT).map((u) => u.metric));
  return out.filter((u) => !impossible.has(u.metric) && u.value <= 1e12);
}

/** Highest believable average of mem.active / mem.consumed as a share of configured memory (rounding, overhead). */
export const MAX_MEMORY_PCT = 105;

/** Ask QueryPerf for several VMs at once; series by VM id. */
export async function queryHistory(
  client: SoapClient, sc: ServiceContent, vms: readonly MoRef[], catalog: PerfCatalog, plan: HistoryPlan, now = new Date(),
): Promise<Map<string, VmSeries>> {
  if (!sc.perfManager || vms.length === 0) return new Map();
  const ids = Object.values(catalog.counters).filter((n): n is number => typeof n === "number");
  if (ids.length === 0) return new Map();
  const res = await client.call("QueryPerf", sc.perfManager, vms.map((vm) => querySpecXml(vm, ids, plan, now)).join(""));
  return readQueryPerf(res);
}


import { isObject, pick, pickNumber, type JsonObject } from "@/lib/formats/util/json";
import type { Utilization, UtilizationMetric } from "@/lib/vm/model";

/** Microsoft.HyperV.PowerShell.VMState: Running = 2 (names when exported with -EnumsAsStrings or as text). */
function stateKey(v: unknown): string | null {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.trim().toLowerCase();
  if (isObject(v)) return stateKey(pick(v, "value", "Value"));
  return null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Get-VM's usage properties, read when the VM was listed: samples, never averages.
 * CPUUsage is a whole percentage; MemoryAssigned and MemoryDemand are bytes. A VM whose State says it is not
 * running reports 0 for all three, which would read as "idle", so it gets no figures; without State, a VM with
 * no memory assigned is taken as not running for its memory figures.
 */
export function hypervUtilization(obj: JsonObject): Utilization[] {
  const state = stateKey(pick(obj, "State"));
  if (state !== null && state !== "2" && state !== "running") return [];
  const out: Utilization[] = [];
  const add = (metric: UtilizationMetric, value: number | null) => {
    if (value !== null && Number.isFinite(value) && value >= 0) out.push({ metric, statistic: "sample", window: null, source: "hyperv", value: round2(value) });
  };
  const cpu = pickNumber(obj, "CPUUsage");
  add("cpu.usage.pct", cpu !== null && cpu <= 100 ? cpu : null);
  const assigned = pickNumber(obj, "MemoryAssigned");
  const demand = pickNumber(obj, "MemoryDemand");
  if (assigned !== null && assigned > 0) {
    add("mem.assigned.mib", assigned / 2 ** 20);
    add("mem.demand.mib", demand !== null ? demand / 2 ** 20 : null);
    add("mem.demand.pct", demand !== null ? (demand / assigned) * 100 : null);
  }
  return out;
}

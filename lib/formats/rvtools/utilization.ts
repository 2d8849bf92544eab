import type { Utilization, UtilizationMetric } from "@/lib/vm/model";
import { rvNumber } from "./cells";

/**
 * The usage cells of one VM as RVTools writes them (null when the column is absent or the cell empty).
 * RVTools copies vCenter's quickStats, a reading of the last 20 seconds at export time: every figure is a
 * "sample" with no window, never an average.
 */
export interface RvtoolsUsageCells {
  /** vInfo "Powerstate"; null when the column is absent. */
  powerState: string | null;
  /** Configured memory, MiB: the base of the memory percentages. */
  memoryMiB: number;
  /** vInfo "Overall Cpu Readiness": percent of time ready to run but not scheduled ("0%", "1.5", "0,5 %"). */
  cpuReadiness: string | null;
  /** vInfo "Active Memory", MiB; vMemory "Active" wins when both are present. */
  infoActiveMiB: string | null;
  /** vCPU "Overall" and "Max", MHz. */
  cpuOverallMHz: string | null;
  cpuMaxMHz: string | null;
  /** vMemory "Consumed", "Active", "Ballooned", "Swapped", MiB. */
  memConsumedMiB: string | null;
  memActiveMiB: string | null;
  memBalloonedMiB: string | null;
  memSwappedMiB: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function nonNegative(v: string | null): number | null {
  const n = rvNumber(v);
  return n !== null && Number.isFinite(n) && n >= 0 ? n : null;
}

function percentCell(v: string | null): number | null {
  if (v === null) return null;
  return nonNegative(v.replace(/%\s*$/, ""));
}

/**
 * The figures RVTools gives for one VM. A VM that is not powered on is left without figures: RVTools writes
 * 0 for its usage, and a 0 would read as "idle" when it means "not running". A missing column or empty cell
 * gives no figure, never 0.
 */
export function rvtoolsUtilization(c: RvtoolsUsageCells): Utilization[] {
  if (c.powerState !== null && c.powerState.trim().toLowerCase() !== "poweredon") return [];
  const out: Utilization[] = [];
  const add = (metric: UtilizationMetric, value: number | null) => {
    if (value !== null && Number.isFinite(value)) out.push({ metric, statistic: "sample", window: null, source: "rvtools", value: round2(value) });
  };
  const overall = nonNegative(c.cpuOverallMHz);
  const max = nonNegative(c.cpuMaxMHz);
  add("cpu.usage.pct", overall !== null && max !== null && max > 0 ? (overall / max) * 100 : null);
  add("cpu.ready.pct", percentCell(c.cpuReadiness));
  const ofMemory = (mib: number | null) => (mib !== null && c.memoryMiB > 0 ? (mib / c.memoryMiB) * 100 : null);
  add("mem.active.pct", ofMemory(nonNegative(c.memActiveMiB) ?? nonNegative(c.infoActiveMiB)));
  add("mem.consumed.pct", ofMemory(nonNegative(c.memConsumedMiB)));
  add("mem.ballooned.mib", nonNegative(c.memBalloonedMiB));
  add("mem.swapped.mib", nonNegative(c.memSwappedMiB));
  return out;
}

import { METRICS, type MetricKey } from "@/lib/compare/metrics";
import { isEmulatedNic, nicClass } from "@/lib/taxonomy/nic-models";
import { formatNumber } from "@/lib/compare/stats";
import { countNoun, signed } from "@/lib/compare/text";
import type { PeerPoint } from "@/lib/compare/types";

/** "unknown" when either side does not state the value: no difference is claimed, and none is 0. */
export type Direction = "more" | "less" | "same" | "unknown";
export type Tone = "better" | "worse" | "neutral";

export interface RelativeDiff {
  /** other - base, in the stored unit (MiB for memoryMiB). */
  delta: number;
  /** delta as a percentage of base; null when base is 0. */
  pct: number | null;
  /** "+2 vCPUs", "+8 GiB (+50%)", "−1 disk", "same". */
  text: string;
  direction: Direction;
}

export interface RelativeDiffOptions {
  metric: MetricKey | string;
  /** Unit printed for metrics not in METRICS; known metrics use their own. */
  unit?: string;
}

function percentText(pct: number | null): string {
  if (pct === null) return "";
  // Whole percent reads best; below 1 % keep one decimal rather than print "+0%".
  const shown = Math.abs(pct) >= 1 ? Math.round(Math.abs(pct)) : Math.round(Math.abs(pct) * 10) / 10;
  return shown === 0 ? "" : ` (${signed(`${shown}%`, pct)})`;
}

const COUNT_NOUNS: Partial<Record<string, string>> = { vcpus: "vCPU", diskCount: "disk", nicCount: "NIC" };

/**
 * How `other` differs from the baseline `base`. Counts read as "+2 vCPUs";
 * sizes read in GiB with the relative change, "+8 GiB (+50%)", because a
 * doubling of 4 GiB and of 64 GiB are different amounts but the same decision.
 */
export function relativeDiff(base: number, other: number, opts: RelativeDiffOptions): RelativeDiff {
  const delta = Math.round((other - base) * 1e9) / 1e9;
  const direction: Direction = delta > 0 ? "more" : delta < 0 ? "less" : "same";
  const pct = base === 0 ? null : (delta / base) * 100;
  if (direction === "same") return { delta: 0, pct: base === 0 ? null : 0, text: "same", direction };

  const noun = COUNT_NOUNS[opts.metric];
  let text: string;
  if (noun) {
    text = signed(countNoun(Math.abs(delta), noun), delta);
  } else if (opts.metric === "memoryMiB") {
    text = signed(`${formatNumber(Math.abs(delta) / 1024)} GiB`, delta) + percentText(pct);
  } else if (opts.metric === "totalDiskGiB") {
    text = signed(`${formatNumber(Math.abs(delta))} GiB`, delta) + percentText(pct);
  } else {
    text = signed(`${formatNumber(Math.abs(delta))}${opts.unit ? ` ${opts.unit}` : ""}`, delta) + percentText(pct);
  }
  return { delta, pct, text, direction };
}

/**
 * Colour for a resource difference in a comparison table: always "neutral".
 * More vCPUs or memory than the baseline is not better or worse by itself —
 * oversizing wastes capacity (and wide VMs can wait longer for CPU), while
 * undersizing starves the workload — and which applies depends on load the
 * record does not hold. Judgements live in `categoryTone` and in lib/checks.
 * The table always prints the text, so colour is never the only signal.
 */
export function diffTone(_metric: string, _direction: Direction): Tone {
  return "neutral";
}

/**
 * Colour for a categorical difference, with one explicit rule: a legacy
 * emulated NIC (e1000, vlance, rtl8139 …) where the baseline has a
 * paravirtual one (vmxnet3, virtio) is "worse", and the reverse "better";
 * every vendor recommends paravirtual adapters for supported guests.
 * Firmware stays "neutral": BIOS is only a problem for guests that need
 * Secure Boot or a vTPM, which this comparison cannot see.
 */
export function categoryTone(metric: string, base: string | null | undefined, other: string | null | undefined): Tone {
  if (metric !== "nicModel" || !base || !other || base === other) return "neutral";
  if (nicClass(base) === "paravirtual" && isEmulatedNic(other)) return "worse";
  if (isEmulatedNic(base) && nicClass(other) === "paravirtual") return "better";
  return "neutral";
}

export interface BaselineCell extends RelativeDiff {
  key: MetricKey;
  tone: Tone;
}

/** The difference when either value is unknown: said as such, never computed against 0. */
export const UNKNOWN_DIFF: RelativeDiff = { delta: 0, pct: null, text: "unknown", direction: "unknown" };

/** One row of a baseline-relative table: every metric of `other` against `base`. */
export function diffFromBaseline(base: PeerPoint, other: PeerPoint): Record<MetricKey, BaselineCell> {
  const entries = METRICS.map((m): [MetricKey, BaselineCell] => {
    const a = base[m.key];
    const b = other[m.key];
    const diff = a == null || b == null ? UNKNOWN_DIFF : relativeDiff(a, b, { metric: m.key });
    return [m.key, { key: m.key, ...diff, tone: diffTone(m.key, diff.direction) }];
  });
  return Object.fromEntries(entries) as Record<MetricKey, BaselineCell>;
}

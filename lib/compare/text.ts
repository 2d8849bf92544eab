import { formatNumber } from "@/lib/compare/stats";

/** "1 vCPU", "2 vCPUs", "0 disks": English plural for counts, with the number. */
export function countNoun(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${Math.abs(n) === 1 ? singular : plural}`;
}

/** The typographic minus, so "−1 disk" lines up with "+1 disk" in tables. */
export const MINUS = "\u2212";

export function signed(text: string, sign: number): string {
  return `${sign < 0 ? MINUS : "+"}${text}`;
}

import type { PeerPoint } from "@/lib/compare/types";

interface Feature {
  key: string;
  /** null when the VM does not state the fact (an unknown total disk). */
  value(p: PeerPoint): number | null;
  weight: number;
  /**
   * Smallest scale used when the candidates barely vary, so that one
   * doubling among near-identical candidates does not count as ten
   * standard deviations and drown every other dimension.
   */
  minScale: number;
}

/*
 * Sizes are compared in doublings (log2): admins size VMs in powers of two,
 * and going from 2 to 4 vCPUs is the same decision as going from 8 to 16.
 * Disk totals under 1 GiB count as 1 GiB so log2 stays finite; an unknown total is null, not 0 (see
 * nearestNeighbours for how a dimension one side does not state is handled).
 * Device counts are linear and weigh half: an extra NIC matters less to
 * "configured like mine" than twice the memory.
 */
export const SIMILARITY_FEATURES: readonly Feature[] = [
  { key: "vcpus", value: (p) => Math.log2(Math.max(p.vcpus, 1)), weight: 1, minScale: 0.5 },
  { key: "memoryMiB", value: (p) => Math.log2(Math.max(p.memoryMiB, 1)), weight: 1, minScale: 0.5 },
  { key: "totalDiskGiB", value: (p) => (p.totalDiskGiB == null ? null : Math.log2(Math.max(p.totalDiskGiB, 1))), weight: 1, minScale: 0.5 },
  { key: "diskCount", value: (p) => p.diskCount, weight: 0.5, minScale: 1 },
  { key: "nicCount", value: (p) => p.nicCount, weight: 0.5, minScale: 1 },
];

/**
 * Added (squared) when both VMs state the fact and it differs: half a
 * standard deviation each, enough to order otherwise equal sizings but never
 * to outweigh a real sizing difference. An unknown fact costs nothing.
 */
export const CATEGORY_PENALTY = 0.5;
const CATEGORIES = ["guestFamily", "firmware", "hypervisorVendor"] as const;

export interface Neighbour {
  id: string;
  distance: number;
  /** 1 / (1 + distance): 1 for an identical configuration, towards 0 as it differs. */
  similarity: number;
}

function populationStdDev(values: number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
}

function roundDistance(d: number): number {
  return Math.round(d * 1e9) / 1e9;
}

const TOTAL_WEIGHT = SIMILARITY_FEATURES.reduce((s, f) => s + f.weight, 0);

/**
 * The k candidates configured most like the target: weighted Euclidean
 * distance over z-scored features (scaled by the candidates' standard
 * deviation) plus category penalties. The target's own id is excluded;
 * equal distances are ordered by id so results are stable.
 *
 * A size one of the two VMs does not state (an unknown total disk) is
 * skipped, and the sum over the sizes both state is scaled by total weight /
 * weight compared: the missing dimension counts as the average of the
 * others, neither as a match (distance 0) nor as a difference from 0 GiB.
 * A feature's scale is taken over the candidates that state it.
 */
export function nearestNeighbours(target: PeerPoint, candidates: readonly PeerPoint[], k = 5): Neighbour[] {
  if (k <= 0) return [];
  const others = candidates.filter((c) => c.id !== target.id);
  if (others.length === 0) return [];

  const scales = SIMILARITY_FEATURES.map((f) =>
    Math.max(populationStdDev(others.map(f.value).filter((v): v is number => v != null)), f.minScale),
  );
  const targetValues = SIMILARITY_FEATURES.map((f) => f.value(target));

  const scored = others.map((c): Neighbour => {
    let sizes = 0;
    let weight = 0;
    SIMILARITY_FEATURES.forEach((f, i) => {
      const a = targetValues[i];
      const b = f.value(c);
      if (a == null || b == null) return;
      sizes += f.weight * ((b - a) / scales[i]) ** 2;
      weight += f.weight;
    });
    let sum = weight > 0 ? (sizes * TOTAL_WEIGHT) / weight : 0;
    for (const key of CATEGORIES) {
      const a = target[key];
      const b = c[key];
      if (a != null && b != null && a !== b) sum += CATEGORY_PENALTY ** 2;
    }
    const distance = roundDistance(Math.sqrt(sum));
    return { id: c.id, distance, similarity: 1 / (1 + distance) };
  });

  scored.sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k);
}

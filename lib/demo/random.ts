/**
 * A small seeded PRNG (mulberry32): the demo data must be identical for the
 * same seed on every machine, which Math.random cannot give.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(table: WeightedTable<T>): T;
}

export interface WeightedTable<T> {
  values: readonly T[];
  /** Running totals of the weights, same length as values. */
  cumulative: readonly number[];
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (table) => {
      const total = table.cumulative[table.cumulative.length - 1];
      const x = next() * total;
      // Tables are short (a handful to ~80 rows), so a linear scan beats a binary search.
      for (let i = 0; i < table.cumulative.length; i++) if (x < table.cumulative[i]) return table.values[i];
      return table.values[table.values.length - 1];
    },
  };
}

export function table<T>(pairs: readonly (readonly [T, number])[]): WeightedTable<T> {
  const values: T[] = [];
  const cumulative: number[] = [];
  let sum = 0;
  for (const [value, weight] of pairs) {
    if (!(weight > 0)) continue;
    sum += weight;
    values.push(value);
    cumulative.push(sum);
  }
  if (values.length === 0) throw new Error("weighted table needs at least one positive weight");
  return { values, cumulative };
}

/** Compact numeric tables: "2:6 4:3 8:1" means 2 with weight 6, 4 with weight 3, 8 with weight 1. */
export function numbers(spec: string): WeightedTable<number> {
  return table(
    spec.trim().split(/\s+/).map((part) => {
      const [v, w] = part.split(":");
      return [Number(v), w === undefined ? 1 : Number(w)] as const;
    }),
  );
}

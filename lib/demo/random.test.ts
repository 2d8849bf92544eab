import { describe, expect, it } from "vitest";
import { createRandom, numbers, table } from "@/lib/demo/random";

describe("createRandom", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = createRandom(42), b = createRandom(42), c = createRandom(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    const sb = Array.from({ length: 5 }, () => b.next());
    const sc = Array.from({ length: 5 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it("matches the published mulberry32 output for seed 1", () => {
    // Reference values of mulberry32(1) from its original JavaScript implementation.
    const r = createRandom(1);
    expect(r.next()).toBeCloseTo(0.6270739405881613, 12);
    expect(r.next()).toBeCloseTo(0.002735721180215478, 12);
  });

  it("keeps int() within bounds and weighted() near its weights", () => {
    const r = createRandom(7);
    const t = numbers("1:1 2:3");
    let twos = 0;
    for (let i = 0; i < 4000; i++) {
      const v = r.int(3, 5);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(5);
      if (r.weighted(t) === 2) twos++;
    }
    expect(twos / 4000).toBeGreaterThan(0.72);
    expect(twos / 4000).toBeLessThan(0.78);
  });

  it("drops zero weights and refuses an empty table", () => {
    expect(table([["a", 0], ["b", 2]]).values).toEqual(["b"]);
    expect(() => table([["a", 0]])).toThrow();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram, percentileRank, quantile } from "@/lib/compare/stats";

// VM facts have at most a few decimals; subnormal doubles (5e-324) are not data
// this code sees, and bin edges are deliberately rounded to 1e-9.
const realistic = (x: number) => Math.round(x * 1e6) / 1e6;
const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map(realistic), { minLength: 1, maxLength: 60 });
const sizes = fc.array(fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true }).map(realistic), { minLength: 1, maxLength: 60 });
const counts = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 60 });

describe("statistics invariants", () => {
  it("quantiles stay within the data and never decrease with q", () => {
    fc.assert(
      fc.property(values, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, a, b) => {
        const sorted = [...xs].sort((x, y) => x - y);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const qa = quantile(sorted, lo);
        const qb = quantile(sorted, hi);
        expect(qa).toBeGreaterThanOrEqual(sorted[0]);
        expect(qb).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        expect(qb).toBeGreaterThanOrEqual(qa - 1e-9 * Math.max(1, Math.abs(qa)));
      }),
    );
  });

  it("percentile ranks lie in 0..100 and grow with x", () => {
    fc.assert(
      fc.property(values, fc.double({ min: -2e6, max: 2e6, noNaN: true }), (xs, x) => {
        const r = percentileRank(xs, x);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(100);
        expect(percentileRank(xs, x + 1)).toBeGreaterThanOrEqual(r);
      }),
    );
  });

  it("histograms count every value once, in a bin that holds it", () => {
    const check = (xs: number[], opts: Parameters<typeof histogram>[1]) => {
      const bins = histogram(xs, opts);
      expect(bins.reduce((s, b) => s + b.count, 0)).toBe(xs.length);
      for (let i = 1; i < bins.length; i += 1) expect(bins[i].x0).toBeGreaterThanOrEqual(bins[i - 1].x1 - 1e-9);
      for (const x of xs) expect(bins.some((b) => x >= b.x0 - 1e-6 && x <= b.x1 + 1e-6)).toBe(true);
    };
    fc.assert(fc.property(values, (xs) => check(xs, {})));
    fc.assert(fc.property(sizes, (xs) => check(xs, { log2: true, maxDistinct: 4 })));
    fc.assert(fc.property(counts, (xs) => check(xs, { discrete: true })));
  });
});

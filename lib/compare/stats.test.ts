import { describe, expect, it } from "vitest";
import { formatNumber, histogram, iqr, median, percentileRank, quantile, summarize } from "@/lib/compare/stats";

describe("quantile (type 7)", () => {
  it("interpolates [1,2,3,4] like R's quantile()", () => {
    const xs = [1, 2, 3, 4];
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 0.25)).toBe(1.75);
    expect(quantile(xs, 0.5)).toBe(2.5);
    expect(quantile(xs, 0.75)).toBe(3.25);
    expect(quantile(xs, 1)).toBe(4);
  });

  it("matches R for quantile(1:10) and quantile(1:100, .6)", () => {
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantile(ten, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(ten, 0.75)).toBeCloseTo(7.75, 12);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(hundred, 0.6)).toBeCloseTo(60.4, 12);
  });

  it("returns the only value of a single-element array", () => {
    expect(quantile([7], 0.9)).toBe(7);
  });

  it("rejects empty input and q outside [0, 1]", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe("median and iqr", () => {
  it("sort their input first", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(iqr([4, 3, 2, 1])).toEqual({ p25: 1.75, p50: 2.5, p75: 3.25 });
  });

  it("do not reorder the caller's array", () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe("percentileRank (mid-rank)", () => {
  it("counts strictly-below plus half of the ties", () => {
    // 1 below (1), 2 equal (2, 2), n = 5 -> (1 + 1) / 5 = 40 %
    expect(percentileRank([1, 2, 2, 3, 4], 2)).toBe(40);
  });

  it("is 0 below everything, 100 above everything, 50 when all are equal", () => {
    expect(percentileRank([2, 4, 8], 1)).toBe(0);
    expect(percentileRank([2, 4, 8], 16)).toBe(100);
    expect(percentileRank([4, 4, 4, 4], 4)).toBe(50);
  });

  it("handles a value between samples", () => {
    expect(percentileRank([1, 2, 3, 4], 2.5)).toBe(50);
    expect(percentileRank([1, 2, 3, 4], 4)).toBe(87.5);
  });
});

describe("summarize", () => {
  it("gives count, extremes, mean and quartiles", () => {
    expect(summarize([4, 2, 8, 2])).toEqual({ n: 4, min: 2, max: 8, mean: 4, p25: 2, p50: 3, p75: 5 });
  });

  it("is all null for no values", () => {
    expect(summarize([])).toEqual({ n: 0, min: null, max: null, mean: null, p25: null, p50: null, p75: null });
  });
});

describe("histogram", () => {
  it("gives integer data with few distinct values one bin per value present", () => {
    expect(histogram([2, 4, 4, 8, 2, 4])).toEqual([
      { x0: 2, x1: 3, label: "2", count: 2 },
      { x0: 4, x1: 5, label: "4", count: 3 },
      { x0: 8, x1: 9, label: "8", count: 1 },
    ]);
  });

  it("bins integer data with many distinct values at nice integer widths", () => {
    const xs = Array.from({ length: 20 }, (_, i) => i); // 0..19, range 19 -> rough 1.9 -> width 2
    const bins = histogram(xs);
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ x0: 0, x1: 2, label: "0–1", count: 2 });
    expect(bins[9]).toEqual({ x0: 18, x1: 20, label: "18–19", count: 2 });
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(20);
  });

  it("bins continuous data at 1/2/5 x 10^k widths with the maximum in the last bin", () => {
    // range 0.3..9.7, 5 bins -> rough 1.88 -> width 2, start 0, edges 0..10
    const bins = histogram([0.3, 1.5, 2.2, 3.9, 9.7], { bins: 5 });
    expect(bins.map((b) => [b.x0, b.x1, b.count])).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 0],
      [6, 8, 0],
      [8, 10, 1],
    ]);
    expect(bins[0].label).toBe("0–2");
  });

  it("puts values exactly on an edge into the upper bin despite float noise", () => {
    // 0.3 / 0.1 is 2.9999999999999996 in floating point
    const bins = histogram([0, 0.3, 0.95], { bins: 10, discrete: false });
    expect(bins.map((b) => b.x0)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(bins[3].count).toBe(1);
    expect(bins[9].count).toBe(1);
  });

  it("uses power-of-two bins for sizes with many distinct values", () => {
    const gib = [0.5, 1, 1.5, 3, 4, 6, 8, 12, 16, 24, 33, 48, 64, 96, 100, 128, 200];
    const bins = histogram(gib, { log2: true, maxDistinct: 8 });
    expect(bins.map((b) => b.label)).toEqual(["0.5–1", "1–2", "2–4", "4–8", "8–16", "16–32", "32–64", "64–128", "128–256"]);
    expect(bins.map((b) => b.count)).toEqual([1, 2, 1, 2, 2, 2, 2, 3, 2]);
  });

  it("gives zeros their own bin on a power-of-two scale", () => {
    const bins = histogram([0, 0, 1.5, 3, 5, 7.5], { log2: true, maxDistinct: 2 });
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ["0", 2],
      ["1–2", 1],
      ["2–4", 1],
      ["4–8", 2],
    ]);
  });

  it("handles empty and constant data", () => {
    expect(histogram([])).toEqual([]);
    expect(histogram([2.5, 2.5])).toEqual([{ x0: 2.5, x1: 3.5, label: "2.5", count: 2 }]);
  });
});

describe("formatNumber", () => {
  it("keeps up to two decimals", () => {
    expect(formatNumber(4)).toBe("4");
    expect(formatNumber(0.5)).toBe("0.5");
    expect(formatNumber(1.256)).toBe("1.26");
  });
});

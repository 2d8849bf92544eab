import { describe, expect, it } from "vitest";
import { markedBin } from "./histogram-chart";
import { bubbles } from "./scatter-chart";

describe("chart data helpers", () => {
  const bins = [
    { x0: 2, x1: 3, label: "2", count: 4 },
    { x0: 4, x1: 5, label: "4", count: 10 },
    { x0: 8, x1: 9, label: "8", count: 6 },
  ];

  it("marks the bin that holds the value, or the nearest end", () => {
    expect(markedBin(bins, 4)).toBe(1);
    expect(markedBin(bins, 8.5)).toBe(2);
    expect(markedBin(bins, 1)).toBe(0);
    expect(markedBin(bins, 64)).toBe(2);
    expect(markedBin([], 4)).toBe(-1);
  });

  it("merges peers of the same size into one bubble with their count", () => {
    expect(bubbles([{ vcpus: 4, memoryGiB: 16 }, { vcpus: 2, memoryGiB: 8 }, { vcpus: 4, memoryGiB: 16 }])).toEqual([
      { vcpus: 2, memoryGiB: 8, count: 1 },
      { vcpus: 4, memoryGiB: 16, count: 2 },
    ]);
  });
});

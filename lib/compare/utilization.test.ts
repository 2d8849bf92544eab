import { describe, expect, it } from "vitest";
import type { Utilization } from "@/lib/vm/model";
import { figureOf, MIN_UTILIZATION_PEERS, percentileRank, utilizationStanding, windowSeconds } from "./utilization";

const fig = (value: number, over: Partial<Utilization> = {}): Utilization => ({
  metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "vcenter", value, ...over,
});
const CPU_AVG = { metric: "cpu.usage.pct", statistic: "average" } as const;

describe("utilization against peers", () => {
  it("gives percentile, median, middle half, count and peers without the figure, with known answers", () => {
    // Peers 10, 20, 30, 40, 50 have a 30-day average; two peers have only a sample, one has nothing.
    const peers = [[fig(40)], [fig(10)], [fig(50)], [fig(20)], [fig(30)], [fig(90, { statistic: "sample", window: null })], [], undefined];
    expect(utilizationStanding(CPU_AVG, 35, peers)).toEqual({
      metric: "cpu.usage.pct", statistic: "average", value: 35,
      percentile: 60, // 3 of 5 below
      median: 30, p25: 20, p75: 40,
      count: 5, missing: 3,
    });
  });

  it("counts ties half and interpolates quartiles between peers", () => {
    expect(percentileRank(20, [10, 20, 20, 30])).toBe(50); // 1 below + 2 equal / 2 = 2 of 4
    expect(percentileRank(5, [10, 20])).toBe(0);
    expect(percentileRank(99, [10, 20, 30])).toBe(100);
    const s = utilizationStanding(CPU_AVG, 1, [1, 2, 3, 4, 5, 6].map((v) => [fig(v)]))!;
    expect([s.median, s.p25, s.p75, s.percentile]).toEqual([3.5, 2.25, 4.75, 8.3]); // 0.5 of 6
  });

  it("never compares a sample with an average or another metric", () => {
    const samples = [1, 2, 3, 4, 5].map((v) => [fig(v, { statistic: "sample", window: null })]);
    expect(utilizationStanding(CPU_AVG, 3, samples)).toBeNull();
    expect(utilizationStanding({ metric: "cpu.usage.pct", statistic: "sample" }, 3, samples)?.percentile).toBe(50);
    expect(utilizationStanding({ metric: "mem.active.pct", statistic: "sample" }, 3, samples)).toBeNull();
  });

  it(`gives no answer with fewer than ${MIN_UTILIZATION_PEERS} peers having the figure, or without the VM's value`, () => {
    const four = [10, 20, 30, 40].map((v) => [fig(v)]);
    expect(utilizationStanding(CPU_AVG, 25, four)).toBeNull();
    expect(utilizationStanding(CPU_AVG, 25, [...four, [fig(50)]])).not.toBeNull();
    expect(utilizationStanding(CPU_AVG, null, [...four, [fig(50)]])).toBeNull();
    expect(utilizationStanding(CPU_AVG, 25, [])).toBeNull();
  });

  it("takes a peer's figure over the longest window when it has several", () => {
    expect(figureOf([fig(10, { window: "P7D" }), fig(20, { window: "P30D" }), fig(30, { window: "PT24H" })], CPU_AVG)).toBe(20);
    expect(figureOf(undefined, CPU_AVG)).toBeNull();
    expect([windowSeconds("P30D"), windowSeconds("PT24H"), windowSeconds("P1DT12H30M"), windowSeconds(null)]).toEqual([2592000, 86400, 131400, 0]);
  });
});

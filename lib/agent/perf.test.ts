import { describe, expect, it } from "vitest";
import { utilizationSchema } from "@/lib/vm/model";
import { deriveHistory, isoWindow, planHistory, readCounters, readIntervals, readQueryPerf, VCENTER_DEFAULT_INTERVALS } from "./perf";
import { mergeHistory } from "./snapshot";
import { envelope } from "./test-fixtures/soap";
import { parseXml, path } from "./xml";

function counterInfo(key: number, group: string, name: string, rollup: string): string {
  return `<PerfCounterInfo><key>${key}</key><nameInfo><label>x</label><summary>x</summary><key>${name}</key></nameInfo>` +
    `<groupInfo><label>x</label><summary>x</summary><key>${group}</key></groupInfo>` +
    `<unitInfo><label>x</label><summary>x</summary><key>percent</key></unitInfo><rollupType>${rollup}</rollupType><statsType>rate</statsType></PerfCounterInfo>`;
}

function body(xml: string) {
  return path(parseXml(envelope(xml), "test"), "Envelope.Body") as never;
}

describe("PerformanceManager counters and intervals", () => {
  it("finds counter ids by group, name and rollup, not by fixed ids", () => {
    const table = body(`<val>${[
      counterInfo(1, "cpu", "usage", "none"),
      counterInfo(2, "cpu", "usage", "average"),
      counterInfo(6, "cpu", "usagemhz", "average"),
      counterInfo(12, "cpu", "ready", "summation"),
      counterInfo(905, "mem", "active", "average"),
      counterInfo(98, "mem", "consumed", "average"),
      counterInfo(143, "net", "usage", "average"),
    ].join("")}</val>`);
    expect(readCounters(path(table, "val"))).toEqual({ cpuUsage: 2, cpuReady: 12, memActive: 905, memConsumed: 98, net: 143 });
  });

  it("reads historical intervals and picks the finest one that covers 30 days", () => {
    const xml = body(`<val>${[[1, 300, 86400], [2, 1800, 604800], [3, 7200, 2592000], [4, 86400, 31536000]]
      .map(([k, p, l]) => `<PerfInterval><key>${k}</key><samplingPeriod>${p}</samplingPeriod><name>x</name><length>${l}</length><enabled>true</enabled></PerfInterval>`).join("")}</val>`);
    const intervals = readIntervals(path(xml, "val"));
    expect(intervals).toEqual(VCENTER_DEFAULT_INTERVALS);
    expect(planHistory(intervals)).toEqual({ samplingPeriod: 7200, windowSeconds: 2_592_000 });
    // With "past month" disabled, the year's daily rollup is the finest that still covers 30 days.
    expect(planHistory(intervals.map((i) => (i.samplingPeriod === 7200 ? { ...i, enabled: false } : i)))).toEqual({ samplingPeriod: 86_400, windowSeconds: 2_592_000 });
    // ESXi keeps 36 hours: the window is what the server keeps.
    expect(planHistory([{ samplingPeriod: 300, length: 129_600, enabled: true }])).toEqual({ samplingPeriod: 300, windowSeconds: 129_600 });
    expect(planHistory([])).toBeNull();
    expect(planHistory([{ samplingPeriod: 300, length: 86_400, enabled: false }])).toBeNull();
  });

  it("writes windows as ISO durations", () => {
    expect(isoWindow(2_592_000)).toBe("P30D");
    expect(isoWindow(129_600)).toBe("P1DT12H");
    expect(isoWindow(7200)).toBe("PT2H");
    expect(isoWindow(60)).toBe("PT1H");
  });
});

function perfAnswer(entity: string, interval: number, series: Record<number, number[]>, samples: number): string {
  const infos = Array.from({ length: samples }, (_, i) => `<sampleInfo><timestamp>2026-11-0${1 + (i % 9)}T00:00:00Z</timestamp><interval>${interval}</interval></sampleInfo>`).join("");
  const values = Object.entries(series).map(([id, vs]) =>
    `<value xsi:type="PerfMetricIntSeries"><id><counterId>${id}</counterId><instance></instance></id>${vs.map((v) => `<value>${v}</value>`).join("")}</value>`).join("");
  return `<returnval xsi:type="PerfEntityMetric"><entity type="VirtualMachine">${entity}</entity>${infos}${values}</returnval>`;
}

describe("history figures", () => {
  const counters = { cpuUsage: 2, cpuReady: 12, memActive: 33, memConsumed: 98, disk: 125, net: 143 };
  const plan = { samplingPeriod: 7200, windowSeconds: 2_592_000 };

  it("derives average, p95 and maximum over the window with vCenter's units converted", () => {
    // 20 samples at 2 h: cpu.usage in hundredths of a percent, ready in ms per 7200 s, memory in KB of 4096 MiB.
    const cpu = Array.from({ length: 20 }, (_, i) => (i + 1) * 100); // 1% .. 20%
    const res = body(`<QueryPerfResponse xmlns="urn:vim25">${perfAnswer("vm-1", 7200, {
      2: cpu, 12: Array(20).fill(72_000), 33: Array(20).fill(1_048_576), 98: [-1, ...Array(19).fill(2_097_152)], 143: [-1, -1],
    }, 20)}${perfAnswer("vm-2", 7200, {}, 0)}</QueryPerfResponse>`);
    const series = readQueryPerf(path(res, "QueryPerfResponse") as never);
    expect([...series.keys()]).toEqual(["vm-1", "vm-2"]);
    const figures = deriveHistory(series.get("vm-1")!, counters, { memoryMiB: 4096 }, plan);
    for (const f of figures) expect(utilizationSchema.safeParse(f).success).toBe(true);
    const get = (metric: string, statistic: string) => figures.find((f) => f.metric === metric && f.statistic === statistic);
    // 20 samples x 2 h = 40 hours covered, not the 30 days asked for.
    expect(get("cpu.usage.pct", "average")).toEqual({ metric: "cpu.usage.pct", statistic: "average", window: "P1DT16H", source: "vcenter", value: 10.5 });
    expect(get("cpu.usage.pct", "p95")?.value).toBe(19.05); // type-7 quantile of 1..20
    expect(get("cpu.usage.pct", "max")?.value).toBe(20);
    expect(get("cpu.ready.pct", "average")?.value).toBe(1); // 72 s of 7200 s
    expect(get("mem.active.pct", "average")?.value).toBe(25); // 1 GiB of 4 GiB
    // vCenter's -1 is "no value", never a number: the consumed series has 19 samples, the network none at all.
    expect(get("mem.consumed.pct", "average")).toMatchObject({ value: 50, window: "P1DT14H" });
    expect(figures.some((f) => f.metric === "net.throughput.kbps")).toBe(false);
    expect(figures.some((f) => f.metric === "disk.throughput.kbps")).toBe(false);
    // A VM with no samples gets no figures at all.
    expect(deriveHistory(series.get("vm-2")!, counters, { memoryMiB: 4096 }, plan)).toEqual([]);
  });

  it("keeps quickStats samples only for the metrics history does not cover", () => {
    const samples = [
      { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "vcenter", value: 40 },
      { metric: "mem.active.pct", statistic: "sample", window: null, source: "vcenter", value: 12 },
    ] as const;
    const history = [{ metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "vcenter", value: 8 }] as const;
    expect(mergeHistory([...samples], [...history])).toEqual([history[0], samples[1]]);
    expect(mergeHistory(undefined, [])).toEqual([]);
  });
});

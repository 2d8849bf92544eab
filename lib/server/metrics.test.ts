import { describe, expect, it } from "vitest";
import { Counter, formatExposition, gauge, Histogram, MetricsRegistry } from "./metrics";

/**
 * A line of the text exposition format 0.0.4: a comment (HELP/TYPE), or
 * name{label="value",...} value, label values with \\, \" and \n escaped.
 */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/;
const COMMENT = /^# (HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*|TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|histogram|summary|untyped))$/;

function lines(text: string): string[] {
  expect(text.endsWith("\n")).toBe(true);
  return text.slice(0, -1).split("\n");
}

describe("the Prometheus text exposition", () => {
  it("writes HELP and TYPE once per family, then its samples, one per line", () => {
    const c = new Counter("vmcompare_http_requests_total", "Requests.");
    c.inc({ route: "/vms/[id]", method: "GET", status: "200" });
    c.inc({ route: "/vms/[id]", method: "GET", status: "200" }, 2);
    c.inc({ route: "/", method: "GET", status: "304" });
    const text = formatExposition([c.family(), gauge("vmcompare_render_gate_waiting", "Waiting.", 7)]);
    expect(lines(text)).toEqual([
      "# HELP vmcompare_http_requests_total Requests.",
      "# TYPE vmcompare_http_requests_total counter",
      'vmcompare_http_requests_total{route="/vms/[id]",method="GET",status="200"} 3',
      'vmcompare_http_requests_total{route="/",method="GET",status="304"} 1',
      "# HELP vmcompare_render_gate_waiting Waiting.",
      "# TYPE vmcompare_render_gate_waiting gauge",
      "vmcompare_render_gate_waiting 7",
    ]);
    for (const l of lines(text)) expect(l.startsWith("#") ? COMMENT.test(l) : SAMPLE.test(l), l).toBe(true);
  });

  it("escapes backslashes, quotes and newlines in label values, and backslashes and newlines in help", () => {
    const text = formatExposition([gauge("x", 'a\\b\nc "d"', [{ labels: { v: 'say "hi"\\\nbye' }, value: 1 }])]);
    expect(lines(text)).toEqual(['# HELP x a\\\\b\\nc "d"', "# TYPE x gauge", 'x{v="say \\"hi\\"\\\\\\nbye"} 1']);
    for (const l of lines(text).slice(2)) expect(SAMPLE.test(l), l).toBe(true);
  });

  it("writes unknown as NaN and infinities as +Inf/-Inf", () => {
    const text = formatExposition([gauge("r", "Ratio.", NaN), gauge("i", "Inf.", [{ labels: { s: "+" }, value: Infinity }, { labels: { s: "-" }, value: -Infinity }])]);
    expect(text).toContain("\nr NaN\n");
    expect(text).toContain('i{s="+"} +Inf\n');
    expect(text).toContain('i{s="-"} -Inf\n');
  });

  it("refuses invalid metric and label names and a family exposed twice", () => {
    expect(() => formatExposition([gauge("bad-name", "x", 1)])).toThrow(/invalid metric name/);
    expect(() => formatExposition([gauge("ok", "x", [{ labels: { "bad-label": "v" }, value: 1 }])])).toThrow(/invalid metric label/);
    expect(() => formatExposition([gauge("ok", "x", [{ labels: { __reserved: "v" }, value: 1 }])])).toThrow(/invalid metric label/);
    expect(() => formatExposition([gauge("ok", "x", 1), gauge("ok", "y", 2)])).toThrow(/twice/);
  });

  it("writes histograms as cumulative buckets ending in +Inf, with _sum and _count", () => {
    const h = new Histogram("d_seconds", "Durations.", [0.1, 0.5, 1]);
    for (const v of [0.05, 0.1, 0.3, 0.7, 2]) h.observe({ route: "/vms" }, v);
    h.observe({ route: "/" }, 0.2);
    const text = formatExposition([h.family()]);
    expect(lines(text)).toEqual([
      "# HELP d_seconds Durations.",
      "# TYPE d_seconds histogram",
      'd_seconds_bucket{route="/vms",le="0.1"} 2',
      'd_seconds_bucket{route="/vms",le="0.5"} 3',
      'd_seconds_bucket{route="/vms",le="1"} 4',
      'd_seconds_bucket{route="/vms",le="+Inf"} 5',
      'd_seconds_sum{route="/vms"} 3.15',
      'd_seconds_count{route="/vms"} 5',
      'd_seconds_bucket{route="/",le="0.1"} 0',
      'd_seconds_bucket{route="/",le="0.5"} 1',
      'd_seconds_bucket{route="/",le="1"} 1',
      'd_seconds_bucket{route="/",le="+Inf"} 1',
      'd_seconds_sum{route="/"} 0.2',
      'd_seconds_count{route="/"} 1',
    ]);
    expect(() => new Histogram("h", "x", [1, 1])).toThrow(/increase/);
  });

  it("reads collectors at each scrape, and counts (rather than fails on) a collector that throws", async () => {
    const reg = new MetricsRegistry();
    let waiting = 1;
    reg.collect("gate", () => [gauge("w", "Waiting.", waiting)]);
    reg.collect("broken", () => {
      throw new Error("database down");
    });
    expect(await reg.exposition()).toContain("\nw 1\n");
    waiting = 4;
    const text = await reg.exposition();
    expect(text).toContain("\nw 4\n");
    expect(text).toContain("\nvmcompare_metrics_collector_errors 1\n");
    // The registry's own families are there from the start, empty.
    expect(text).toContain("# TYPE vmcompare_http_requests_total counter\n");
    expect(text).toContain("# TYPE vmcompare_http_request_duration_seconds histogram\n");
  });
});

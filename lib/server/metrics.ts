/**
 * Process metrics in the Prometheus text exposition format (version 0.0.4),
 * served by /api/metrics. Counters and histograms live in one registry per
 * process, kept on globalThis: the production server (scripts/serve.ts)
 * records requests outside the Next bundle, and the route that answers
 * /api/metrics runs inside it, each with its own copy of this module.
 * Values known only at scrape time (the render gate's queue, the database
 * pool) come from collectors registered once and called per scrape.
 */
export type Labels = Record<string, string>;
export type MetricType = "counter" | "gauge" | "histogram";

export interface Sample {
  /** Appended to the family's name: "_bucket", "_sum", "_count" for histograms. */
  suffix?: string;
  labels?: Labels;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: Sample[];
}

export type Collector = () => MetricFamily[] | Promise<MetricFamily[]>;

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Request durations, seconds: from a kept page (well under 5 ms) to a render that waited for the gate. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

function formatLabels(labels: Labels | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return "";
  for (const [k] of entries) if (!LABEL.test(k) || k.startsWith("__")) throw new Error(`invalid metric label name "${k}"`);
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

/** The families as exposition text: HELP and TYPE once per family, then its samples. */
export function formatExposition(families: MetricFamily[]): string {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const f of families) {
    if (!NAME.test(f.name)) throw new Error(`invalid metric name "${f.name}"`);
    if (seen.has(f.name)) throw new Error(`metric "${f.name}" is exposed twice`);
    seen.add(f.name);
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) out.push(`${f.name}${s.suffix ?? ""}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }
  return out.join("\n") + "\n";
}

function keyOf(labels: Labels): string {
  return JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
}

export class Counter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const k = keyOf(labels);
    const s = this.series.get(k);
    if (s) s.value += by;
    else this.series.set(k, { labels: { ...labels }, value: by });
  }

  get(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value ?? 0;
  }

  family(): MetricFamily {
    return { name: this.name, help: this.help, type: "counter", samples: [...this.series.values()].map((s) => ({ labels: s.labels, value: s.value })) };
  }
}

export class Histogram {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: number[] = DURATION_BUCKETS) {
    for (let i = 1; i < buckets.length; i++) if (!(buckets[i] > buckets[i - 1])) throw new Error("histogram buckets must increase");
  }

  observe(labels: Labels, value: number): void {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels: { ...labels }, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    // Per bucket, not cumulative: cumulated when exposed.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  family(): MetricFamily {
    const samples: Sample[] = [];
    for (const s of this.series.values()) {
      let running = 0;
      this.buckets.forEach((b, i) => {
        running += s.counts[i];
        samples.push({ suffix: "_bucket", labels: { ...s.labels, le: formatValue(b) }, value: running });
      });
      samples.push({ suffix: "_bucket", labels: { ...s.labels, le: "+Inf" }, value: s.count });
      samples.push({ suffix: "_sum", labels: s.labels, value: s.sum });
      samples.push({ suffix: "_count", labels: s.labels, value: s.count });
    }
    return { name: this.name, help: this.help, type: "histogram", samples };
  }
}

/** One gauge family from plain values (collectors build these per scrape). */
export function gauge(name: string, help: string, samples: Sample[] | number): MetricFamily {
  return { name, help, type: "gauge", samples: typeof samples === "number" ? [{ value: samples }] : samples };
}

export function counter(name: string, help: string, samples: Sample[] | number): MetricFamily {
  return { name, help, type: "counter", samples: typeof samples === "number" ? [{ value: samples }] : samples };
}

export class MetricsRegistry {
  readonly requests = new Counter("vmcompare_http_requests_total", "HTTP requests answered, by route pattern, method and status.");
  readonly duration = new Histogram("vmcompare_http_request_duration_seconds", "Time from a request's arrival to the end of its answer, by route pattern and method.");
  private readonly collectors = new Map<string, Collector>();

  /** Adds (or replaces, by name) a source of values read at each scrape. */
  collect(name: string, c: Collector): void {
    this.collectors.set(name, c);
  }

  /** Every family: the registry's own, then each collector's (a failing collector is left out and counted). */
  async families(extra: MetricFamily[] = []): Promise<MetricFamily[]> {
    const out: MetricFamily[] = [this.requests.family(), this.duration.family()];
    let failed = 0;
    for (const c of this.collectors.values()) {
      try {
        out.push(...(await c()));
      } catch {
        failed++;
      }
    }
    out.push(...extra);
    out.push(gauge("vmcompare_metrics_collector_errors", "Collectors that failed during this scrape.", failed));
    return out;
  }

  async exposition(extra: MetricFamily[] = []): Promise<string> {
    return formatExposition(await this.families(extra));
  }
}

const g = globalThis as unknown as { __vmcompareMetrics?: MetricsRegistry };

/** The process's registry, shared by every copy of this module. */
export function metrics(): MetricsRegistry {
  return (g.__vmcompareMetrics ??= new MetricsRegistry());
}

/** Memory and uptime of this process. */
export function processFamilies(now = Date.now()): MetricFamily[] {
  const m = process.memoryUsage();
  return [
    gauge("process_resident_memory_bytes", "Resident memory size in bytes.", m.rss),
    gauge("nodejs_heap_used_bytes", "V8 heap in use, bytes.", m.heapUsed),
    gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, seconds.", Math.round((now / 1000 - process.uptime()) * 1000) / 1000),
  ];
}

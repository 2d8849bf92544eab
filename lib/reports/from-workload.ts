import { formatInt } from "@/lib/text/display";
import { DATA_LICENCE, REPORT_SCHEMA_VERSION, type Report, type ReportChart } from "./model";
import { SPLITS, workloadStatements, type WorkloadSummary } from "./workload";

export interface ReportOptions {
  /** When the numbers were read; the report's date. */
  now?: Date;
}

export function workloadPeerDescription(s: WorkloadSummary): string {
  return `Published VMs tagged ${s.app.name} (n = ${formatInt(s.n)})`;
}

/** The workload page as a report: the group's distribution, with no single subject value. */
export function workloadReport(s: WorkloadSummary, opts: ReportOptions = {}): Report {
  const subject = s.app.slug;
  const charts: ReportChart[] = [
    ...s.metrics.map((m): ReportChart => ({
      type: "bars",
      id: `histogram-${m.key}`,
      title: `${m.label}${m.unit ? ` (${m.unit})` : ""}`,
      subject,
      xLabel: m.unit ? `${m.label} (${m.unit})` : m.label,
      yLabel: "VMs",
      bars: m.histogram.map((b) => ({ label: b.label, count: b.count, share: m.n ? b.count / m.n : null, highlight: false })),
    })),
    ...SPLITS.map(({ key, title }): ReportChart => ({
      type: "bars",
      id: `split-${key}`,
      title,
      subject,
      xLabel: title,
      yLabel: "Share of VMs",
      bars: s.splits[key].map((r) => ({ label: r.label, count: r.count, share: r.share, highlight: false })),
    })),
  ];
  if (s.trend.length) {
    charts.push({
      type: "trend",
      id: "trend",
      title: "Median size by contribution year",
      subject,
      series: [
        { key: "vcpus", label: "vCPUs", unit: "" },
        { key: "memoryGiB", label: "Memory", unit: "GiB" },
      ],
      points: s.trend.map((p) => ({ x: p.year, n: p.n, values: { vcpus: p.vcpusMedian, memoryGiB: p.memoryGiBMedian } })),
    });
  }
  const facts = [
    { label: "Category", value: s.app.categoryName },
    ...(s.app.vendor ? [{ label: "Vendor", value: s.app.vendor }] : []),
    { label: "VMs", value: formatInt(s.n) },
    ...(s.versions.length
      ? [{ label: "Versions", value: s.versions.slice(0, 8).map((v) => `${v.version} (${formatInt(v.n)})`).join(", ") }]
      : []),
  ];
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "workload",
    title: s.app.name,
    summary: s.app.description,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    url: `/workloads/${s.app.slug}`,
    licence: { ...DATA_LICENCE },
    baseline: null,
    subjects: [
      {
        id: subject,
        label: s.app.name,
        url: `/workloads/${s.app.slug}`,
        isBaseline: false,
        peerGroup: { rule: "workload", description: workloadPeerDescription(s), n: s.n },
        facts,
      },
    ],
    metrics: s.metrics.map((m) => ({
      subject,
      key: m.key,
      label: m.label,
      unit: m.unit,
      value: null,
      percentile: null,
      n: m.n,
      nUnknown: m.unknown,
      min: m.min,
      p25: m.p25,
      median: m.median,
      p75: m.p75,
      max: m.max,
      baseline: null,
    })),
    findings: workloadStatements(s).map((f) => ({ id: f.id, subject, severity: f.notable ? "notable" : "info", text: f.text })),
    checks: [],
    charts,
    notes: s.n === 0 ? [`No published VMs are tagged ${s.app.name} yet.`] : s.n < 20 ? [`Only ${s.n} VMs: the statistics may change a lot as more arrive.`] : [],
  };
}

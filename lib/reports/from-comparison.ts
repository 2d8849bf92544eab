import { relativeDiff } from "@/lib/compare/baseline";
import type { VmComparison, MetricRow as ComparisonMetric } from "@/lib/compare/report-model";
import { formatGiB, formatMemory, label } from "@/lib/text/display";
import { vmLabelWithId } from "@/lib/vm/label";
import { totalDiskGiB } from "@/lib/vm/model";
import {
  DATA_LICENCE, REPORT_SCHEMA_VERSION, type BaselineCell, type Fact, type MetricRow, type Report, type ReportChart,
  type ReportCheck, type ReportFinding, type ReportSubject,
} from "./model";

/**
 * Reports from the VM comparison (lib/compare/report-model.ts): one VM
 * against its peers, a private configuration, or several VMs side by side
 * with differences from a baseline.
 */

/**
 * What a private report may hold. The comparison itself (percentiles, the
 * peer group) is always there; everything that would describe the private
 * configuration is left out unless the user ticks it.
 */
export interface PrivateInclude {
  /** The configuration's own numbers (vCPUs, memory …), its bar in the charts and the findings that quote them. */
  values: boolean;
  /** Guest OS, hypervisor, firmware, NIC models, hardware version. */
  configuration: boolean;
  /** Configuration checks (they quote the configuration). */
  checks: boolean;
}

export const PRIVATE_DEFAULTS: PrivateInclude = { values: true, configuration: false, checks: false };

/** "2 (500 GiB)", or "2 (total size unknown)": an unknown total is never written as 0 GiB. */
function disksFact(v: VmComparison["vm"]["config"]): string {
  const total = totalDiskGiB(v);
  return `${v.disks.length} (${total == null ? "total size unknown" : formatGiB(total)})`;
}

function vmFacts(c: VmComparison): Fact[] {
  const v = c.vm.config;
  const facts: Fact[] = [
    { label: "vCPUs", value: `${v.cpu.vcpus}${v.cpu.coresPerSocket ? ` (${v.cpu.coresPerSocket} per socket)` : ""}` },
    { label: "Memory", value: formatMemory(v.memoryMiB) },
    { label: "Disks", value: disksFact(v) },
    { label: "NICs", value: `${v.nics.length}${v.nics.length ? ` (${[...new Set(v.nics.map((n) => n.model ?? "unknown"))].join(", ")})` : ""}` },
    { label: "Guest OS", value: v.guestOs.name ?? label(v.guestOs.family) },
    { label: "Hypervisor", value: [v.hypervisor.product ?? label(v.hypervisor.vendor), v.hypervisor.version].filter(Boolean).join(" ") },
    { label: "Firmware", value: label(v.firmware) },
  ];
  if (v.hardwareVersion) facts.push({ label: "Hardware version", value: v.hardwareVersion });
  if (c.app) facts.unshift({ label: "Application", value: `${c.app.name}${c.app.version ? ` ${c.app.version}` : ""}` });
  return facts;
}

/** Only the size facts: what "values" allows for a private report. */
function sizeFacts(c: VmComparison): Fact[] {
  return vmFacts(c).filter((f) => ["Application", "vCPUs", "Memory", "Disks"].includes(f.label)).map((f) =>
    f.label === "Disks" ? { label: "Disks", value: disksFact(c.vm.config) } : f,
  );
}

function inBin(value: number | null, x0: number, x1: number, last: boolean): boolean {
  if (value == null) return false;
  return value >= x0 && (value < x1 || (last && value <= x1));
}

function metricRow(subject: string, m: ComparisonMetric, showValue: boolean, baseline: BaselineCell | null): MetricRow {
  return {
    subject,
    key: m.key,
    label: m.label,
    unit: m.unit,
    value: showValue ? m.value : null,
    ...(showValue && m.value == null ? { valueUnknown: true } : {}),
    // Rounded: a report is frozen as JSON, and full doubles would not survive every store unchanged.
    percentile: m.percentile == null ? null : Math.round(m.percentile * 100) / 100,
    n: m.n,
    nUnknown: m.unknown ?? 0,
    min: m.min,
    p25: m.p25,
    median: m.p50,
    p75: m.p75,
    max: m.max,
    baseline,
  };
}

function histogramCharts(subject: string, c: VmComparison, highlight: boolean, titlePrefix = ""): ReportChart[] {
  return c.metrics.map((m) => ({
    type: "bars" as const,
    id: `histogram-${subject}-${m.key}`,
    title: `${titlePrefix}${m.label}${m.unit ? ` (${m.unit})` : ""}${highlight ? ` - this VM: ${m.value == null ? "unknown" : round(m.value)}` : ""}`,
    subject,
    xLabel: m.unit ? `${m.label} (${m.unit})` : m.label,
    yLabel: "Peer VMs",
    bars: m.histogram.map((b, i) => ({
      label: b.label,
      count: b.count,
      share: m.n ? b.count / m.n : null,
      highlight: highlight && inBin(m.value, b.x0, b.x1, i === m.histogram.length - 1),
    })),
  }));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function findingsOf(subject: string, c: VmComparison): ReportFinding[] {
  return c.findings.map((f) => ({ id: f.id, subject, severity: f.severity, text: f.text }));
}

function checksOf(subject: string, c: VmComparison): ReportCheck[] {
  return c.checks.map((k) => ({
    id: k.checkId,
    subject,
    severity: k.severity,
    title: k.title,
    text: k.explanation,
    action: k.action || null,
    source: k.source?.title ?? null,
  }));
}

function peerGroup(c: VmComparison) {
  return { rule: c.peerGroup.rule, description: c.peerGroup.description, n: c.peerGroup.n };
}

function notesOf(c: VmComparison): string[] {
  const notes: string[] = [];
  if (c.peerGroup.n < c.peerGroup.minN) {
    notes.push(`Only ${c.peerGroup.n} peers: too few to state findings (at least ${c.peerGroup.minN} are needed).`);
  }
  for (const m of c.metrics) {
    if (m.note) notes.push(`${m.label}: ${m.note}`);
    if (m.unknown) notes.push(`${m.label}: ${m.unknown} of the peers do not state it and are left out of its statistics.`);
  }
  const widened = c.peerGroup.considered.filter((x) => x.rule !== c.peerGroup.rule && x.n < c.peerGroup.minN);
  if (widened.length) {
    notes.push(`The peer group was widened to "${c.peerGroup.rule}" because narrower groups had too few VMs (${widened.map((w) => `${w.rule}: ${w.n}`).join(", ")}).`);
  }
  return notes;
}

/** The VM's human label (lib/vm/label.ts), its id second: "Redis 7 · 2 vCPU · 8 GiB · ESXi 8.0 (k3m9x2abq7dz)". */
function subjectLabel(c: VmComparison & { vm: { id: string } }): string {
  const v = c.vm.config;
  return vmLabelWithId({
    appName: c.app?.name ?? null, appVersion: c.app?.version ?? null, vcpus: v.cpu.vcpus, memoryMib: v.memoryMiB,
    hypervisorVendor: v.hypervisor.vendor, hypervisorProduct: v.hypervisor.product, hypervisorVersion: v.hypervisor.version,
  }, c.vm.id);
}

function vmTitle(c: VmComparison & { vm: { id: string } }): string {
  return c.app ? subjectLabel(c) : `Untagged VM: ${subjectLabel(c)}`;
}

/** A published VM against its peers. */
export function vmReport(c: VmComparison): Report {
  if (!c.vm.id) throw new RangeError("vmReport needs a published VM; use privateReport for an unpublished configuration");
  const id = c.vm.id;
  const subject: ReportSubject = { id, label: subjectLabel(c as VmComparison & { vm: { id: string } }), url: `/vms/${id}`, isBaseline: false, peerGroup: peerGroup(c), facts: vmFacts(c) };
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "vm",
    title: vmTitle(c as VmComparison & { vm: { id: string } }),
    summary: c.vm.summary,
    generatedAt: c.generatedAt,
    url: `/vms/${id}`,
    licence: { ...DATA_LICENCE },
    baseline: null,
    subjects: [subject],
    metrics: c.metrics.map((m) => metricRow(id, m, true, null)),
    findings: findingsOf(id, c),
    checks: checksOf(id, c),
    charts: histogramCharts(id, c, true),
    notes: notesOf(c),
  };
}

/**
 * A configuration that is not published. Nothing identifies it (no id, no
 * URL), and only what `include` allows of the configuration is kept.
 */
export function privateReport(c: VmComparison, include: PrivateInclude = PRIVATE_DEFAULTS): Report {
  const id = "private";
  const facts = [...(include.values ? sizeFacts(c) : c.app ? [{ label: "Application", value: `${c.app.name}${c.app.version ? ` ${c.app.version}` : ""}` }] : [])];
  if (include.configuration) {
    for (const f of vmFacts(c)) if (!facts.some((x) => x.label === f.label) && !["vCPUs", "Memory", "Disks"].includes(f.label)) facts.push(f);
  }
  const findings = findingsOf(id, c).filter((f) => {
    // Findings quote the configuration's own numbers and categories.
    const metric = c.findings.find((x) => x.id === f.id)?.metric ?? "";
    const categorical = metric === "nicModel" || metric === "firmware";
    return categorical ? include.configuration : include.values;
  });
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "private",
    title: `Private comparison${c.app ? `: ${c.app.name}${c.app.version ? ` ${c.app.version}` : ""}` : ""}`,
    summary: include.values && include.configuration ? c.vm.summary : null,
    generatedAt: c.generatedAt,
    url: null,
    licence: { ...DATA_LICENCE },
    baseline: null,
    subjects: [{ id, label: "Your configuration", url: null, isBaseline: false, peerGroup: peerGroup(c), facts }],
    metrics: c.metrics.map((m) => metricRow(id, m, include.values, null)),
    findings,
    checks: include.checks ? checksOf(id, c) : [],
    charts: histogramCharts(id, c, include.values).map((ch) =>
      include.values || ch.type !== "bars" ? ch : { ...ch, title: ch.title.replace(/ - this VM: .*$/, "") },
    ),
    notes: [
      "A private comparison: the configuration was not published; this report holds only what its author chose to include.",
      ...notesOf(c),
    ],
  };
}

function baselineCell(key: string, base: number, other: number): BaselineCell {
  // relativeDiff phrases memory from MiB; our rows hold GiB.
  const stored = (v: number) => (key === "memoryMiB" ? v * 1024 : v);
  const d = relativeDiff(stored(base), stored(other), { metric: key });
  const delta = Math.round((other - base) * 1e6) / 1e6;
  return { delta, pct: d.pct === null ? null : Math.round(d.pct * 100) / 100, text: d.text };
}

/** Several published VMs, each against its own peers, with differences from the baseline VM. */
export function sideBySideReport(comparisons: VmComparison[], baseId: string | null, opts: { now?: Date } = {}): Report {
  const published = comparisons.filter((c): c is VmComparison & { vm: { id: string } } => !!c.vm.id);
  if (published.length === 0) throw new RangeError("sideBySideReport needs at least one published VM");
  const base = published.find((c) => c.vm.id === baseId) ?? null;
  const subjects: ReportSubject[] = published.map((c) => ({
    id: c.vm.id,
    label: subjectLabel(c),
    url: `/vms/${c.vm.id}`,
    isBaseline: base?.vm.id === c.vm.id,
    peerGroup: peerGroup(c),
    facts: vmFacts(c),
  }));
  const metrics = published.flatMap((c) =>
    c.metrics.map((m) => {
      const b = base && base.vm.id !== c.vm.id ? base.metrics.find((x) => x.key === m.key) : undefined;
      return metricRow(c.vm.id, m, true, b && b.value != null && m.value != null ? baselineCell(m.key, b.value, m.value) : null);
    }),
  );
  const ids = published.map((c) => c.vm.id);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind: "side-by-side",
    title: `${published.length} VMs side by side`,
    summary: published.map((c) => `${subjectLabel(c)}: ${c.vm.summary}`).join(" | "),
    generatedAt: (opts.now ?? new Date(Math.max(...published.map((c) => Date.parse(c.generatedAt))))).toISOString(),
    url: `/compare?ids=${ids.join(",")}${base ? `&base=${base.vm.id}` : ""}`,
    licence: { ...DATA_LICENCE },
    baseline: base?.vm.id ?? null,
    subjects,
    metrics,
    findings: published.flatMap((c) => findingsOf(c.vm.id, c).map((f) => ({ ...f, text: `VM ${c.vm.id}: ${f.text}` }))),
    checks: published.flatMap((c) => checksOf(c.vm.id, c)),
    charts: published.flatMap((c) => histogramCharts(c.vm.id, c, true, `VM ${c.vm.id}: `).slice(0, 2)),
    notes: published.flatMap((c) => notesOf(c).map((n) => `VM ${c.vm.id}: ${n}`)),
  };
}

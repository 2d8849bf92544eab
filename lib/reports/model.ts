import { z } from "zod";

/**
 * The one report model behind every export (CSV, JSON, PDF, permalink). A
 * comparison is converted into a Report once (adapters in from-*.ts); the
 * writers only ever see this shape, and a permalink stores it whole so the
 * numbers stay as they were on the day it was made.
 *
 * The JSON export is this object as it is; its JSON Schema is generated from
 * `reportSchema` and served at /api/v1/reports/schema.json. Bump
 * REPORT_SCHEMA_VERSION on any change that is not a pure addition of an
 * optional field.
 */
export const REPORT_SCHEMA_VERSION = 1;
export const REPORT_SCHEMA_ID = "https://vmcompare.org/api/v1/reports/schema.json";

export const REPORT_KINDS = ["vm", "side-by-side", "private", "workload"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const DATA_LICENCE = {
  name: "CC BY 4.0",
  url: "https://creativecommons.org/licenses/by/4.0/",
  attribution: "vmcompare contributors",
} as const;

const num = z.number();
const nullableNum = num.nullable();

export const peerGroupSchema = z
  .object({
    rule: z.string().describe('How the peers were chosen: "app-version", "app", "guest-family", "all" or "workload"'),
    description: z.string().describe('The group in words, e.g. "Published VMs tagged Microsoft SQL Server, any version (n = 412)"'),
    n: z.number().int().nonnegative().describe("Number of peer VMs the statistics are computed over"),
  })
  .describe("The peer group a subject is compared with");
export type PeerGroup = z.infer<typeof peerGroupSchema>;

export const factSchema = z.object({ label: z.string(), value: z.string() });
export type Fact = z.infer<typeof factSchema>;

export const subjectSchema = z
  .object({
    id: z.string().describe('Stable id within the report: a VM id, "private" or the workload slug'),
    label: z.string().describe("How the subject is named in tables and charts"),
    url: z.string().nullable().describe("Where the subject can be seen on the site; null for private configurations"),
    isBaseline: z.boolean().describe("True for the baseline of a side-by-side report"),
    peerGroup: peerGroupSchema.nullable(),
    facts: z.array(factSchema).describe("Configuration facts shown for the subject (only those the user chose, for private reports)"),
  })
  .describe("A VM (or workload) the report is about");
export type ReportSubject = z.infer<typeof subjectSchema>;

export const baselineCellSchema = z
  .object({
    delta: num.describe("Subject value minus baseline value, in the metric's unit"),
    pct: nullableNum.describe("delta as a percentage of the baseline value; null when the baseline is 0"),
    text: z.string().describe('Readable difference, e.g. "+8 GiB (+50%)"'),
  })
  .describe("The subject's difference from the baseline subject");
export type BaselineCell = z.infer<typeof baselineCellSchema>;

export const metricRowSchema = z
  .object({
    subject: z.string().describe("Subject id the row belongs to"),
    key: z.string().describe("Metric key: vcpus, memoryMiB, totalDiskGiB, diskCount or nicCount"),
    label: z.string(),
    unit: z.string().describe('Unit of every number in the row ("" for counts; memory is in GiB)'),
    value: nullableNum.describe("The subject's value; null for a workload (the group has no single value) or when withheld"),
    percentile: nullableNum.describe("Mid-rank percentile of the value among the peers, 0-100"),
    n: z.number().int().nonnegative().describe("Peers the statistics are computed over"),
    nUnknown: z.number().int().nonnegative().optional()
      .describe("Peers left out of the statistics because their value is unknown (e.g. disk sizes not given); never counted as 0"),
    valueUnknown: z.boolean().optional().describe("True when the subject's own value is unknown (value is then null), as opposed to withheld"),
    min: nullableNum,
    p25: nullableNum,
    median: nullableNum,
    p75: nullableNum,
    max: nullableNum,
    baseline: baselineCellSchema.nullable(),
  })
  .describe("One compared dimension of one subject");
export type MetricRow = z.infer<typeof metricRowSchema>;

export const findingSchema = z.object({
  id: z.string(),
  subject: z.string().nullable(),
  severity: z.enum(["info", "notable"]),
  text: z.string(),
});
export type ReportFinding = z.infer<typeof findingSchema>;

export const checkSchema = z.object({
  id: z.string(),
  subject: z.string().nullable(),
  severity: z.enum(["info", "warning", "problem"]),
  title: z.string(),
  text: z.string(),
  action: z.string().nullable(),
  source: z.string().nullable().describe("Title of the vendor document the check follows"),
});
export type ReportCheck = z.infer<typeof checkSchema>;

export const barSchema = z.object({
  label: z.string(),
  count: z.number().nonnegative(),
  share: z.number().min(0).max(1).nullable().describe("count / total, when the bars are shares of a whole"),
  highlight: z.boolean().describe("The bar that holds the subject's own value"),
});
export type ChartBar = z.infer<typeof barSchema>;

export const trendPointSchema = z.object({
  x: z.string().describe("Contribution year"),
  n: z.number().int().nonnegative(),
  values: z.record(z.string(), nullableNum).describe("Series name to value, e.g. {\"vcpus\": 4, \"memoryGiB\": 16}"),
});

export const chartSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("bars"),
    id: z.string(),
    title: z.string(),
    subject: z.string().nullable(),
    xLabel: z.string(),
    yLabel: z.string(),
    bars: z.array(barSchema),
  }),
  z.object({
    type: z.literal("trend"),
    id: z.string(),
    title: z.string(),
    subject: z.string().nullable(),
    series: z.array(z.object({ key: z.string(), label: z.string(), unit: z.string() })),
    points: z.array(trendPointSchema),
  }),
]);
export type ReportChart = z.infer<typeof chartSchema>;
export type BarsChart = Extract<ReportChart, { type: "bars" }>;
export type TrendChart = Extract<ReportChart, { type: "trend" }>;

export const reportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    kind: z.enum(REPORT_KINDS),
    title: z.string(),
    summary: z.string().nullable(),
    generatedAt: z.iso.datetime().describe("When the numbers were computed (UTC); a permalink keeps them from this date"),
    url: z.string().nullable().describe("The live page this report was made from (null for private comparisons)"),
    licence: z.object({ name: z.string(), url: z.string(), attribution: z.string() }),
    baseline: z.string().nullable().describe("Subject id of the baseline, when relative columns are present"),
    subjects: z.array(subjectSchema),
    metrics: z.array(metricRowSchema),
    findings: z.array(findingSchema),
    checks: z.array(checkSchema),
    charts: z.array(chartSchema),
    notes: z.array(z.string()).describe("Caveats printed with the report, e.g. too few peers"),
  })
  .describe("A vmcompare comparison report");
export type Report = z.infer<typeof reportSchema>;

/** The JSON Schema (draft 2020-12) of a report, as served at /api/v1/reports/schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(reportSchema, { target: "draft-2020-12" }) as Record<string, unknown> & {
    properties: Record<string, unknown>;
  };
  return {
    ...schema,
    // The JSON export names its schema; the zod model does not carry the link.
    properties: { $schema: { type: "string", const: REPORT_SCHEMA_ID }, ...schema.properties },
    $id: REPORT_SCHEMA_ID,
    title: `vmcompare report, schema version ${REPORT_SCHEMA_VERSION}`,
  };
}

/** The peer group of the report as one line, for the CSV and PDF header. */
export function peerGroupLine(r: Report): string {
  const groups = r.subjects.filter((s) => s.peerGroup).map((s) => (r.subjects.length > 1 ? `${s.label}: ` : "") + s.peerGroup!.description);
  return groups.length ? groups.join("; ") : "No peer group";
}

/** A base name for downloaded files: "vmcompare-workload-microsoft-sql-server-2026-11-25". */
export function reportFileName(r: Report): string {
  const slug = r.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "report";
  return `vmcompare-${r.kind}-${slug}-${r.generatedAt.slice(0, 10)}`;
}

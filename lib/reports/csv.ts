import Papa from "papaparse";
import type { Report } from "./model";

/**
 * One row per metric and subject, with the peer statistics and the peer
 * group rule on every row, so that a row still makes sense when it is pasted
 * elsewhere; then one row per finding and per configuration check
 * (row_type "finding" / "check", with severity and text). Baseline columns
 * are present only when the report has a baseline.
 */
export const CSV_COLUMNS = [
  "row_type", "subject", "subject_label", "metric", "metric_label", "unit", "value", "percentile",
  "peer_median", "peer_p25", "peer_p75", "peer_min", "peer_max", "n", "n_unknown", "peer_rule", "peer_group", "report_date",
  "severity", "text",
] as const;
export const CSV_BASELINE_COLUMNS = ["baseline", "baseline_delta", "baseline_pct", "baseline_text"] as const;

function cell(x: number | null | undefined): number | string {
  if (x === null || x === undefined) return "";
  return Math.round(x * 100) / 100;
}

export function reportCsv(r: Report): string {
  const withBaseline = r.baseline !== null;
  const subjects = new Map(r.subjects.map((s) => [s.id, s]));
  const baselineLabel = r.baseline ? subjects.get(r.baseline)?.label ?? r.baseline : "";
  const fields: string[] = [...CSV_COLUMNS, ...(withBaseline ? CSV_BASELINE_COLUMNS : [])];
  const data = r.metrics.map((m) => {
    const s = subjects.get(m.subject);
    const row: (string | number)[] = [
      // An unknown value is an empty cell, never 0.
      "metric", m.subject, s?.label ?? m.subject, m.key, m.label, m.unit, cell(m.value), cell(m.percentile),
      cell(m.median), cell(m.p25), cell(m.p75), cell(m.min), cell(m.max), m.n, m.nUnknown ?? 0,
      s?.peerGroup?.rule ?? "", s?.peerGroup?.description ?? "", r.generatedAt.slice(0, 10), "", "",
    ];
    if (withBaseline) row.push(baselineLabel, cell(m.baseline?.delta), cell(m.baseline?.pct), m.baseline?.text ?? "");
    return row;
  });
  const textRow = (type: string, subject: string | null, metric: string, label: string, severity: string, text: string) => {
    const sub = subject ? subjects.get(subject) : undefined;
    const row: (string | number)[] = [
      type, subject ?? "", sub?.label ?? subject ?? "", metric, label, "", "", "", "", "", "", "", "", "", "",
      sub?.peerGroup?.rule ?? "", sub?.peerGroup?.description ?? "", r.generatedAt.slice(0, 10), severity, text,
    ];
    if (withBaseline) row.push("", "", "", "");
    return row;
  };
  for (const f of r.findings) data.push(textRow("finding", f.subject, f.id, "Finding", f.severity, f.text));
  for (const c of r.checks) {
    const text = [c.text, c.action ? `What to do: ${c.action}` : "", c.source ? `Source: ${c.source}` : ""].filter(Boolean).join(" ");
    data.push(textRow("check", c.subject, c.id, c.title, c.severity, text));
  }
  // escapeFormulae: labels and "+8 GiB" texts must not run as spreadsheet formulas.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: "\r\n" }) + "\r\n";
}

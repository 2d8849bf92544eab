import Papa from "papaparse";
import type { Report } from "./model";

/**
 * One row per metric and subject, with the peer statistics and the peer
 * group rule on every row, so that a row still makes sense when it is pasted
 * elsewhere. Baseline columns are present only when the report has a baseline.
 */
export const CSV_COLUMNS = [
  "subject", "subject_label", "metric", "metric_label", "unit", "value", "percentile",
  "peer_median", "peer_p25", "peer_p75", "peer_min", "peer_max", "n", "peer_rule", "peer_group", "report_date",
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
      m.subject, s?.label ?? m.subject, m.key, m.label, m.unit, cell(m.value), cell(m.percentile),
      cell(m.median), cell(m.p25), cell(m.p75), cell(m.min), cell(m.max), m.n,
      s?.peerGroup?.rule ?? "", s?.peerGroup?.description ?? "", r.generatedAt.slice(0, 10),
    ];
    if (withBaseline) row.push(baselineLabel, cell(m.baseline?.delta), cell(m.baseline?.pct), m.baseline?.text ?? "");
    return row;
  });
  // escapeFormulae: labels and "+8 GiB" texts must not run as spreadsheet formulas.
  return Papa.unparse({ fields, data }, { escapeFormulae: true, newline: "\r\n" }) + "\r\n";
}

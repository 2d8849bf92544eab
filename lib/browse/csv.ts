import type { VmRow } from "@/lib/vm/record";
import { getColumn, type ColumnId, type CsvField } from "./columns";

/**
 * CSV as RFC 4180 has it: fields with a comma, quote or line break are quoted
 * and quotes doubled; lines end with CRLF. Fields that a spreadsheet would
 * run as a formula get a leading apostrophe (OWASP "CSV injection").
 */
export function csvField(v: string | number | null | undefined): string {
  if (v == null) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(",") + "\r\n";
}

/** The CSV fields of some columns, with the VM id first so a row can be found again. */
export function csvFields(cols: readonly ColumnId[]): CsvField[] {
  return [{ header: "id", value: (r: VmRow) => r.id }, ...cols.flatMap((id) => getColumn(id).csv)];
}

export function csvHeader(fields: readonly CsvField[]): string {
  return csvLine(fields.map((f) => f.header));
}

export function csvRow(fields: readonly CsvField[], row: VmRow): string {
  return csvLine(fields.map((f) => f.value(row)));
}

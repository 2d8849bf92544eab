import Papa from "papaparse";
import type { VmRow } from "@/lib/vm/record";
import { getColumn, type ColumnId, type CsvField } from "./columns";

type Cell = string | number | null | undefined;

// RFC 4180 as Papaparse writes it: fields with a comma, quote, line break or
// edge space are quoted and quotes doubled; lines end with CRLF. Fields that a
// spreadsheet would run as a formula get a leading apostrophe (OWASP "CSV
// injection"), which Papaparse's escapeFormulae does.
const UNPARSE = { header: false, newline: "\r\n", escapeFormulae: true } as const;

/** Unknown (null, or a number that is not finite) is an empty field, never a 0 or "NaN". */
const cell = (v: Cell) => (v == null || (typeof v === "number" && !Number.isFinite(v)) ? null : v);

export function csvField(v: Cell): string {
  return Papa.unparse([[cell(v)]], UNPARSE);
}

export function csvLine(values: readonly Cell[]): string {
  return Papa.unparse([values.map(cell)], UNPARSE) + "\r\n";
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

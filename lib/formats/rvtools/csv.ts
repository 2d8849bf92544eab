import { AppError } from "@/lib/errors/app-error";
import { decodeText } from "@/lib/formats/util/text";
import { dropControlChars } from "./xml-scan";
import { EXCEL_MAX_COLUMNS, MAX_SHEET_ROWS, type SheetRow } from "./xlsx";

/**
 * RVTools "Export all to csv" writes one file per tab (RVTools_tabvInfo.csv,
 * RVTools_tabvDisk.csv, ...), comma- or, in some locales, semicolon-separated.
 * A hand-rolled RFC 4180 reader rather than a general CSV library so that,
 * like the sheet reader, it keeps only fields that hold a value: a line of
 * 16,000 empty fields costs nothing, and a line of more than a sheet's
 * columns is refused instead of allocated.
 */
export interface CsvTable {
  rows: SheetRow[];
  delimiter: string;
  /** Line ending of the first line, so a rewrite keeps the file's own. */
  newline: "\r\n" | "\n";
  bom: boolean;
}

/** Every field of every line, empty ones included: what the redaction tool rewrites. */
export interface CsvRecord {
  line: number;
  fields: string[];
  quoted: boolean[];
}

function detectDelimiter(text: string): string {
  const end = text.indexOf("\n");
  const first = end >= 0 ? text.slice(0, end) : text.slice(0, 8192);
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < first.length; i++) {
      const ch = first[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Calls onRecord for each line (a record may span lines inside quotes). With
 * `keepEmpty` false, empty fields are reported as holes so no memory is spent
 * on them.
 */
function scanCsv(
  text: string, delimiter: string, fileName: string, keepEmpty: boolean,
  onRecord: (line: number, fields: string[], quoted: boolean[]) => void,
): void {
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let col = 0;
    for (;;) {
      if (col >= EXCEL_MAX_COLUMNS) {
        throw new AppError("too_large", `line ${recordLine} has more than ${EXCEL_MAX_COLUMNS.toLocaleString("en")} fields, more than any sheet holds`, { file: fileName, line: recordLine });
      }
      let value: string;
      let wasQuoted = false;
      if (text.charCodeAt(i) === 34) {
        wasQuoted = true;
        let out = "";
        let p = i + 1;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q < 0) throw new AppError("parse_error", `a quoted field opened on line ${recordLine} is never closed`, { file: fileName, line: recordLine });
          out += text.slice(p, q);
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            p = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        for (let k = i; k < p; k++) if (text.charCodeAt(k) === 10) line++;
        // Anything between the closing quote and the delimiter is kept, as spreadsheet programs do.
        let e = p;
        while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        value = out + text.slice(p, e);
        i = e;
      } else {
        let e = i;
        while (e < n && text.charCodeAt(e) !== d && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        value = text.slice(i, e);
        i = e;
      }
      if (keepEmpty || value !== "") {
        fields[col] = value;
        quoted[col] = wasQuoted;
      }
      col++;
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    if (text.charCodeAt(i) === 13) i++;
    if (text.charCodeAt(i) === 10) {
      i++;
      line++;
    }
    onRecord(recordLine, fields, quoted);
  }
}

export function csvText(data: Uint8Array): { text: string; bom: boolean } {
  const bom = (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) || (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  return { text: decodeText(data), bom };
}

/** Rows holding at least one value, with every value trimmed and cleaned of control characters. */
export function readCsvTable(data: Uint8Array, fileName: string, sheetName = "vInfo"): CsvTable {
  const { text, bom } = csvText(data);
  const delimiter = detectDelimiter(text);
  const firstNl = text.indexOf("\n");
  const rows: SheetRow[] = [];
  scanCsv(text, delimiter, fileName, false, (line, fields) => {
    let row: SheetRow | null = null;
    fields.forEach((raw, col) => {
      const value = dropControlChars(raw).trim();
      if (value === "") return;
      if (!row) {
        if (rows.length >= MAX_SHEET_ROWS) {
          throw new AppError("too_large", `${sheetName} holds more than ${MAX_SHEET_ROWS.toLocaleString("en")} rows with values`, { file: fileName, line });
        }
        row = { rowNumber: line, cells: [] };
        rows.push(row);
      }
      row.cells[col] = value;
    });
  });
  return { rows, delimiter, newline: firstNl > 0 && text[firstNl - 1] === "\r" ? "\r\n" : "\n", bom };
}

/** Every record with all its fields, for a faithful rewrite. */
export function readCsvRecords(data: Uint8Array, fileName: string): { records: CsvRecord[]; delimiter: string; newline: "\r\n" | "\n"; bom: boolean; trailingNewline: boolean } {
  const { text, bom } = csvText(data);
  const delimiter = detectDelimiter(text);
  const firstNl = text.indexOf("\n");
  const records: CsvRecord[] = [];
  scanCsv(text, delimiter, fileName, true, (line, fields, quoted) => records.push({ line, fields, quoted }));
  return { records, delimiter, newline: firstNl > 0 && text[firstNl - 1] === "\r" ? "\r\n" : "\n", bom, trailingNewline: /\n$/.test(text) };
}

export function writeCsvField(value: string, delimiter: string, forceQuote: boolean): string {
  return forceQuote || value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

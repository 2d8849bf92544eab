import { AppError } from "@/lib/errors/app-error";
import { openZip, readEntryText, type ZipArchive } from "./zip";

/**
 * Just enough SpreadsheetML to read RVTools tabs: the sheet list, shared
 * strings and cell values. A scanner rather than a DOM parser because a
 * 10,000-VM export has about a million cells; entities other than the five
 * predefined ones and character references are never expanded, and a DOCTYPE
 * is refused outright.
 */
export interface WorkbookSheetRef {
  name: string;
  path: string;
}

export interface Workbook {
  zip: ZipArchive;
  sheets: WorkbookSheetRef[];
  sharedStringsPath: string | null;
  sharedStrings: string[] | null;
}

export interface SheetRow {
  /** 1-based row number as shown by Excel. */
  rowNumber: number;
  cells: (string | null)[];
}

/** A cell as found in the sheet XML, with its character range for in-place rewriting. */
export interface ScannedCell {
  row: number;
  col: number;
  type: string;
  /** Raw text: the shared-string index for t="s", else the decoded value. */
  value: string | null;
  start: number;
  end: number;
  attrs: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXmlText(s: string): string {
  let out = s;
  if (out.includes("&")) {
    out = out.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, ent: string) => {
      if (ent[0] !== "#") return ENTITIES[ent.toLowerCase()];
      const code = ent[1] === "x" || ent[1] === "X" ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    });
  }
  // OOXML escapes control characters as _xHHHH_.
  if (out.includes("_x")) out = out.replace(/_x([0-9a-f]{4})_/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

export function encodeXmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function refuseDoctype(xml: string, part: string, fileName: string): void {
  if (/<!DOCTYPE/i.test(xml.slice(0, 2048))) {
    throw new AppError("parse_error", `${part} declares a DOCTYPE, which workbooks never need; refused`, { file: fileName });
  }
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? decodeXmlText(m[1]) : null;
}

export function openWorkbook(data: Uint8Array, fileName: string): Workbook {
  const zip = openZip(data, fileName);
  const workbookXml = readEntryText(zip, "xl/workbook.xml");
  if (workbookXml === null) throw new AppError("parse_error", "not an xlsx workbook (no xl/workbook.xml)", { file: fileName });
  refuseDoctype(workbookXml, "xl/workbook.xml", fileName);
  const relsXml = readEntryText(zip, "xl/_rels/workbook.xml.rels") ?? "";
  refuseDoctype(relsXml, "xl/_rels/workbook.xml.rels", fileName);

  const targets = new Map<string, { target: string; type: string }>();
  for (const m of relsXml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1], "Id");
    const target = attr(m[1], "Target");
    if (id && target) targets.set(id, { target: resolvePart(target), type: attr(m[1], "Type") ?? "" });
  }
  const sheets: WorkbookSheetRef[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1], "name");
    const rid = /\b[\w]+:id="([^"]*)"/.exec(m[1])?.[1];
    const target = rid ? targets.get(rid)?.target : undefined;
    if (name && target) sheets.push({ name, path: target });
  }
  const sst = [...targets.values()].find((t) => t.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  return { zip, sheets, sharedStringsPath: zip.entries.has(sst) ? sst : null, sharedStrings: null };
}

function resolvePart(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ["xl", ...target.split("/")];
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

export function sharedStrings(wb: Workbook): string[] {
  if (wb.sharedStrings) return wb.sharedStrings;
  const xml = wb.sharedStringsPath ? readEntryText(wb.zip, wb.sharedStringsPath) ?? "" : "";
  refuseDoctype(xml, "sharedStrings.xml", wb.zip.fileName);
  wb.sharedStrings = parseSharedStrings(xml);
  return wb.sharedStrings;
}

export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(richText(m[1] ?? ""));
  return out;
}

/** Text of an <si> or <is>: the <t> runs, without phonetic (<rPh>) runs. */
function richText(inner: string): string {
  const body = inner.includes("<rPh") ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "") : inner;
  let text = "";
  for (const t of body.matchAll(/<t\b[^>]*?(?:\/>|>([^<]*)<\/t>)/g)) text += t[1] ?? "";
  return decodeXmlText(text);
}

export function findSheet(wb: Workbook, name: string): WorkbookSheetRef | undefined {
  const wanted = name.toLowerCase();
  return wb.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
}

export function sheetXml(wb: Workbook, sheet: WorkbookSheetRef): string {
  const xml = readEntryText(wb.zip, sheet.path);
  if (xml === null) throw new AppError("parse_error", `sheet ${sheet.name} is listed but missing (${sheet.path})`, { file: wb.zip.fileName });
  refuseDoctype(xml, sheet.path, wb.zip.fileName);
  return xml;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

const CELL_OR_ROW = /<row\b([^>]*?)(\/?)>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;

/** Calls onCell for every cell of a sheet, in document order. */
export function scanCells(xml: string, onCell: (cell: ScannedCell) => void): void {
  let row = 0;
  let col = -1;
  CELL_OR_ROW.lastIndex = 0;
  for (let m = CELL_OR_ROW.exec(xml); m !== null; m = CELL_OR_ROW.exec(xml)) {
    if (m[1] !== undefined) {
      const r = /(?:^|\s)r="(\d+)"/.exec(m[1]);
      row = r ? Number(r[1]) : row + 1;
      col = -1;
      continue;
    }
    const attrs = m[3];
    const ref = /(?:^|\s)r="([A-Z]+)(\d+)"/.exec(attrs);
    col = ref ? columnIndex(ref[1]) : col + 1;
    const type = /(?:^|\s)t="(\w+)"/.exec(attrs)?.[1] ?? "n";
    const inner = m[4];
    let value: string | null = null;
    if (inner !== undefined) {
      if (type === "inlineStr") value = richText(inner);
      else {
        const v = /<v>([^<]*)<\/v>/.exec(inner);
        if (v) value = type === "s" ? v[1] : decodeXmlText(v[1]);
      }
    }
    onCell({ row: ref ? Number(ref[2]) : row, col, type, value, start: m.index, end: m.index + m[0].length, attrs });
  }
}

/** Rows of a sheet with shared strings resolved and booleans as "True"/"False". */
export function readSheetRows(wb: Workbook, sheet: WorkbookSheetRef): SheetRow[] {
  const xml = sheetXml(wb, sheet);
  const strings = xml.includes('t="s"') ? sharedStrings(wb) : [];
  const rows: SheetRow[] = [];
  let current: SheetRow | null = null;
  scanCells(xml, (cell) => {
    if (!current || current.rowNumber !== cell.row) {
      current = { rowNumber: cell.row, cells: [] };
      rows.push(current);
    }
    let value = cell.value;
    if (value !== null && cell.type === "s") value = strings[Number(value)] ?? null;
    else if (value !== null && cell.type === "b") value = value === "1" ? "True" : "False";
    if (cell.col >= 0 && cell.col < 16384) current.cells[cell.col] = value === "" ? null : value;
  });
  for (const r of rows) for (let i = 0; i < r.cells.length; i++) if (r.cells[i] === undefined) r.cells[i] = null;
  return rows;
}

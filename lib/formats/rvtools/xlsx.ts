import { AppError } from "@/lib/errors/app-error";
import { decodeText } from "@/lib/formats/util/text";
import { attrValue, cellText, dropControlChars, nextTag, quickAttr, rawTextAt } from "./xml-scan";
import { openZip, readEntry, type ZipArchive, type ZipEntry } from "./zip";

export { decodeXmlText, encodeXmlText } from "./xml-scan";

/**
 * Just enough SpreadsheetML to read RVTools tabs: the sheet list, shared
 * strings and cell values, from workbooks written by Excel or exceljs
 * (unprefixed elements, relative targets) and by the OpenXML SDK as RVTools
 * writes them (`x:`-prefixed elements, absolute targets, parts starting with
 * a byte-order mark, `[Content_Types].xml` last). Reading costs memory in
 * proportion to the cells that hold a value: empty cells and rows are never
 * stored, whatever column they sit in.
 */
export interface WorkbookSheetRef {
  name: string;
  path: string;
}

export interface Workbook {
  zip: ZipArchive;
  /** Part name of the workbook (normally xl/workbook.xml). */
  workbookPath: string;
  sheets: WorkbookSheetRef[];
  sharedStringsPath: string | null;
  sharedStrings: string[] | null;
  /** Cells with a value read so far from this workbook, against MAX_WORKBOOK_CELLS. */
  cellsRead: number;
}

export interface SheetRow {
  /** 1-based row number as shown by Excel. */
  rowNumber: number;
  /**
   * Cell values by 0-based column. Only cells holding a value are set: the
   * array is sparse (holes read as undefined), so a row whose one value sits
   * in column XFD costs one entry, not 16,384.
   */
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
  /** Qualified element name as written ("c" or "x:c"), so a rewrite keeps the part's style. */
  qname: string;
}

/** Excel's own limits: a sheet position outside them is not a cell. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
/** Excel holds at most 32,767 characters in a cell. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
/** Rows holding a value in one sheet: a 10,000-VM export has about 40,000 in its largest tab read here. */
export const MAX_SHEET_ROWS = 500_000;
/** Cells holding a value read from one workbook (vInfo, vCPU, vMemory, vDisk, vNetwork of 10,000 VMs: about 3 million). */
export const MAX_WORKBOOK_CELLS = 6_000_000;
export const MAX_SHARED_STRINGS = 2_000_000;
/** Characters over all shared strings (about 64 MiB of memory as UTF-16). */
export const MAX_SHARED_STRING_CHARS = 32 * 1024 * 1024;

function refuseDoctype(xml: string, part: string, fileName: string): void {
  if (/<!DOCTYPE/i.test(xml.slice(0, 2048))) {
    throw new AppError("parse_error", `${part} declares a DOCTYPE, which workbooks never need; refused`, { file: fileName });
  }
}

/** Zip entries by lower-cased name: OPC part names are case-insensitive. */
function entryByName(zip: ZipArchive, name: string): ZipEntry | undefined {
  const exact = zip.entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, entry] of zip.entries) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

export function partName(zip: ZipArchive, name: string): string | null {
  const entry = entryByName(zip, name);
  return entry ? entry.name.replace(/^\/+/, "") : null;
}

/** A part's bytes as text: UTF-8 or UTF-16 by byte-order mark, the mark itself dropped. */
export function readPartText(zip: ZipArchive, name: string): string | null {
  const actual = partName(zip, name);
  if (actual === null) return null;
  const buf = readEntry(zip, actual);
  if (buf === null) return null;
  // UTF-16 by its byte-order mark; otherwise UTF-8, with Buffer's decoder (faster than TextDecoder on large parts).
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return decodeText(buf);
  return buf.toString("utf8", buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
}

/** Whether a part starts with a UTF-8 byte-order mark (kept when the part is rewritten). */
export function partHasBom(zip: ZipArchive, name: string): boolean {
  const actual = partName(zip, name);
  const buf = actual ? readEntry(zip, actual) : null;
  return buf !== null && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** Resolves a relationship target against the folder of its source part; absolute targets start at the package root. */
export function resolveTarget(sourceDir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(t);
  } catch {
    // A malformed escape is kept as written.
  }
  const parts = t.startsWith("/") ? t.slice(1).split("/") : [...(sourceDir ? sourceDir.split("/") : []), ...t.split("/")];
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** Relationships of a part, targets resolved to part names; external targets left out. */
export function readRelationships(zip: ZipArchive, sourcePart: string): Relationship[] {
  const slash = sourcePart.lastIndexOf("/");
  const dir = slash >= 0 ? sourcePart.slice(0, slash) : "";
  const relsPath = `${dir ? dir + "/" : ""}_rels/${sourcePart.slice(slash + 1)}.rels`;
  const xml = readPartText(zip, relsPath);
  if (xml === null) return [];
  refuseDoctype(xml, relsPath, zip.fileName);
  const out: Relationship[] = [];
  for (let tag = nextTag(xml, 0); tag; tag = nextTag(xml, tag.end)) {
    if (!tag.is("Relationship") || tag.kind === "close") continue;
    if ((attrValue(tag.attrs, "TargetMode") ?? "").toLowerCase() === "external") continue;
    const id = attrValue(tag.attrs, "Id");
    const target = attrValue(tag.attrs, "Target");
    if (id && target) out.push({ id, type: attrValue(tag.attrs, "Type") ?? "", target: resolveTarget(dir, target) });
  }
  return out;
}

/** Whether a zip is an OOXML package with a spreadsheet in it (as opposed to, say, a zip of CSV files). */
export function isWorkbookPackage(zip: ZipArchive): boolean {
  return workbookPartOf(zip) !== null;
}

function workbookPartOf(zip: ZipArchive): string | null {
  const office = readRelationships(zip, "").find((r) => r.type.endsWith("/officeDocument"));
  if (office && partName(zip, office.target)) return partName(zip, office.target);
  return partName(zip, "xl/workbook.xml");
}

export function openWorkbook(data: Uint8Array, fileName: string): Workbook {
  return openWorkbookZip(openZip(data, fileName));
}

export function openWorkbookZip(zip: ZipArchive): Workbook {
  const fileName = zip.fileName;
  const workbookPath = workbookPartOf(zip);
  const workbookXml = workbookPath ? readPartText(zip, workbookPath) : null;
  if (workbookPath === null || workbookXml === null) throw new AppError("parse_error", "not an xlsx workbook (no workbook part)", { file: fileName });
  refuseDoctype(workbookXml, workbookPath, fileName);
  const rels = readRelationships(zip, workbookPath);
  const byId = new Map(rels.map((r) => [r.id, r]));

  const sheets: WorkbookSheetRef[] = [];
  for (let tag = nextTag(workbookXml, 0); tag; tag = nextTag(workbookXml, tag.end)) {
    if (!tag.is("sheet") || tag.kind === "close") continue;
    const rawName = attrValue(tag.attrs, "name");
    const rid = attrValue(tag.attrs, "id", true);
    const target = rid ? byId.get(rid)?.target : undefined;
    const path = target ? partName(zip, target) : null;
    if (rawName && path) sheets.push({ name: dropControlChars(rawName), path });
  }
  const sst = rels.find((r) => r.type.endsWith("/sharedStrings"))?.target ?? resolveTarget(workbookPath.replace(/\/[^/]*$/, ""), "sharedStrings.xml");
  return { zip, workbookPath, sheets, sharedStringsPath: partName(zip, sst), sharedStrings: null, cellsRead: 0 };
}

export function sharedStrings(wb: Workbook): string[] {
  if (wb.sharedStrings) return wb.sharedStrings;
  const xml = wb.sharedStringsPath ? readPartText(wb.zip, wb.sharedStringsPath) ?? "" : "";
  refuseDoctype(xml, "sharedStrings.xml", wb.zip.fileName);
  wb.sharedStrings = parseSharedStrings(xml, wb.zip.fileName);
  return wb.sharedStrings;
}

function tooLarge(message: string, fileName: string, field?: string): AppError {
  return new AppError("too_large", message, { file: fileName, field });
}

/**
 * Text of each <si>: its <t> runs, without phonetic (<rPh>) runs. Bounded in
 * count, in each string's length (Excel's own cell limit) and in total.
 */
export function parseSharedStrings(xml: string, fileName = "the workbook"): string[] {
  const out: string[] = [];
  let total = 0;
  let current: string | null = null;
  let inPhonetic = 0;
  for (let tag = nextTag(xml, 0); tag; tag = nextTag(xml, tag.end)) {
    const kind = tag.kind;
    if (tag.is("si")) {
      if (kind === "open") current = "";
      else {
        const text = kind === "empty" ? "" : cellText(current ?? "");
        if (out.length >= MAX_SHARED_STRINGS) throw tooLarge(`the shared string table holds more than ${MAX_SHARED_STRINGS.toLocaleString("en")} strings`, fileName, "sharedStrings");
        total += text.length;
        if (total > MAX_SHARED_STRING_CHARS) throw tooLarge(`the shared strings hold more than ${MAX_SHARED_STRING_CHARS.toLocaleString("en")} characters`, fileName, "sharedStrings");
        out.push(text);
        current = null;
        inPhonetic = 0;
      }
    } else if (tag.is("rPh")) {
      if (kind === "open") inPhonetic++;
      else if (kind === "close") inPhonetic = Math.max(0, inPhonetic - 1);
    } else if (kind === "open" && current !== null && inPhonetic === 0 && tag.is("t")) {
      const { text } = rawTextAt(xml, tag.end);
      // Checked before decoding: a hostile string costs no more than its own bytes.
      if (current.length + text.length > EXCEL_MAX_CELL_CHARS * 8) {
        throw tooLarge(`shared string ${out.length + 1} is longer than Excel's ${EXCEL_MAX_CELL_CHARS.toLocaleString("en")}-character cell limit`, fileName, "sharedStrings");
      }
      current += text;
    }
  }
  return out;
}

export function findSheet(wb: Workbook, name: string): WorkbookSheetRef | undefined {
  const wanted = name.toLowerCase();
  return wb.sheets.find((s) => s.name.trim().toLowerCase() === wanted);
}

export function sheetXml(wb: Workbook, sheet: WorkbookSheetRef): string {
  const xml = readPartText(wb.zip, sheet.path);
  if (xml === null) throw new AppError("parse_error", `sheet ${sheet.name} is listed but missing (${sheet.path})`, { file: wb.zip.fileName });
  refuseDoctype(xml, sheet.path, wb.zip.fileName);
  return xml;
}

/** "A" -> 0, "XFD" -> 16383; -1 for anything that is not a column of a sheet. */
export function columnIndex(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1 < EXCEL_MAX_COLUMNS ? n - 1 : -1;
}

const CELL_REF = /^([A-Z]{1,3})(\d{1,7})$/;

/** The next row or cell tag (or the end of sheetData): found by the regex engine, skipping everything else natively. */
const TOKEN = /<(\/?)(?:[\w.-]+:)?(row|c|sheetData)(?=[\s/>])/g;
/**
 * The common cell forms, matched in place: `<c r="A1" s="1"/>` and
 * `<c r="A1" t="s"><v>0</v></c>`, any prefix. Every part is bounded by a
 * delimiter it cannot contain, so a failed match costs its own length. Any
 * other cell (inline string, formula) goes through the tag scanner.
 */
const CELL_FAST = /<(?:[\w.-]+:)?c((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?:\/>|>(?:<(?:[\w.-]+:)?v>([^<]*)<\/(?:[\w.-]+:)?v>)?<\/(?:[\w.-]+:)?c>)/y;
const ROW_ATTRS = /[^>]*/y;

/** Calls onCell for every cell of a sheet, in document order, until it returns false. */
export function scanCells(xml: string, onCell: (cell: ScannedCell) => void | boolean): void {
  let row = 0;
  let col = -1;
  const token = new RegExp(TOKEN.source, "g");
  for (let m = token.exec(xml); m !== null; m = token.exec(xml)) {
    const closing = m[1] === "/";
    const name = m[2];
    if (closing) {
      if (name === "sheetData") return;
      continue;
    }
    if (name === "sheetData") continue;
    const at = m.index;
    if (name === "row") {
      ROW_ATTRS.lastIndex = token.lastIndex;
      const attrs = ROW_ATTRS.exec(xml)?.[0] ?? "";
      const r = Number(quickAttr(attrs, "r"));
      row = Number.isInteger(r) && r > 0 ? r : row + 1;
      col = -1;
      continue;
    }
    let attrs: string;
    let value: string | null = null;
    let end: number;
    let type: string;
    let qname: string;
    CELL_FAST.lastIndex = at;
    const fast = CELL_FAST.exec(xml);
    if (fast) {
      attrs = fast[1];
      end = CELL_FAST.lastIndex;
      type = quickAttr(attrs, "t") ?? "n";
      qname = xml.slice(at + 1, token.lastIndex);
      if (fast[2] !== undefined) value = fast[2];
    } else {
      const cellTag = nextTag(xml, at);
      if (!cellTag) return;
      ({ attrs, qname } = cellTag);
      type = quickAttr(attrs, "t") ?? "n";
      end = cellTag.end;
      if (cellTag.kind === "open") {
        let inline: string | null = null;
        let inPhonetic = 0;
        for (let t = nextTag(xml, cellTag.end); t; t = nextTag(xml, t.end)) {
          if (t.kind === "close") {
            if (t.is("c")) {
              end = t.end;
              break;
            }
            if (t.is("rPh")) inPhonetic = Math.max(0, inPhonetic - 1);
            continue;
          }
          if (t.is("c") || t.is("row")) {
            // An unclosed <c>: the cell ends where the next one starts.
            end = t.start;
            break;
          }
          if (t.kind !== "open") continue;
          if (t.is("v")) {
            if (type !== "inlineStr") value = rawTextAt(xml, t.end).text;
          } else if (t.is("is")) inline = "";
          else if (t.is("rPh")) inPhonetic++;
          else if (t.is("t") && inline !== null && inPhonetic === 0) inline += rawTextAt(xml, t.end).text;
        }
        if (type === "inlineStr") value = inline;
      }
    }
    const ref = CELL_REF.exec(quickAttr(attrs, "r") ?? "");
    col = ref ? columnIndex(ref[1]) : col + 1;
    const cellRow = ref ? Number(ref[2]) : row;
    if (value !== null) value = type === "s" ? value.trim() : cellText(value);
    if (cellRow <= EXCEL_MAX_ROWS && onCell({ row: cellRow, col, type, value, start: at, end, attrs, qname }) === false) return;
    token.lastIndex = end;
  }
}

/**
 * Rows of a sheet with shared strings resolved and booleans as "True"/"False".
 * Only rows holding a value are returned, and only their cells with a value
 * are set, so blank trailing rows and styled empty cells cost nothing.
 */
export function readSheetRows(wb: Workbook, sheet: WorkbookSheetRef): SheetRow[] {
  const xml = sheetXml(wb, sheet);
  const strings = /\bt\s*=\s*["']s["']/.test(xml) ? sharedStrings(wb) : [];
  const fileName = wb.zip.fileName;
  const rows: SheetRow[] = [];
  let current: SheetRow | null = null;
  scanCells(xml, (cell) => {
    if (cell.col < 0 || cell.value === null) return;
    let value: string | null = cell.value;
    if (cell.type === "s") value = strings[Number(value)] ?? null;
    else if (cell.type === "b") value = value === "1" ? "True" : value === "0" ? "False" : null;
    if (value === null || value === "") return;
    if (!current || current.rowNumber !== cell.row) {
      if (rows.length >= MAX_SHEET_ROWS) {
        throw tooLarge(`sheet ${sheet.name} holds more than ${MAX_SHEET_ROWS.toLocaleString("en")} rows with values`, fileName, sheet.name);
      }
      current = { rowNumber: cell.row, cells: [] };
      rows.push(current);
    }
    if (++wb.cellsRead > MAX_WORKBOOK_CELLS) {
      throw tooLarge(`the workbook holds more than ${MAX_WORKBOOK_CELLS.toLocaleString("en")} cells with values (reading sheet ${sheet.name})`, fileName, sheet.name);
    }
    current.cells[cell.col] = value;
  });
  return rows;
}

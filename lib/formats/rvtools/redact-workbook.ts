import { ownValue } from "@/lib/own-key";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { normalizeHeader } from "./columns";
import { readCsvRecords, writeCsvField } from "./csv";
import { stripControlChars } from "@/lib/text/control-chars";
import { csvTabEntries } from "./csv-zip";
import { encodeXmlText, nextTag, prefixOf } from "./xml-scan";
import {
  isWorkbookPackage, openWorkbookZip, parseSharedStrings, partHasBom, readPartText, readRelationships, scanCells, sharedStrings, sheetXml,
  type ScannedCell, type Workbook,
} from "./xlsx";
import { compressEntry, isZip, openZip, readEntry, writeZip, type ZipArchive, type ZipOutEntry } from "./zip";

/**
 * Rewrites an RVTools export with every identifying value replaced by a
 * stable pseudonym, so an admin can share the file (with us, or in a support
 * thread) without revealing names, addresses or paths. Works on the XML
 * directly: the same sheets, columns, rows and styles come out in the style
 * they came in (prefixed OpenXML SDK elements stay prefixed, byte-order marks
 * and the order of the zip entries are kept), untouched parts are copied
 * without recompressing, and a 10,000-VM export takes a couple of seconds
 * rather than an exceljs load/save round trip. RVTools's per-tab CSV files,
 * alone or zipped, come back as CSV in the same layout.
 */

export type PseudonymKind =
  | "vm" | "host" | "cluster" | "dc" | "dns" | "net" | "ip" | "mac" | "uuid" | "path" | "ds" | "folder" | "note" | "pool";

export interface RedactionSummaryItem {
  kind: string;
  count: number;
}

export interface RedactedWorkbook {
  data: Buffer;
  summary: RedactionSummaryItem[];
  /** What came in and goes out: an xlsx workbook, a zip of per-tab CSV files, or one CSV file. */
  format: "xlsx" | "csv-zip" | "csv";
}

const KIND_ORDER: PseudonymKind[] = ["vm", "host", "cluster", "dc", "dns", "net", "ip", "mac", "uuid", "path", "ds", "folder", "note", "pool"];
const WIDTH: Record<PseudonymKind, number> = {
  vm: 4, host: 2, cluster: 1, dc: 1, dns: 4, net: 1, ip: 4, mac: 4, uuid: 4, path: 4, ds: 1, folder: 2, note: 4, pool: 2,
};

const HEADER_KINDS: Record<string, PseudonymKind> = {
  vm: "vm", vmname: "vm", vinfovmname: "vm",
  host: "host", vinfohost: "host", visdkserver: "host", hostname: "host",
  cluster: "cluster", vinfocluster: "cluster",
  datacenter: "dc", vinfodatacenter: "dc",
  dnsname: "dns", vinfoguesthostname: "dns",
  portgroup: "net", switch: "net", vswitch: "net", dvswitch: "net",
  primaryipaddress: "ip", ipv4address: "ip", ipv6address: "ip", ipaddress: "ip", vinfoprimaryipaddress: "ip",
  macaddress: "mac", mac: "mac",
  vmuuid: "uuid", visdkuuid: "uuid", uuid: "uuid", smbiosuuid: "uuid", biosuuid: "uuid", instanceuuid: "uuid", diskuuid: "uuid", vmid: "uuid",
  path: "path", diskpath: "path", vmpath: "path", logdirectory: "path", snapshotdirectory: "path", suspenddirectory: "path", filename: "path",
  folder: "folder", vinfofolder: "folder",
  annotation: "note", notes: "note", vinfoannotation: "note",
  resourcepool: "pool", vapp: "pool",
};

function kindOfHeader(header: string | null): PseudonymKind | null {
  if (!header) return null;
  const h = normalizeHeader(header);
  if (/^network\d*$/.test(h)) return "net";
  return ownValue(HEADER_KINDS, h) ?? null;
}

class Pseudonyms {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<PseudonymKind, number>();

  get(value: string): string | undefined {
    return this.byValue.get(value);
  }

  /** The pseudonym of a value; a value already seen keeps the one it got first, whatever column it is in now. */
  assign(kind: PseudonymKind, value: string): string {
    const known = this.byValue.get(value);
    if (known !== undefined) return known;
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const pseudo = `${kind}-${String(n).padStart(WIDTH[kind], "0")}`;
    this.byValue.set(value, pseudo);
    return pseudo;
  }

  summary(): RedactionSummaryItem[] {
    return KIND_ORDER.filter((k) => (this.counts.get(k) ?? 0) > 0).map((k) => ({ kind: k, count: this.counts.get(k)! }));
  }
}

/** "[ds-01] web01/web01_1.vmdk" -> "[ds-1] vm-0001/vm-0001_1.vmdk": structure kept, every name replaced. */
function redactPath(value: string, names: Pseudonyms): string {
  const m = /^\[([^\]]*)\]\s?(.*)$/.exec(value);
  const rest = m ? m[2] : value;
  const segments = rest.split(/([/\\])/).map((seg) => {
    if (seg === "" || seg === "/" || seg === "\\") return seg;
    const dot = /^(.+?)(\.[A-Za-z0-9]{1,8})?$/.exec(seg)!;
    const base = dot[1];
    const ext = dot[2] ?? "";
    const whole = names.get(seg);
    if (whole) return whole;
    const exact = names.get(base);
    if (exact) return exact + ext;
    // Disk files are named after their VM plus a suffix: web01_1.vmdk, web01-flat.vmdk, web01-000001.vmdk.
    const suffix = /^(.+?)((?:_\d+|-flat|-ctk|-delta|-sesparse|-\d{6}|-[0-9a-f]{8})+)$/.exec(base);
    if (suffix && names.get(suffix[1])) return names.get(suffix[1])! + suffix[2] + ext;
    return names.assign("path", base) + ext;
  });
  return (m ? `[${names.assign("ds", m[1])}] ` : "") + segments.join("");
}

function redactValue(kind: PseudonymKind, value: string, names: Pseudonyms): string {
  if (kind === "path") {
    const known = names.get(value);
    return known ?? redactPath(value, names);
  }
  if (kind === "ip") return value.split(/([,;\s]+)/).map((t, i) => (i % 2 === 1 || t === "" ? t : names.assign("ip", t))).join("");
  return names.assign(kind, value);
}

/** Values in free-text cells that are exactly a known name or address, token by token. */
function redactTokens(text: string, names: Pseudonyms): string {
  const whole = names.get(text);
  if (whole) return whole;
  if (text.length < 3) return text;
  let changed = false;
  const out = text.split(/([\s,;()"'=\[\]<>|]+)/).map((t, i) => {
    if (i % 2 === 1 || t === "") return t;
    const p = names.get(t);
    if (p) {
      changed = true;
      return p;
    }
    return t;
  });
  return changed ? out.join("") : text;
}

/**
 * One table to redact: a sheet or a CSV file. Identifying columns are found
 * from the header; `eachCell` reports every cell below or on the header with
 * its text, so the three collection passes work the same on both.
 */
interface TablePlan {
  headerRow: number;
  kinds: (PseudonymKind | null)[];
  eachCell(fn: (row: number, col: number, text: string | null) => void): void;
}

/** Learns every identifying value first, VM names before the rest, so paths and free text built from names get the name's pseudonym. */
function collectNames(plans: TablePlan[], names: Pseudonyms): void {
  for (const pass of ["vm", "names", "paths"] as const) {
    for (const plan of plans) {
      plan.eachCell((row, col, text) => {
        const kind = row > plan.headerRow ? plan.kinds[col] : null;
        if (!kind || (pass === "vm") !== (kind === "vm") || (pass === "paths") !== (kind === "path")) return;
        if (text !== null && text.trim() !== "") redactValue(kind, text, names);
      });
    }
  }
}

export async function redactWorkbook(data: Uint8Array, fileName: string): Promise<RedactedWorkbook> {
  try {
    return redactWorkbookSync(data, fileName);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError("parse_error", `could not redact the workbook: ${e instanceof Error ? e.message : String(e)}`, { file: fileName });
  }
}

export function redactWorkbookSync(data: Uint8Array, fileName: string): RedactedWorkbook {
  if (!isZip(data)) return redactCsvFiles([{ name: fileName, data }], null, fileName);
  const zip = openZip(data, fileName);
  if (isWorkbookPackage(zip)) return redactXlsx(zip);
  if (csvTabEntries(zip).size > 0) return redactCsvFiles([], zip, fileName);
  throw new AppError("parse_error", "this zip is neither an xlsx workbook nor a zip of RVTools CSV files (RVTools_tabvInfo.csv, ...)", { file: fileName });
}

/**
 * A sheet to redact. Its XML is read again for each pass rather than kept,
 * so redaction holds one sheet's text at a time, however many tabs there are.
 */
interface SheetPlan extends TablePlan {
  path: string;
  xml(): string;
}

function cellTextOf(c: ScannedCell, strings: string[]): string | null {
  if (c.value === null) return null;
  if (c.type === "s") return strings[Number(c.value)] ?? null;
  return c.value;
}

function sheetPlan(path: string, read: () => string, strings: string[]): SheetPlan {
  let headerRow = 0;
  const header: (string | null)[] = [];
  scanCells(read(), (c) => {
    const text = cellTextOf(c, strings);
    if (text === null || text === "" || c.col < 0) return;
    if (headerRow === 0) headerRow = c.row;
    if (c.row !== headerRow) return false;
    header[c.col] = text;
  });
  return {
    path, xml: read, headerRow,
    kinds: Array.from(header, kindOfHeader),
    eachCell: (fn) => scanCells(read(), (c) => fn(c.row, c.col, cellTextOf(c, strings))),
  };
}

function withBom(text: string, bom: boolean): Buffer {
  return Buffer.from((bom ? "\ufeff" : "") + text, "utf8");
}

function redactXlsx(zip: ZipArchive): RedactedWorkbook {
  const fileName = zip.fileName;
  const wb = openWorkbookZip(zip);
  if (wb.sheets.length === 0) throw new AppError("parse_error", "the workbook has no sheets", { file: fileName });
  const strings = sharedStrings(wb);
  const names = new Pseudonyms();
  const plans = wb.sheets.map((sheet) => sheetPlan(sheet.path, () => sheetXml(wb, sheet), strings));
  collectNames(plans, names);

  const stillUsed = new Uint8Array(strings.length);
  let sharedRefs = 0;
  // Rewritten parts are compressed at once, so they do not pile up uncompressed until the zip is written.
  const rewritten = new Map<string, ZipOutEntry>();
  for (const plan of plans) {
    const parts: string[] = [];
    let last = 0;
    const xml = plan.xml();
    scanCells(xml, (c) => {
      const kind = c.row > plan.headerRow ? plan.kinds[c.col] : null;
      const text = cellTextOf(c, strings);
      let replacement: string | null = null;
      if (kind && text !== null && text.trim() !== "") replacement = redactValue(kind, text, names);
      else if (c.row > plan.headerRow && text !== null && c.type !== "s" && c.type !== "n" && c.type !== "b") {
        const r = redactTokens(text, names);
        if (r !== text) replacement = r;
      }
      if (replacement === null) {
        if (c.type === "s" && c.value !== null) {
          stillUsed[Number(c.value)] = 1;
          sharedRefs++;
        }
        return;
      }
      // The rewritten cell uses the element prefix of the cell it replaces ("x:c" stays "x:c").
      const p = prefixOf(c.qname);
      const attrs = c.attrs.replace(/\s+t\s*=\s*("[^"]*"|'[^']*')/, "").replace(/\s+$/, "");
      parts.push(xml.slice(last, c.start), `<${p}c${attrs} t="inlineStr"><${p}is><${p}t xml:space="preserve">${encodeXmlText(replacement)}</${p}t></${p}is></${p}c>`);
      last = c.end;
    });
    parts.push(xml.slice(last));
    rewritten.set(plan.path, compressEntry(plan.path, withBom(parts.join(""), partHasBom(zip, plan.path))));
  }

  if (wb.sharedStringsPath) rewritten.set(wb.sharedStringsPath, compressEntry(wb.sharedStringsPath, rewriteSharedStrings(wb, strings, stillUsed, sharedRefs, names)));
  scrubDocProps(zip, rewritten);

  const out: ZipOutEntry[] = [...zip.entries.entries()].map(([key, entry]) => {
    const done = rewritten.get(key);
    return done !== undefined ? { ...done, name: entry.name } : { name: entry.name, copyFrom: zip, entry };
  });
  return { data: writeZip(out), summary: names.summary(), format: "xlsx" };
}

/**
 * Shared strings no longer referenced (all their cells were rewritten inline)
 * are emptied, so the originals do not linger in the file; the rest get the
 * same token replacement as inline text.
 */
function rewriteSharedStrings(wb: Workbook, strings: string[], stillUsed: Uint8Array, refs: number, names: Pseudonyms): Buffer {
  const path = wb.sharedStringsPath!;
  const xml = readPartText(wb.zip, path) ?? "";
  let open = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  for (let tag = nextTag(xml, 0); tag; tag = nextTag(xml, tag.end)) {
    if (tag.is("sst") && tag.kind !== "close") {
      open = `<${tag.qname}${tag.attrs}>`;
      break;
    }
  }
  const p = prefixOf(/^<([^\s>]+)/.exec(open)![1]);
  const items = strings.map((s, i) => {
    const text = stillUsed[i] ? redactTokens(s, names) : "";
    return `<${p}si><${p}t xml:space="preserve">${encodeXmlText(text)}</${p}t></${p}si>`;
  });
  const sstOpen = open
    .replace(/\s+count\s*=\s*("[^"]*"|'[^']*')/, ` count="${refs}"`)
    .replace(/\s+uniqueCount\s*=\s*("[^"]*"|'[^']*')/, ` uniqueCount="${strings.length}"`);
  const body = items.join("");
  if (parseSharedStrings(body).length !== strings.length) throw new AppError("internal", "shared string table changed length while redacting");
  return withBom(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${sstOpen}${body}</${p}sst>`, partHasBom(wb.zip, path));
}

/**
 * Document properties name the person who ran RVTools (creator, last modified
 * by) and often the company. Found through the package relationships: Excel
 * writes docProps/core.xml, the OpenXML SDK a
 * package/services/metadata/core-properties/<id>.psmdcp part.
 */
function scrubDocProps(zip: ZipArchive, rewritten: Map<string, ZipOutEntry>): void {
  const rels = readRelationships(zip, "");
  const core = new Set([...rels.filter((r) => r.type.endsWith("/metadata/core-properties")).map((r) => r.target), "docProps/core.xml"]);
  const app = new Set([...rels.filter((r) => r.type.endsWith("/extended-properties")).map((r) => r.target), "docProps/app.xml"]);
  for (const path of core) {
    const xml = readPartText(zip, path);
    if (xml === null) continue;
    const scrubbed = xml.replace(
      /<((?:[\w.-]+:)?(?:creator|lastModifiedBy|title|subject|description|keywords))(\s[^>]*)?>[^<]*<\/\1>/g,
      (_, name: string, attrs: string | undefined) => `<${name}${attrs ?? ""}>redacted</${name}>`,
    );
    rewritten.set(path, compressEntry(path, withBom(scrubbed, partHasBom(zip, path))));
  }
  for (const path of app) {
    const xml = readPartText(zip, path);
    if (xml === null) continue;
    rewritten.set(path, compressEntry(path, withBom(xml.replace(/<((?:[\w.-]+:)?(?:Company|Manager))(\s[^>]*)?>[^<]*<\/\1>/g, "<$1$2></$1>"), partHasBom(zip, path))));
  }
}

/** RVTools's per-tab CSV files, one alone or every .csv of a zip: same delimiter, quoting, line ends and byte-order mark. */
function redactCsvFiles(loose: { name: string; data: Uint8Array }[], zip: ZipArchive | null, fileName: string): RedactedWorkbook {
  const files = zip
    ? [...zip.entries.values()].filter((e) => /\.csv$/i.test(e.name)).map((e) => ({ name: e.name, data: readEntry(zip, e.name.replace(/^\/+/, "")) ?? Buffer.alloc(0) }))
    : loose;
  const tables = files.map((f) => {
    const parsed = readCsvRecords(f.data, zip ? `${fileName}: ${f.name}` : fileName);
    const headerIndex = parsed.records.findIndex((r) => r.fields.some((v) => v.trim() !== ""));
    const header = headerIndex >= 0 ? parsed.records[headerIndex].fields.map((h) => h.trim()) : [];
    const plan: TablePlan = {
      headerRow: headerIndex,
      kinds: header.map(kindOfHeader),
      eachCell: (fn) => parsed.records.forEach((r, i) => r.fields.forEach((v, col) => fn(i, col, v.trim() === "" ? null : v))),
    };
    return { ...f, parsed, plan };
  });
  if (!zip && !tables[0].plan.kinds.some((k) => k !== null)) {
    throw new AppError("parse_error", "not an RVTools workbook or CSV export: no column such as VM, Host or Path in the first line", { file: fileName });
  }
  const names = new Pseudonyms();
  collectNames(tables.map((t) => t.plan), names);

  const rewritten = new Map<string, Buffer>();
  for (const t of tables) {
    const { records, delimiter, newline, bom, trailingNewline } = t.parsed;
    const lines = records.map((r, i) =>
      r.fields.map((v, col) => {
        const kind = i > t.plan.headerRow ? t.plan.kinds[col] : null;
        // Control characters never leave the tool, as they never reach the site (the xlsx path drops them too).
        let out = stripControlChars(v);
        if (kind && out.trim() !== "") out = redactValue(kind, out, names);
        else if (i > t.plan.headerRow && out.trim() !== "") out = redactTokens(out, names);
        return writeCsvField(out, delimiter, r.quoted[col]);
      }).join(delimiter));
    rewritten.set(t.name, withBom(lines.join(newline) + (trailingNewline ? newline : ""), bom));
  }
  if (!zip) return { data: rewritten.get(fileName)!, summary: names.summary(), format: "csv" };
  const out: ZipOutEntry[] = [...zip.entries.values()].map((entry) => {
    const content = rewritten.get(entry.name);
    return content !== undefined ? { name: entry.name, content } : { name: entry.name, copyFrom: zip, entry };
  });
  return { data: writeZip(out), summary: names.summary(), format: "csv-zip" };
}

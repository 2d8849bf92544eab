import { ownValue } from "@/lib/own-key";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { normalizeHeader } from "./columns";
import {
  encodeXmlText, parseSharedStrings, readSheetRows, scanCells, sheetXml, openWorkbook, sharedStrings, type Workbook,
} from "./xlsx";
import { readEntryText, writeZip, type ZipOutEntry } from "./zip";

/**
 * Rewrites an RVTools workbook with every identifying value replaced by a
 * stable pseudonym, so an admin can share the file (with us, or in a support
 * thread) without revealing names, addresses or paths. Works on the XML
 * directly: the same sheets, columns, rows and styles come out, untouched
 * parts are copied without recompressing, and a 10,000-VM export takes a
 * couple of seconds rather than an exceljs load/save round trip.
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

interface SheetPlan {
  path: string;
  xml: string;
  headerRow: number;
  kinds: (PseudonymKind | null)[];
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
  const wb = openWorkbook(data, fileName);
  if (wb.sheets.length === 0) throw new AppError("parse_error", "the workbook has no sheets", { file: fileName });
  const strings = sharedStrings(wb);
  const names = new Pseudonyms();

  const plans: SheetPlan[] = wb.sheets.map((sheet) => {
    const rows = readSheetRows(wb, sheet);
    const header = rows.find((r) => r.cells.some((c) => c !== null));
    return { path: sheet.path, xml: sheetXml(wb, sheet), headerRow: header?.rowNumber ?? 0, kinds: header ? header.cells.map(kindOfHeader) : [] };
  });

  // VM names first, so that paths and free text built from them get the VM's pseudonym.
  const cellText = (type: string, value: string | null) => (value === null ? null : type === "s" ? strings[Number(value)] ?? null : value);
  for (const pass of ["vm", "names", "paths"] as const) {
    for (const plan of plans) {
      scanCells(plan.xml, (c) => {
        const kind = c.row > plan.headerRow ? plan.kinds[c.col] : null;
        if (!kind || (pass === "vm") !== (kind === "vm") || (pass === "paths") !== (kind === "path")) return;
        const text = cellText(c.type, c.value);
        if (text !== null && text.trim() !== "") redactValue(kind, text, names);
      });
    }
  }

  const stillUsed = new Uint8Array(strings.length);
  let sharedRefs = 0;
  const rewritten = new Map<string, string>();
  for (const plan of plans) {
    const parts: string[] = [];
    let last = 0;
    scanCells(plan.xml, (c) => {
      const kind = c.row > plan.headerRow ? plan.kinds[c.col] : null;
      const text = cellText(c.type, c.value);
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
      const attrs = c.attrs.replace(/\s+t="[^"]*"/, "");
      parts.push(plan.xml.slice(last, c.start), `<c${attrs} t="inlineStr"><is><t xml:space="preserve">${encodeXmlText(replacement)}</t></is></c>`);
      last = c.end;
    });
    parts.push(plan.xml.slice(last));
    rewritten.set(plan.path, parts.join(""));
  }

  if (wb.sharedStringsPath) rewritten.set(wb.sharedStringsPath, rewriteSharedStrings(wb, strings, stillUsed, sharedRefs, names));
  scrubDocProps(wb, rewritten);

  const out: ZipOutEntry[] = [...wb.zip.entries.entries()].map(([name, entry]) => {
    const content = rewritten.get(name);
    return content !== undefined ? { name, content: Buffer.from(content, "utf8") } : { name, copyFrom: wb.zip, entry };
  });
  return { data: writeZip(out), summary: names.summary() };
}

/**
 * Shared strings no longer referenced (all their cells were rewritten inline)
 * are emptied, so the originals do not linger in the file; the rest get the
 * same token replacement as inline text.
 */
function rewriteSharedStrings(wb: Workbook, strings: string[], stillUsed: Uint8Array, refs: number, names: Pseudonyms): string {
  const xml = readEntryText(wb.zip, wb.sharedStringsPath!) ?? "";
  const items = strings.map((s, i) => {
    const text = stillUsed[i] ? redactTokens(s, names) : "";
    return `<si><t xml:space="preserve">${encodeXmlText(text)}</t></si>`;
  });
  const open = /<sst\b[^>]*>/.exec(xml)?.[0] ?? '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  const sstOpen = open.replace(/\s+count="\d+"/, ` count="${refs}"`).replace(/\s+uniqueCount="\d+"/, ` uniqueCount="${strings.length}"`);
  const check = parseSharedStrings(items.join(""));
  if (check.length !== strings.length) throw new AppError("internal", "shared string table changed length while redacting");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${sstOpen}${items.join("")}</sst>`;
}

/** Document properties name the person who ran RVTools (creator, last modified by) and often the company. */
function scrubDocProps(wb: Workbook, rewritten: Map<string, string>): void {
  const core = readEntryText(wb.zip, "docProps/core.xml");
  if (core !== null) {
    rewritten.set("docProps/core.xml", core.replace(/<(dc:creator|cp:lastModifiedBy|dc:title|dc:subject|dc:description|cp:keywords)>[^<]*<\/\1>/g, "<$1>redacted</$1>"));
  }
  const app = readEntryText(wb.zip, "docProps/app.xml");
  if (app !== null) rewritten.set("docProps/app.xml", app.replace(/<(Company|Manager)>[^<]*<\/\1>/g, "<$1></$1>"));
}

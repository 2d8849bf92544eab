import { AppError } from "@/lib/errors/app-error";
import { readCsvTable } from "./csv";
import { csvTabEntries, type RvtoolsTab } from "./csv-zip";
import { findSheet, isWorkbookPackage, openWorkbookZip, readSheetRows, type SheetRow } from "./xlsx";
import { isZip, openZip, readEntry, type ZipArchive } from "./zip";

export { RVTOOLS_TABS } from "./csv-zip";

export interface RvtoolsSheet {
  name: string;
  header: (string | null)[];
  rows: SheetRow[];
}

/** The RVTools tabs vmcompare reads, as rows of text cells. Only vInfo is required. */
export interface RvtoolsRaw {
  /** "xlsx": a workbook; "csv": one vInfo CSV; "csv-zip": a zip of RVTools's per-tab CSV files. */
  source: "xlsx" | "csv" | "csv-zip";
  vInfo: RvtoolsSheet;
  vCPU: RvtoolsSheet | null;
  vMemory: RvtoolsSheet | null;
  vDisk: RvtoolsSheet | null;
  vNetwork: RvtoolsSheet | null;
  /** "RVTools version" from the vMetaData tab (RVTools 4.x), e.g. "4.7.1.4"; null when absent. */
  rvtoolsVersion: string | null;
}

function toSheet(name: string, rows: SheetRow[]): RvtoolsSheet {
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => c != null));
  if (headerIndex < 0) return { name, header: [], rows: [] };
  return { name, header: rows[headerIndex].cells, rows: rows.slice(headerIndex + 1) };
}

function versionFrom(meta: RvtoolsSheet | null): string | null {
  if (!meta) return null;
  const col = meta.header.findIndex((h) => h != null && /^rvtools\s*version$/i.test(h.trim()));
  const value = col >= 0 ? meta.rows[0]?.cells[col] : undefined;
  return value ? value.slice(0, 32) : null;
}

function missingVInfo(fileName: string, found: string[]): AppError {
  const list = found.slice(0, 8).join(", ") || "none";
  return new AppError("parse_error", `the export has no vInfo tab, the one tab an RVTools export always has (found: ${list})`, { file: fileName, field: "vInfo" });
}

export function readRvtools(data: Uint8Array, fileName: string): RvtoolsRaw {
  if (!isZip(data)) return parseRvtoolsCsv(data, fileName);
  const zip = openZip(data, fileName);
  if (isWorkbookPackage(zip)) return parseRvtoolsXlsx(zip);
  if (csvTabEntries(zip).size > 0) return parseRvtoolsCsvZip(zip);
  throw new AppError("parse_error", "this zip is neither an xlsx workbook nor a zip of RVTools CSV files (RVTools_tabvInfo.csv, ...)", { file: fileName });
}

export function parseRvtoolsXlsx(zip: ZipArchive): RvtoolsRaw {
  const wb = openWorkbookZip(zip);
  const read = (tab: string): RvtoolsSheet | null => {
    const ref = findSheet(wb, tab);
    return ref ? toSheet(ref.name, readSheetRows(wb, ref)) : null;
  };
  const vInfo = read("vInfo");
  if (!vInfo) throw missingVInfo(zip.fileName, wb.sheets.map((s) => s.name));
  return {
    source: "xlsx", vInfo, vCPU: read("vCPU"), vMemory: read("vMemory"), vDisk: read("vDisk"), vNetwork: read("vNetwork"),
    rvtoolsVersion: versionFrom(read("vMetaData")),
  };
}

/** A zip of "Export all to csv" files; tabs are recognised by file name (RVTools_tabvInfo.csv). */
export function parseRvtoolsCsvZip(zip: ZipArchive): RvtoolsRaw {
  const entries = csvTabEntries(zip);
  const read = (tab: RvtoolsTab): RvtoolsSheet | null => {
    const name = entries.get(tab);
    if (!name) return null;
    const data = readEntry(zip, name);
    return data ? toSheet(tab, readCsvTable(data, `${zip.fileName}: ${name}`, tab).rows) : null;
  };
  const vInfo = read("vInfo");
  if (!vInfo) throw missingVInfo(zip.fileName, [...entries.values()]);
  return {
    source: "csv-zip", vInfo, vCPU: read("vCPU"), vMemory: read("vMemory"), vDisk: read("vDisk"), vNetwork: read("vNetwork"),
    rvtoolsVersion: versionFrom(read("vMetaData")),
  };
}

/** One CSV: RVTools writes one file per tab and only vInfo carries whole VMs, so it is read as vInfo. */
export function parseRvtoolsCsv(data: Uint8Array, fileName: string): RvtoolsRaw {
  const vInfo = toSheet("vInfo", readCsvTable(data, fileName).rows);
  return { source: "csv", vInfo, vCPU: null, vMemory: null, vDisk: null, vNetwork: null, rvtoolsVersion: null };
}

import Papa from "papaparse";
import { AppError } from "@/lib/errors/app-error";
import { decodeText } from "@/lib/formats/vsphere-json/json-util";
import { findSheet, openWorkbook, readSheetRows, type SheetRow } from "./xlsx";
import { isZip } from "./zip";

export interface RvtoolsSheet {
  name: string;
  header: (string | null)[];
  rows: SheetRow[];
}

/** The RVTools tabs vmcompare reads, as rows of text cells. Only vInfo is required. */
export interface RvtoolsRaw {
  source: "xlsx" | "csv";
  vInfo: RvtoolsSheet;
  vCPU: RvtoolsSheet | null;
  vMemory: RvtoolsSheet | null;
  vDisk: RvtoolsSheet | null;
  vNetwork: RvtoolsSheet | null;
}

export const RVTOOLS_TABS = ["vInfo", "vCPU", "vMemory", "vDisk", "vNetwork"] as const;

function toSheet(name: string, rows: SheetRow[]): RvtoolsSheet {
  const headerIndex = rows.findIndex((r) => r.cells.some((c) => c !== null));
  if (headerIndex < 0) return { name, header: [], rows: [] };
  return { name, header: rows[headerIndex].cells, rows: rows.slice(headerIndex + 1) };
}

export function parseRvtoolsRaw(data: Uint8Array, fileName: string): RvtoolsRaw {
  return isZip(data) ? parseRvtoolsXlsx(data, fileName) : parseRvtoolsCsv(data, fileName);
}

export function parseRvtoolsXlsx(data: Uint8Array, fileName: string): RvtoolsRaw {
  const wb = openWorkbook(data, fileName);
  const read = (tab: string): RvtoolsSheet | null => {
    const ref = findSheet(wb, tab);
    return ref ? toSheet(ref.name, readSheetRows(wb, ref)) : null;
  };
  const vInfo = read("vInfo");
  if (!vInfo) {
    throw new AppError("parse_error", `the workbook has no vInfo sheet (sheets: ${wb.sheets.map((s) => s.name).slice(0, 8).join(", ") || "none"})`, { file: fileName, field: "vInfo" });
  }
  return { source: "xlsx", vInfo, vCPU: read("vCPU"), vMemory: read("vMemory"), vDisk: read("vDisk"), vNetwork: read("vNetwork") };
}

/** RVTools "Export to csv" writes one file per tab (RVTools_tabvInfo.csv); only vInfo carries whole VMs. */
export function parseRvtoolsCsv(data: Uint8Array, fileName: string): RvtoolsRaw {
  const text = decodeText(data);
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: "greedy" });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) {
    throw new AppError("parse_error", `CSV quoting is broken: ${fatal.message}`, { file: fileName, line: (fatal.row ?? 0) + 1 });
  }
  const rows: SheetRow[] = parsed.data.map((cells, i) => ({
    rowNumber: i + 1,
    cells: cells.map((c) => (c.trim() === "" ? null : c.trim())),
  }));
  return { source: "csv", vInfo: toSheet("vInfo", rows), vCPU: null, vMemory: null, vDisk: null, vNetwork: null };
}

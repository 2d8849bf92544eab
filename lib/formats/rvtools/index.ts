import { AppError, isAppError } from "@/lib/errors/app-error";
import { MAX_CONFIG_BYTES, type FormatParser, type ParseInput } from "@/lib/formats/types";
import { type ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "@/lib/formats/util/text";
import { normalizeHeader } from "./columns";
import { csvTabEntries } from "./csv-zip";
import { mapRvtools } from "./map";
import { readRvtools } from "./read";
import { findSheet, isWorkbookPackage, openWorkbookZip } from "./xlsx";
import { isZip, openZip } from "./zip";

/** An xlsx with a vInfo sheet (any namespace prefix), or a zip of RVTools's per-tab CSV files with a vInfo one. */
function sniffZip(input: ParseInput): number {
  const zip = openZip(input.data, input.fileName);
  if (isWorkbookPackage(zip)) return findSheet(openWorkbookZip(zip), "vInfo") ? 0.95 : 0;
  return csvTabEntries(zip).has("vInfo") ? 0.9 : 0;
}

function sniffCsv(input: ParseInput): number {
  const firstLine = decodeText(input.data.subarray(0, 8192)).split(/\r?\n/, 1)[0] ?? "";
  const headers = firstLine.split(/[,;\t]/).map((h) => normalizeHeader(h.replace(/^"|"$/g, "")));
  const has = (...names: string[]) => names.some((n) => headers.includes(n));
  if (has("vm", "vinfovmname") && has("cpus", "vinfocpus") && has("memory", "vinfomemory", "memorymb")) return has("powerstate", "vinfopowerstate") ? 0.9 : 0.7;
  return 0;
}

export const rvtoolsParser: FormatParser = {
  format: "rvtools",
  label: "RVTools export (xlsx, vInfo csv, or a zip of its per-tab csv files)",
  extensions: [".xlsx", ".csv", ".zip"],
  sniff(input: ParseInput): number {
    try {
      return isZip(input.data) ? sniffZip(input) : sniffCsv(input);
    } catch {
      return 0;
    }
  },
  parse(input: ParseInput): ParseResult {
    try {
      if (!isZip(input.data) && input.data.length > MAX_CONFIG_BYTES * 16) {
        throw new AppError("too_large", `an RVTools CSV is at most ${(MAX_CONFIG_BYTES * 16) / 2 ** 20} MiB`, { file: input.fileName });
      }
      return mapRvtools(readRvtools(input.data, input.fileName), input.fileName);
    } catch (e) {
      if (isAppError(e)) throw e;
      throw new AppError("parse_error", `could not read the RVTools export: ${e instanceof Error ? e.message : String(e)}`, { file: input.fileName });
    }
  },
};

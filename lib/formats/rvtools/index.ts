import { AppError } from "@/lib/errors/app-error";
import { MAX_CONFIG_BYTES, type ParseInput } from "@/lib/formats/types";
import { defineParser } from "@/lib/formats/util/define-parser";
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

export const rvtoolsParser = defineParser({
  format: "rvtools",
  label: "RVTools export (xlsx, vInfo csv, or a zip of its per-tab csv files)",
  extensions: [".xlsx", ".csv", ".zip"],
  reads: "the RVTools export",
  sniff: (input) => (isZip(input.data) ? sniffZip(input) : sniffCsv(input)),
  parse(input: ParseInput): ParseResult {
    if (!isZip(input.data) && input.data.length > MAX_CONFIG_BYTES * 16) {
      throw new AppError("too_large", `an RVTools CSV is at most ${(MAX_CONFIG_BYTES * 16) / 2 ** 20} MiB`, { file: input.fileName });
    }
    return mapRvtools(readRvtools(input.data, input.fileName), input.fileName);
  },
});

import type { EstateReport } from "@/lib/compare/estate-report";
import { estateTables } from "./estate-tables";
import { streamDeflate, writeXlsx, type DeflateRaw } from "./xlsx-writer";

/**
 * The estate report as an XLSX workbook: one sheet per view (VMs, reclaimable capacity, totals, distributions,
 * checks), numbers written as numbers so Excel sorts and sums them, unknown as an empty cell. Built where it is
 * asked for (the browser), so the uploader's VM names never travel back to the server.
 */
export function estateXlsx(r: EstateReport, deflate: DeflateRaw | undefined = streamDeflate()): Promise<Uint8Array> {
  return writeXlsx(estateTables(r), { deflate });
}

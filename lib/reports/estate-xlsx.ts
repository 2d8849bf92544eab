import type { EstateReport } from "@/lib/compare/estate-report";
import { estateTables } from "./estate-tables";

/**
 * The estate report as an XLSX workbook: one sheet per view, numbers written as numbers (so Excel sorts and
 * sums them), unknown as an empty cell. exceljs is loaded when called, so the page does not carry it until a
 * download is asked for; it runs in the browser and in Node alike.
 */
export async function estateXlsx(r: EstateReport): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "vmcompare";
  wb.created = new Date(r.generatedAt);
  for (const t of estateTables(r)) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((c) => (c === null ? undefined : c)));
    ws.columns.forEach((col, i) => {
      col.width = Math.min(60, Math.max(8, t.header[i]?.length ?? 8) + 2);
    });
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

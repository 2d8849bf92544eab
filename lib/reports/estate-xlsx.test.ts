import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildEstateReport, type EstateVm } from "@/lib/compare/estate-report";
import { emptyGroupStats, applyPoint } from "@/lib/compare/frequency";
import { estateCsv } from "./estate-tables";
import { estateXlsx } from "./estate-xlsx";
import { writeXlsx } from "./xlsx-writer";

const vm = (label: string, vcpus: number, cpu: number | null): EstateVm => ({
  label, row: 1, tags: [], vcpus, memoryMiB: vcpus * 4096, totalDiskGiB: null, guestFamily: "windows", guestName: null,
  nicModels: ["e1000"], checks: [],
  utilization: cpu == null ? [] : [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: cpu }],
});

function report() {
  const all = emptyGroupStats();
  for (let i = 0; i < 30; i++) applyPoint(all, { vcpus: 2, memoryMiB: 8192, totalDiskGiB: 50, diskCount: 1, nicCount: 1, hypervisor: null, guestOs: "windows", firmware: null, nicModels: [], year: 2026 }, 1);
  return buildEstateReport({ vms: [vm("=cmd|' /C calc'!A0", 16, 3), vm("db <01> & co", 2, null)], groups: new Map([["all", all], ["family:windows", all]]), usage: new Map(), source: "upload", now: new Date("2026-12-04T00:00:00Z") });
}

async function read(data: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  return wb;
}

describe("estate report XLSX", () => {
  it("has one sheet per view, numbers as numbers and unknown as empty, read back by exceljs", async () => {
    for (const deflate of [undefined, async (d: Uint8Array) => new Uint8Array(deflateRawSync(d))]) {
      const wb = await read(await estateXlsx(report(), deflate));
      expect(wb.worksheets.map((w) => w.name)).toEqual(["VMs", "Reclaimable", "Totals", "Distribution", "Checks"]);
      const vms = wb.getWorksheet("VMs")!;
      const header = (vms.getRow(1).values as unknown[]).slice(1);
      const col = (name: string) => header.indexOf(name) + 1;
      expect(vms.getRow(2).getCell(col("VM")).value).toBe("=cmd|' /C calc'!A0"); // text, never a formula
      expect(vms.getRow(2).getCell(col("vCPUs")).value).toBe(16);
      expect(vms.getRow(2).getCell(col("vCPU percentile")).value).toBe(100);
      expect(vms.getRow(2).getCell(col("Flags")).value).toBe("oversized");
      expect(vms.getRow(2).getCell(col("Reclaimable vCPUs")).value).toBe(14);
      expect(vms.getRow(3).getCell(col("VM")).value).toBe("db <01> & co");
      expect(vms.getRow(3).getCell(col("CPU %")).value).toBeNull(); // unknown: no cell, not 0
      const totals = wb.getWorksheet("Totals")!;
      expect(totals.getRow(2).values).toEqual([undefined, "VMs", 2]);
    }
  });

  it("keeps every sheet name valid and unique, and control characters out of the XML", async () => {
    const wb = await read(await writeXlsx([
      { name: "a/b:c*d?e[f]g\\h and a name longer than thirty-one", header: ["x"], rows: [["bell\u0007 tab\t"]] },
      { name: "a/b:c*d?e[f]g\\h and a name longer than thirty-one", header: ["y"], rows: [] },
    ]));
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(2);
    expect(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n))).toBe(true);
    expect(wb.worksheets[0].getRow(2).getCell(1).value).toBe("bell tab\t");
  });

  it("writes CSV with formulas neutralised", () => {
    const csv = estateCsv(report());
    expect(csv.split("\r\n")[1].startsWith(`"'=cmd|' /C calc'!A0"`) || csv.split("\r\n")[1].startsWith("'=cmd")).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { rvtoolsParser } from "./index";
import { readRvtools } from "./read";
import { redactWorkbookSync } from "./redact-workbook";
import { findSheet, MAX_SHARED_STRINGS, MAX_SHEET_ROWS, openWorkbook, readSheetRows } from "./xlsx";
import { writeZip } from "./zip";

/**
 * Hostile workbooks, generated here (nothing binary is committed). Each must
 * end in a clean AppError or in a result whose size is bounded by the cells
 * that hold a value, never in memory proportional to the sheet's extent.
 */
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

function workbook(sheetXml: string, sst?: string, sheetName = "vInfo"): Buffer {
  const parts: [string, string][] = [
    ["[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ["_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    ["xl/workbook.xml", `<workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ["xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'],
    ["xl/worksheets/sheet1.xml", sheetXml],
  ];
  if (sst !== undefined) parts.push(["xl/sharedStrings.xml", sst]);
  return writeZip(parts.map(([name, text]) => ({ name, content: Buffer.from(text, "utf8") })));
}

const HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>VM</t></is></c><c r="B1" t="inlineStr"><is><t>CPUs</t></is></c><c r="C1" t="inlineStr"><is><t>Memory</t></is></c></row>';

function rows(n: number, row: (r: number) => string, from = 2): string {
  const out: string[] = [];
  for (let r = from; r < from + n; r++) out.push(row(r));
  return out.join("");
}

function heapGrowthMiB(fn: () => void): number {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  try {
    fn();
  } finally {
    clearInterval(timer);
  }
  return (Math.max(peak, process.memoryUsage().heapUsed) - before) / 2 ** 20;
}

function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
}

describe("hostile workbooks", () => {
  it("reads 60,000 rows each holding one empty cell in column XFD without filling the rows (issue 14, defect 1)", () => {
    const sheet = `<worksheet ${NS}><sheetData>${HEADER}${rows(60_000, (r) => `<row r="${r}"><c r="XFD${r}"/></row>`)}</sheetData></worksheet>`;
    const data = workbook(sheet);
    expect(data.length).toBeLessThan(1024 * 1024);
    let refused: unknown;
    const growth = heapGrowthMiB(() => {
      refused = errorOf(() => rvtoolsParser.parse({ fileName: "sparse.xlsx", data }));
    });
    // Headers and empty rows hold no VM: a clean refusal naming the tab, not "0 VMs".
    expect(isAppError(refused) && refused.code).toBe("parse_error");
    expect(isAppError(refused) && refused.field).toBe("vInfo");
    // The reader keeps only the header: 3 values.
    const wb = openWorkbook(data, "sparse.xlsx");
    const read = readSheetRows(wb, findSheet(wb, "vInfo")!);
    expect(read).toHaveLength(1);
    expect(Object.keys(read[0].cells)).toEqual(["0", "1", "2"]);
    expect(growth).toBeLessThan(256);
  });

  it("stores one entry for a value in column XFD, over 60,000 rows, and without a header it is a clean parse_error", () => {
    const sheet = `<worksheet ${NS}><sheetData>${rows(60_000, (r) => `<row r="${r}"><c r="XFD${r}" t="inlineStr"><is><t>x</t></is></c></row>`, 1)}</sheetData></worksheet>`;
    const data = workbook(sheet);
    const wb = openWorkbook(data, "far.xlsx");
    const read = readSheetRows(wb, findSheet(wb, "vInfo")!);
    expect(read).toHaveLength(60_000);
    expect(read.every((r) => Object.keys(r.cells).length === 1 && r.cells[16383] === "x")).toBe(true);
    const e = errorOf(() => rvtoolsParser.parse({ fileName: "far.xlsx", data }));
    expect(isAppError(e) && e.code).toBe("parse_error");
    expect((e as Error).message).toMatch(/vInfo has no "vm" column/);
  });

  it("refuses a sheet with more rows holding values than the cap, naming the file and the sheet", () => {
    const sheet = `<worksheet ${NS}><sheetData>${HEADER}${rows(MAX_SHEET_ROWS + 1, (r) => `<row r="${r}"><c r="B${r}"><v>1</v></c></row>`)}</sheetData></worksheet>`;
    const e = errorOf(() => rvtoolsParser.parse({ fileName: "tall.xlsx", data: workbook(sheet) }));
    expect(e).toMatchObject({ code: "too_large", file: "tall.xlsx", field: "vInfo" });
    expect((e as Error).message).toMatch(/sheet vInfo holds more than 500,000 rows/);
  });

  it("refuses more shared strings than the cap, one string past Excel's cell limit, and too many characters in all", () => {
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`;
    const many = `<sst ${NS}>${"<si><t>a</t></si>".repeat(MAX_SHARED_STRINGS + 1)}</sst>`;
    expect(errorOf(() => rvtoolsParser.parse({ fileName: "many.xlsx", data: workbook(sheet, many) }))).toMatchObject({ code: "too_large", file: "many.xlsx", field: "sharedStrings" });
    const huge = `<sst ${NS}><si><t>${"a".repeat(40 * 1024 * 1024)}</t></si></sst>`;
    const hugeErr = errorOf(() => rvtoolsParser.parse({ fileName: "huge.xlsx", data: workbook(sheet, huge) }));
    expect(hugeErr).toMatchObject({ code: "too_large", file: "huge.xlsx" });
    expect((hugeErr as Error).message).toMatch(/32,767-character cell limit/);
    const total = `<sst ${NS}>${`<si><t>${"b".repeat(32_000)}</t></si>`.repeat(1100)}</sst>`;
    expect((errorOf(() => rvtoolsParser.parse({ fileName: "total.xlsx", data: workbook(sheet, total) })) as Error).message).toMatch(/shared strings hold more than/);
  });

  it("scans unclosed cells and strings in one pass and ends in a result or a clean error", () => {
    const sheet = `<worksheet ${NS}><sheetData>${HEADER}${'<row r="2"><c r="A2" t="inlineStr"><is><t>vm-1'.repeat(20_000)}`;
    const sst = `<sst ${NS}>${"<si><t>x".repeat(50_000)}`;
    const e = errorOf(() => rvtoolsParser.parse({ fileName: "open.xlsx", data: workbook(sheet, sst) }));
    expect(e === null || isAppError(e)).toBe(true);
  });

  it("decodes _xHHHH_ escapes and drops NUL and other control characters from every cell (issue 14, defect 9)", () => {
    const sst = `<sst ${NS}><si><t>web_x0000_-01</t></si><si><t>Linux_x0001_ &#1;(64-bit)_x000D_</t></si><si><t>literal _x005F_x0000_ stays</t></si></sst>`;
    const sheet = `<worksheet ${NS}><sheetData>`
      + '<row r="1"><c r="A1" t="inlineStr"><is><t>VM</t></is></c><c r="B1" t="inlineStr"><is><t>CPUs</t></is></c><c r="C1" t="inlineStr"><is><t>Memory</t></is></c><c r="D1" t="inlineStr"><is><t>OS according to the configuration file</t></is></c><c r="E1" t="inlineStr"><is><t>Annotation</t></is></c></row>'
      + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>2</v></c><c r="C2"><v>4096</v></c><c r="D2" t="s"><v>1</v></c><c r="E2" t="s"><v>2</v></c></row>'
      + '<row r="3"><c r="A3" t="inlineStr"><is><t>db_x0000__x0000_02</t></is></c><c r="B3"><v>4</v></c><c r="C3"><v>8192</v></c></row>'
      + "</sheetData></worksheet>";
    const { vms } = rvtoolsParser.parse({ fileName: "nul.xlsx", data: workbook(sheet, sst) });
    expect(vms.map((v) => v.vm.name)).toEqual(["web-01", "db02"]);
    expect(vms[0].vm.guestOs.name).toBe("Linux (64-bit)\r");
    expect(vms[0].identifying.other).toContain("literal _x0000_ stays");
    const all = JSON.stringify(vms);
    expect(all).not.toMatch(/\\u000[0-8]/);

    const csv = Buffer.from("VM,CPUs,Memory\nmail\u0000-gw,2,4096\n", "utf8");
    expect(rvtoolsParser.parse({ fileName: "RVTools_tabvInfo.csv", data: csv }).vms[0].vm.name).toBe("mail-gw");
  });

  it("refuses a CSV line with more fields than a sheet has columns, naming the line", () => {
    const csv = Buffer.from(`VM,CPUs,Memory\n${",".repeat(20_000)}\n`);
    expect(errorOf(() => readRvtools(csv, "wide.csv"))).toMatchObject({ code: "too_large", file: "wide.csv", line: 2 });
  });

  it("redacts the sparse XFD workbook without filling rows either", () => {
    const sheet = `<worksheet ${NS}><sheetData>${HEADER}${rows(60_000, (r) => `<row r="${r}"><c r="XFD${r}"/></row>`)}</sheetData></worksheet>`;
    const data = workbook(sheet);
    let size = 0;
    const growth = heapGrowthMiB(() => {
      size = redactWorkbookSync(data, "sparse.xlsx").data.length;
    });
    expect(size).toBeGreaterThan(0);
    expect(growth).toBeLessThan(256);
  });
});

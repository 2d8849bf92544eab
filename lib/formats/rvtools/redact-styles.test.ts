import ExcelJS from "exceljs";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { rvtoolsParser } from "./index";
import { redactWorkbookSync } from "./redact-workbook";
import { sampleSpec, writeCsvExport, writeCsvZip, writeWorkbook, type WorkbookSpec } from "./workbook-generator.test-support";
import { openZip, readEntry, writeZip } from "./zip";

/** Every identifying value the sample export holds (see sampleSpec and the generator's fixed columns). */
function identifying(spec: WorkbookSpec): string[] {
  return [
    ...spec.vms.flatMap((v) => [v.name, v.uuid, `[ds-01] ${v.name}/${v.name}.vmx`, ...v.nics.map((n) => n.network)]),
    "esx01.test.example", "vcsa.test.example", "Jane Admin",
  ];
}

function partsOf(data: Buffer): Map<string, Buffer> {
  const zip = openZip(data, "t.zip");
  return new Map([...zip.entries.keys()].map((n) => [n, readEntry(zip, n)!]));
}

/**
 * exceljs cannot read prefixed SpreadsheetML (exceljs/exceljs#1437), so for
 * the OpenXML SDK style the test rewrites the package to the Excel style first:
 * prefixes, byte-order marks and absolute targets only; values untouched.
 */
function asExcelStyle(data: Buffer): Buffer {
  return writeZip([...partsOf(data)].map(([name, buf]) => {
    let t = buf.toString("utf8").replace(/^\ufeff/, "").replace(/<(\/?)x:/g, "<$1").replace(/xmlns:x=/g, "xmlns=");
    if (name.endsWith(".rels")) {
      const dir = name.replace(/_rels\/[^/]*$/, "");
      t = t.replace(/Target="\/([^"]*)"/g, (_, p: string) => `Target="${dir && p.startsWith(dir) ? p.slice(dir.length) : p}"`);
    }
    return { name, content: Buffer.from(t, "utf8") };
  }));
}

async function exceljsSheet(data: Buffer, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return { count: wb.worksheets.length, ws: wb.getWorksheet(name)! };
}

function configs(data: Buffer, fileName: string) {
  return rvtoolsParser.parse({ fileName, data }).vms.map(({ vm }) => ({ ...vm, name: null, nics: vm.nics.map((n) => n.model) }));
}

describe("redaction keeps the style it was read in", () => {
  for (const style of ["openxml-sdk", "excel"] as const) {
    it(`${style}: same entries in the same order, same prefixes and byte-order marks, nothing identifying left`, async () => {
      const spec = sampleSpec({ style });
      const original = writeWorkbook(spec);
      const result = redactWorkbookSync(original, "RVTools_export_all.xlsx");
      expect(result.format).toBe("xlsx");
      const before = partsOf(original);
      const after = partsOf(result.data);
      expect([...after.keys()]).toEqual([...before.keys()]);
      if (style === "openxml-sdk") expect([...after.keys()].at(-1)).toBe("[Content_Types].xml");

      for (const [name, buf] of after) {
        const text = buf.toString("utf8");
        expect(XMLValidator.validate(text.replace(/^\ufeff/, "")), name).toBe(true);
        expect(text.startsWith("\ufeff"), `${name} byte-order mark`).toBe(before.get(name)!.toString("utf8").startsWith("\ufeff"));
        for (const value of identifying(spec)) expect(text.includes(value), `${name} still holds ${value}`).toBe(false);
      }
      const vInfoXml = after.get("xl/worksheets/sheet1.xml")!.toString("utf8");
      if (style === "openxml-sdk") {
        expect(vInfoXml).toMatch(/<x:c r="A2"[^>]* t="inlineStr"><x:is><x:t xml:space="preserve">vm-0001<\/x:t><\/x:is><\/x:c>/);
        expect(vInfoXml).not.toMatch(/<(c|is|t|row) /);
      } else {
        expect(vInfoXml).toMatch(/<c r="A2"[^>]* t="inlineStr"><is><t xml:space="preserve">vm-0001<\/t><\/is><\/c>/);
        expect(vInfoXml).not.toContain("<x:");
      }

      // An independent reader sees the same sheets, rows and non-identifying values.
      const readable = style === "openxml-sdk" ? asExcelStyle(result.data) : result.data;
      const { count, ws } = await exceljsSheet(readable, "vInfo");
      const orig = await exceljsSheet(style === "openxml-sdk" ? asExcelStyle(original) : original, "vInfo");
      expect(count).toBe(27);
      expect(ws.rowCount).toBe(orig.ws.rowCount);
      const header = ws.getRow(1).values as string[];
      expect(header).toEqual(orig.ws.getRow(1).values);
      for (let r = 2; r <= ws.rowCount; r++) {
        expect(ws.getRow(r).getCell(header.indexOf("VM")).text).toMatch(/^vm-\d{4}$/);
        expect(ws.getRow(r).getCell(header.indexOf("CPUs")).value).toBe(spec.vms[r - 2].cpus);
        expect(ws.getRow(r).getCell(header.indexOf("Total disk capacity MiB")).value).toBe(spec.vms[r - 2].totalDiskMiB);
        expect(ws.getRow(r).getCell(header.indexOf("Host")).text).toMatch(/^host-\d{2}$/);
      }
      expect(configs(result.data, "r.xlsx")).toEqual(configs(original, "o.xlsx"));
    });
  }

  it("redacts a zip of per-tab CSV files into the same files, delimiter, line ends and byte-order mark", () => {
    const spec = sampleSpec();
    const original = writeCsvZip(spec, "RVTools_export_all/");
    const result = redactWorkbookSync(original, "export.zip");
    expect(result.format).toBe("csv-zip");
    const before = partsOf(original);
    const after = partsOf(result.data);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, buf] of after) {
      const text = buf.toString("utf8");
      expect(text.startsWith("\ufeff")).toBe(true);
      expect(text.split("\r\n")[0]).toBe(before.get(name)!.toString("utf8").split("\r\n")[0]);
      for (const value of identifying(spec)) if (value !== "Jane Admin") expect(text.includes(value), `${name} still holds ${value}`).toBe(false);
    }
    expect(configs(result.data, "r.zip")).toEqual(configs(original, "o.zip"));
    expect(result.summary.find((s) => s.kind === "vm")?.count).toBe(3);
  });

  it("redacts one vInfo CSV and refuses text that is no RVTools export", () => {
    const spec = sampleSpec();
    const vInfo = writeCsvExport(spec).find((f) => f.name === "RVTools_tabvInfo.csv")!;
    const result = redactWorkbookSync(vInfo.data, vInfo.name);
    expect(result.format).toBe("csv");
    expect(result.data.toString("utf8")).not.toContain("web-01");
    expect(configs(result.data, "r.csv")).toEqual(configs(vInfo.data, "o.csv"));
    expect(() => redactWorkbookSync(Buffer.from("hello,world\n1,2\n"), "x.csv")).toThrow(/not an RVTools workbook or CSV export/);
  });
});

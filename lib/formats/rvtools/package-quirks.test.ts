import { describe, expect, it } from "vitest";
import { rvtoolsParser } from "./index";
import { readRvtools } from "./read";
import { resolveTarget } from "./xlsx";
import { writeZip } from "./zip";

/** Package spellings that are valid OPC/SpreadsheetML but rare: each must read like the plain form. */
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";

function zip(parts: [string, string | Buffer][]): Buffer {
  return writeZip(parts.map(([name, content]) => ({ name, content: typeof content === "string" ? Buffer.from(content, "utf8") : content })));
}

const SHEET = (p: string) =>
  `<${p}worksheet xmlns${p ? ":" + p.slice(0, -1) : ""}="${MAIN}"><${p}sheetData>`
  + `<${p}row r="1"><${p}c r="A1" t="inlineStr"><${p}is><${p}t>VM</${p}t></${p}is></${p}c><${p}c r="B1" t="inlineStr"><${p}is><${p}r><${p}t>CP</${p}t></${p}r><${p}r><${p}t>Us</${p}t></${p}r></${p}is></${p}c><${p}c r="C1" t="str"><${p}f>"Memory"</${p}f><${p}v>Memory</${p}v></${p}c></${p}row>`
  + `<${p}row r="2"><${p}c r="A2" t='inlineStr'><${p}is><${p}t><![CDATA[web & <01>]]></${p}t></${p}is></${p}c><${p}c r="B2"><${p}v>2</${p}v></${p}c><${p}c r="C2"><${p}f>2048*2</${p}f><${p}v>4096</${p}v></${p}c></${p}row>`
  + `</${p}sheetData></${p}worksheet>`;

describe("package quirks", () => {
  it("resolves relative, parent-relative, absolute and percent-encoded targets", () => {
    expect(resolveTarget("xl", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/sub", "../worksheets/./sheet%201.xml")).toBe("xl/worksheets/sheet 1.xml");
  });

  it("reads prefixed relationships, a workbook outside xl/, part names in another case, UTF-16 parts, rich and CDATA text, formulas", () => {
    const data = zip([
      ["_rels/.rels", `<pr:Relationships xmlns:pr="${PKG}"><pr:Relationship Id="a" Type="${REL}/officeDocument" Target="/book/Workbook.xml"/></pr:Relationships>`],
      ["book/workbook.xml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<s:workbook xmlns:s="${MAIN}" xmlns:rel="${REL}"><s:sheets><s:sheet name="vInfo" sheetId="7" rel:id="x1"/></s:sheets></s:workbook>`, "utf16le")])],
      ["book/_rels/workbook.xml.rels", `<Relationships xmlns="${PKG}"><Relationship Id="x1" Type="${REL}/worksheet" Target="../Sheets/One.xml"/><Relationship Id="x2" Type="${REL}/hyperlink" Target="https://example.org" TargetMode="External"/></Relationships>`],
      ["sheets/one.xml", SHEET("s:")],
      ["[Content_Types].xml", "<Types/>"],
    ]);
    const { vms } = rvtoolsParser.parse({ fileName: "odd.xlsx", data });
    expect(vms.map((v) => [v.vm.name, v.vm.cpu.vcpus, v.vm.memoryMiB])).toEqual([["web & <01>", 2, 4096]]);
    expect(readRvtools(data, "odd.xlsx").vInfo.header).toEqual(["VM", "CPUs", "Memory"]);
  });
});

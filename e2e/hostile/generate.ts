import fs from "node:fs";
import path from "node:path";
import { tar, zip } from "./archive";

/**
 * The hostile inputs of issue 14, generated in memory (no binaries in the
 * repository): workbooks that cost far more unpacked than uploaded, OVAs that
 * are deep or wide, and real snapshot files with NUL and control characters
 * in every field.
 *
 * `expect` says what a correct server answers:
 * - "refused": a 4xx (or, from /snapshots, a 200 whose every file carries an
 *   error; from /workbooks/redact, any bounded answer) — never a 5xx, a hang
 *   or a crash;
 * - "clean": a 4xx, or a 2xx whose body holds no control character (the
 *   characters were removed at the edge).
 */
export interface HostileFile {
  name: string;
  fileName: string;
  data: Buffer;
  expect: "refused" | "clean";
  about: string;
}

const ROOT = path.resolve(__dirname, "..", "..");
const XLSX_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="vInfo" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const HEADERS = ["VM", "Powerstate", "CPUs", "Memory", "NICs", "Disks", "Total disk capacity MiB", "OS according to the configuration file"];

function col(n: number): string {
  let s = "";
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function inlineRow(r: number, cells: string[]): string {
  return `<row r="${r}">${cells.map((v, i) => `<c r="${col(i)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join("")}</row>`;
}

function workbook(sheetData: string, sharedStrings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>`): Buffer {
  return zip([
    { name: "[Content_Types].xml", data: XLSX_TYPES },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/workbook.xml", data: WORKBOOK },
    { name: "xl/_rels/workbook.xml.rels", data: WORKBOOK_RELS },
    { name: "xl/worksheets/sheet1.xml", data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>` },
    { name: "xl/sharedStrings.xml", data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${sharedStrings}` },
  ]);
}

/** vInfo with 60,000 rows, each holding one empty cell in XFD, the last column (issue 14, defect 1). */
export function sparseColumnWorkbook(rows = 60_000): Buffer {
  const body: string[] = [inlineRow(1, HEADERS)];
  for (let r = 2; r <= rows + 1; r++) body.push(`<row r="${r}"><c r="XFD${r}"/></row>`);
  return workbook(body.join(""));
}

/** A header-only vInfo beside a shared-string table of `count` entries (about 18 bytes each unpacked). */
export function hugeSharedStringsWorkbook(count = 10_000_000): Buffer {
  const header = `<row r="1">${HEADERS.map((_, i) => `<c r="${col(i)}1" t="s"><v>${i}</v></c>`).join("")}</row>`;
  const sst =
    `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count + HEADERS.length}" uniqueCount="${count + HEADERS.length}">` +
    HEADERS.map((h) => `<si><t>${h}</t></si>`).join("") +
    "<si><t>ab</t></si>".repeat(count) +
    "</sst>";
  return workbook(header, sst);
}

/** vInfo rows whose every cell carries the `_x0000_` escape (a NUL) and other control escapes. */
export function controlEscapesWorkbook(): Buffer {
  const rows = [inlineRow(1, HEADERS)];
  for (let r = 2; r <= 11; r++) {
    rows.push(inlineRow(r, [`vm_x0000_${r}`, "poweredOn_x0000_", `4_x0000_`, `8192_x0001_`, "1_x001F_", "1_x0000_", "40960_x0000_", "Microsoft Windows Server 2019_x0000__x0007_ (64-bit)"]));
  }
  return workbook(rows.join(""));
}

const OVF_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData">
<References/><VirtualSystem ovf:id="vm"><Info>A virtual machine</Info>`;
const OVF_TAIL = `</VirtualSystem></Envelope>`;

/** An OVF whose VirtualSystem nests `depth` elements. */
export function deepOvf(depth = 200_000): Buffer {
  return Buffer.from(OVF_HEAD + "<Section>".repeat(depth) + "</Section>".repeat(depth) + OVF_TAIL, "utf8");
}

const SMALL_OVF = `${OVF_HEAD}<VirtualHardwareSection><Info>hw</Info>
<Item><rasd:ElementName>2 virtual CPUs</rasd:ElementName><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
<Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>4096MB of memory</rasd:ElementName><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>4096</rasd:VirtualQuantity></Item>
</VirtualHardwareSection>${OVF_TAIL}`;

/** An OVA (tar) of `entries` empty files before its OVF. */
export function manyEntriesOva(entries = 50_000): Buffer {
  const list = Array.from({ length: entries }, (_, i) => ({ name: `f${i}.txt`, data: "" }));
  return tar([...list, { name: "vm.ovf", data: SMALL_OVF }]);
}

/** An OVA whose entries sit `depth` folders deep (PAX long names), the OVF last. */
export function deepPathsOva(entries = 1_000, depth = 2_000): Buffer {
  const dir = "d/".repeat(depth);
  const list = Array.from({ length: entries }, (_, i) => ({ name: `${dir}f${i}.ovf`, data: "" }));
  return tar([...list, { name: `${dir}vm.ovf`, data: SMALL_OVF }]);
}

export function deepOvfOva(depth = 200_000): Buffer {
  return tar([{ name: "vm.ovf", data: deepOvf(depth) }]);
}

// Every C0 control but tab, LF and CR, and DEL: what the edge must remove or refuse.
const CONTROLS = "\u0000\u0001\u0007\u0008\u000b\u000c\u001b\u001f\u007f";

function readFixture(rel: string): string {
  return fs.readFileSync(path.join(ROOT, rel), "utf8");
}

/** A real .vmx with NUL and control characters inside every value. */
export function controlCharsVmx(): Buffer {
  const src = readFixture("e2e/fixtures/sql-prod-01.vmx");
  return Buffer.from(src.replace(/^([^=\n]+=\s*")([^"]*)"/gm, (_, head: string, value: string) => `${head}${value.slice(0, 1)}${CONTROLS}${value.slice(1)}"`), "utf8");
}

/** A real Hyper-V Get-VM JSON with NUL and control characters in every string. */
export function controlCharsJson(): Buffer {
  const src = JSON.parse(readFixture("lib/formats/hyperv/__fixtures__/gen2-dynamic.json").replace(/^\uFEFF/, ""));
  const taint = (v: unknown): unknown => {
    if (typeof v === "string") return v.slice(0, 1) + CONTROLS + v.slice(1);
    if (Array.isArray(v)) return v.map(taint);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, taint(x)]));
    return v;
  };
  return Buffer.from(JSON.stringify(taint(src), null, 2), "utf8");
}

/** A real RVTools vInfo CSV with NUL and control characters in every cell. */
export function controlCharsCsv(): Buffer {
  const src = readFixture("lib/formats/rvtools/__fixtures__/RVTools_tabvInfo.csv");
  const [head, ...lines] = src.split(/\r?\n/);
  // Cells split on ";" outside quotes; the characters go at the start of each cell's text.
  const tainted = lines.map((line) => {
    if (!line) return line;
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      if (ch === ";" && !quoted) {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    return cells.map((c) => (c.startsWith('"') ? `"${CONTROLS}${c.slice(1)}` : `${CONTROLS}${c}`)).join(";");
  });
  return Buffer.from([head, ...tainted].join("\r\n"), "utf8");
}

export function hostileFiles(): HostileFile[] {
  return [
    { name: "sparse-column.xlsx", fileName: "RVTools_export_sparse.xlsx", data: sparseColumnWorkbook(), expect: "refused", about: "60,000 rows, one empty cell each in column XFD" },
    { name: "huge-shared-strings.xlsx", fileName: "RVTools_export_sst.xlsx", data: hugeSharedStringsWorkbook(), expect: "refused", about: "10,000,000 shared strings (180 MB unpacked), no VM row" },
    { name: "control-escapes.xlsx", fileName: "RVTools_export_x0000.xlsx", data: controlEscapesWorkbook(), expect: "clean", about: "_x0000_ and other control escapes in every vInfo cell" },
    { name: "many-entries.ova", fileName: "many-entries.ova", data: manyEntriesOva(), expect: "refused", about: "50,000 tar entries before the OVF" },
    { name: "deep-paths.ova", fileName: "deep-paths.ova", data: deepPathsOva(), expect: "refused", about: "1,000 entries 2,000 folders deep (PAX names)" },
    { name: "deep-ovf.ova", fileName: "deep-ovf.ova", data: deepOvfOva(), expect: "refused", about: "an OVF nesting 200,000 elements" },
    { name: "deep.ovf", fileName: "deep.ovf", data: deepOvf(), expect: "refused", about: "the same OVF, not packed" },
    { name: "control-chars.vmx", fileName: "control-chars.vmx", data: controlCharsVmx(), expect: "clean", about: "NUL and C0 controls in every .vmx value" },
    { name: "control-chars.json", fileName: "control-chars.json", data: controlCharsJson(), expect: "clean", about: "NUL and C0 controls in every Hyper-V JSON string" },
    { name: "control-chars.csv", fileName: "RVTools_tabvInfo.csv", data: controlCharsCsv(), expect: "clean", about: "NUL and C0 controls in every RVTools CSV cell" },
  ];
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFile } from "@/lib/formats";
import { rvtoolsParser } from "./index";
import { readRvtools } from "./read";
import {
  expectedVms, sampleSpec, specArb, writeCsvExport, writeCsvZip, writeWorkbook, type WorkbookSpec,
} from "./workbook-generator.test-support";
import { openZip, readEntry, writeZip } from "./zip";

function parsedShape(data: Buffer, fileName: string) {
  const { vms } = rvtoolsParser.parse({ fileName, data });
  return vms.map(({ vm }) => ({
    name: vm.name, cpu: { vcpus: vm.cpu.vcpus, coresPerSocket: vm.cpu.coresPerSocket }, memoryMiB: vm.memoryMiB,
    firmware: vm.firmware, hardwareVersion: vm.hardwareVersion, guestOs: { name: vm.guestOs.name },
    totalDiskGiB: vm.totalDiskGiB, disks: vm.disks, nics: vm.nics,
  }));
}

describe("workbooks in both styles", () => {
  it("writes the OpenXML SDK style as RVTools does: prefixes, absolute targets, BOMs, psmdcp, content types last", () => {
    const zip = openZip(writeWorkbook(sampleSpec()), "RVTools_export_all.xlsx");
    const names = [...zip.entries.keys()];
    expect(names.at(-1)).toBe("[Content_Types].xml");
    expect(names.some((n) => /^package\/services\/metadata\/core-properties\/[0-9a-f]+\.psmdcp$/.test(n))).toBe(true);
    const text = (n: string) => readEntry(zip, n)!.toString("utf8");
    expect(text("xl/workbook.xml").startsWith("\ufeff")).toBe(true);
    expect(text("xl/workbook.xml")).toContain('<x:sheet name="vInfo" sheetId="1" r:id=');
    expect(text("xl/_rels/workbook.xml.rels")).toContain('Target="/xl/worksheets/sheet1.xml"');
    expect(text("xl/worksheets/sheet1.xml")).toMatch(/<x:c r="A1" s="5" t="s"><x:v>\d+<\/x:v><\/x:c>/);
    expect(text("xl/workbook.xml").match(/<x:sheet /g)).toHaveLength(27);
  });

  it("reads a 27-tab OpenXML SDK workbook with 90+ vInfo columns and the vMetaData version", () => {
    const spec = sampleSpec();
    const data = writeWorkbook(spec);
    const raw = readRvtools(data, "RVTools_export_all.xlsx");
    expect(raw.vInfo.header.filter((h) => h != null).length).toBeGreaterThan(90);
    expect(raw.rvtoolsVersion).toBe("4.7.1.4");
    expect(parsedShape(data, "RVTools_export_all.xlsx")).toEqual(expectedVms(spec));
  });

  it("keeps a stated total and the disk count when vDisk lacks the VM, and never reports a 0 size", () => {
    const spec = sampleSpec();
    const [, sql] = parsedShape(writeWorkbook(spec), "x.xlsx");
    expect(sql.name).toBe("sql-01");
    expect(sql.totalDiskGiB).toBe(600);
    expect(sql.disks).toEqual([{ sizeGiB: null, bus: null, provisioning: null }, { sizeGiB: null, bus: null, provisioning: null }]);
    const zeroes = sampleSpec({ vms: sampleSpec().vms.map((v) => ({ ...v, totalDiskMiB: 0, disks: v.disks.map((d) => ({ ...d, capacityMiB: 0 })) })) });
    for (const vm of parsedShape(writeWorkbook(zeroes), "z.xlsx")) {
      expect(vm.totalDiskGiB).toBeNull();
      for (const d of vm.disks) expect(d.sizeGiB).toBeNull();
    }
  });

  it("names only vInfo when it is missing, and reads a workbook that has vInfo alone", () => {
    const spec = sampleSpec({ tabs: { vCPU: false, vMemory: false, vDisk: false, vNetwork: false, vMetaData: false }, allTabs: false });
    expect(parsedShape(writeWorkbook(spec), "only-vinfo.xlsx")).toEqual(expectedVms(spec));
    const data = writeWorkbook(sampleSpec());
    // Rename the vInfo tab: the error must name vInfo and list what was found.
    const renamed = Buffer.from(rezipWith(data, "xl/workbook.xml", (t) => t.replace('name="vInfo"', 'name="Sheet1"')));
    expect(() => rvtoolsParser.parse({ fileName: "no-vinfo.xlsx", data: renamed })).toThrow(expect.objectContaining({ code: "parse_error", field: "vInfo", message: expect.stringMatching(/no vInfo tab.*Sheet1, vCPU/) }));
  });

  it("parses whatever style, column naming, tabs and blank rows are drawn to the generated truth", () => {
    fc.assert(
      fc.property(specArb, (spec: WorkbookSpec) => {
        expect(parsedShape(writeWorkbook(spec), "RVTools_export_all.xlsx")).toEqual(expectedVms(spec));
      }),
      { numRuns: 60 },
    );
  });

  it("parses the per-tab CSV export, zipped, to the same truth", () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom("", "RVTools_export_all_2026-11-30/"), (spec: WorkbookSpec, folder: string) => {
        expect(parsedShape(writeCsvZip(spec, folder), "RVTools_export_all.zip")).toEqual(expectedVms(spec));
      }),
      { numRuns: 40 },
    );
  });

  it("goes through detection (parseFile) for both styles and the CSV zip, and reads a lone vInfo CSV", () => {
    const spec = sampleSpec();
    for (const style of ["openxml-sdk", "excel"] as const) {
      const r = parseFile({ fileName: "export.xlsx", data: writeWorkbook({ ...spec, style }) });
      expect(r.vms.map((v) => v.vm.name)).toEqual(["web-01", "sql-01"]);
    }
    expect(parseFile({ fileName: "export.zip", data: writeCsvZip(spec) }).vms).toHaveLength(2);
    const vInfoCsv = writeCsvExport(spec).find((f) => f.name === "RVTools_tabvInfo.csv")!;
    const lone = parseFile({ fileName: vInfoCsv.name, data: vInfoCsv.data });
    expect(lone.vms.map((v) => v.vm.totalDiskGiB)).toEqual([40, 600]);
  });

  it("refuses a zip with two vInfo CSVs and a zip that holds neither workbook nor CSVs", () => {
    const two = rezipAdd(writeCsvZip(sampleSpec()), "other/RVTools_tabvInfo.csv", "VM,CPUs,Memory\nx,1,1024\n");
    expect(() => rvtoolsParser.parse({ fileName: "two.zip", data: two })).toThrow(/more than one vInfo CSV/);
    const none = rezipAdd(writeCsvZip(sampleSpec({ allTabs: false })), "notes.txt", "hello");
    const stripped = Buffer.from(rezipFilter(none, (n) => !n.endsWith(".csv")));
    expect(() => rvtoolsParser.parse({ fileName: "none.zip", data: stripped })).toThrow(/neither an xlsx workbook nor a zip of RVTools CSV files/);
  });
});

// ---- small zip edits for the tests above --------------------------------------------------------------

function entriesOf(data: Buffer): { name: string; content: Buffer }[] {
  const zip = openZip(data, "t.zip");
  return [...zip.entries.keys()].map((name) => ({ name, content: readEntry(zip, name)! }));
}

function rezipWith(data: Buffer, part: string, edit: (text: string) => string): Buffer {
  return writeZip(entriesOf(data).map((e) => (e.name === part ? { name: e.name, content: Buffer.from(edit(e.content.toString("utf8")), "utf8") } : e)));
}

function rezipAdd(data: Buffer, name: string, text: string): Buffer {
  return writeZip([...entriesOf(data), { name, content: Buffer.from(text) }]);
}

function rezipFilter(data: Buffer, keep: (name: string) => boolean): Buffer {
  return writeZip(entriesOf(data).filter((e) => keep(e.name)));
}

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment } from "@/bench/fixtures-gen/rvtools-workbook";
import { rvtoolsParser } from "./index";
import { redactWorkbook } from "./redact-workbook";
import { openZip, readEntryText } from "./zip";

let env: RvtoolsEnvironment;
let original: Buffer;
let redacted: Awaited<ReturnType<typeof redactWorkbook>>;

async function load(data: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

function identifyingValues(e: RvtoolsEnvironment): string[] {
  const values = [e.vcenter, e.vcenterUuid];
  for (const v of e.vms) {
    values.push(v.name, v.vmId, v.uuid, v.smbiosUuid, v.host, v.cluster, v.datacenter, v.folder, v.resourcePool, v.path);
    if (v.dnsName) values.push(v.dnsName);
    if (v.primaryIp) values.push(v.primaryIp);
    if (v.annotation) values.push(v.annotation, v.annotation.replace(/^Owner: ([^;]+);.*$/, "$1"));
    values.push(/^\[([^\]]+)\]/.exec(v.path)![1]);
    for (const d of v.disks) values.push(d.path, d.uuid);
    for (const n of v.nics) values.push(n.mac, n.ipv4, n.network);
  }
  return [...new Set(values)];
}

beforeAll(async () => {
  env = generateRvtoolsEnvironment({ vms: 25, seed: 11, templates: 2 });
  original = await writeRvtoolsWorkbook(env);
  redacted = await redactWorkbook(original, "RVTools_export_all.xlsx");
});

describe("redactWorkbook", () => {
  it("keeps every sheet, column and row", async () => {
    const [before, after] = [await load(original), await load(redacted.data)];
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    for (const ws of before.worksheets) {
      const other = after.getWorksheet(ws.name)!;
      expect(other.rowCount).toBe(ws.rowCount);
      expect(other.getRow(1).values).toEqual(ws.getRow(1).values);
      expect(other.getRow(2).cellCount).toBe(ws.getRow(2).cellCount);
    }
  });

  it("leaves none of the identifying values anywhere in the file", async () => {
    const after = await load(redacted.data);
    const texts: string[] = [];
    after.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
    const zip = openZip(redacted.data, "r.xlsx");
    const raw = [...zip.entries.keys()].map((n) => readEntryText(zip, n) ?? "").join("\n");
    const all = texts.join("\n");
    for (const value of identifyingValues(env)) {
      expect(all.includes(value), `cell text still holds ${value}`).toBe(false);
      expect(raw.includes(value), `file still holds ${value}`).toBe(false);
    }
  });

  it("gives the same value the same pseudonym in every sheet and inside paths", async () => {
    const [before, after] = [await load(original), await load(redacted.data)];
    const mapping = new Map<string, string>();
    for (const sheet of ["vInfo", "vCPU", "vMemory", "vDisk", "vNetwork"]) {
      const b = before.getWorksheet(sheet)!;
      const a = after.getWorksheet(sheet)!;
      for (let r = 2; r <= b.rowCount; r++) {
        for (const col of [1, (b.getRow(1).values as unknown[]).length - 3]) {
          const from = b.getRow(r).getCell(col).text;
          const to = a.getRow(r).getCell(col).text;
          expect(to).not.toBe(from);
          if (mapping.has(from)) expect(to).toBe(mapping.get(from));
          mapping.set(from, to);
        }
      }
    }
    const vInfo = after.getWorksheet("vInfo")!;
    const header = (vInfo.getRow(1).values as string[]);
    const vmName = vInfo.getRow(2).getCell(1).text;
    expect(vmName).toMatch(/^vm-\d{4}$/);
    expect(vInfo.getRow(2).getCell(header.indexOf("Path")).text).toMatch(new RegExp(`^\\[ds-\\d+\\] ${vmName}/${vmName}\\.vmx$`));
    expect(vInfo.getRow(2).getCell(header.indexOf("Host")).text).toMatch(/^host-\d{2}$/);
    expect(vInfo.getRow(2).getCell(header.indexOf("Primary IP Address")).text).toMatch(/^ip-\d{4}$|^$/);
    // Non-identifying facts stay.
    expect(vInfo.getRow(2).getCell(header.indexOf("CPUs")).value).toBe(env.vms[0].cpus);
  });

  it("still parses to the same configurations, and summarises what it replaced", () => {
    const a = rvtoolsParser.parse({ fileName: "o.xlsx", data: original });
    const b = rvtoolsParser.parse({ fileName: "r.xlsx", data: redacted.data });
    expect(b.vms.map((p) => ({ ...p.vm, name: null, nics: p.vm.nics.map((n) => n.model) })))
      .toEqual(a.vms.map((p) => ({ ...p.vm, name: null, nics: p.vm.nics.map((n) => n.model) })));
    const kinds = Object.fromEntries(redacted.summary.map((s) => [s.kind, s.count]));
    expect(kinds.vm).toBe(env.vms.length);
    expect(kinds.dc).toBe(new Set(env.vms.map((v) => v.datacenter)).size);
    expect(kinds.mac).toBe(env.vms.reduce((s, v) => s + v.nics.length, 0));
  });

  it("reports a non-workbook as an AppError", async () => {
    await expect(redactWorkbook(Buffer.from("not a zip"), "x.xlsx")).rejects.toMatchObject({ code: "parse_error", file: "x.xlsx" });
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import {
  deriveRvtoolsEnvironment, generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment,
} from "@/bench/fixtures-gen/rvtools-workbook";
import { expectIdentifying, expectValidVms, fuzzParser } from "@/lib/formats/util/testing";
import { rvtoolsParser } from "./index";
import { nicModelOf } from "./map";
import { rvNumber } from "./cells";
import { openZip, writeZip } from "./zip";

const dir = path.join(__dirname, "__fixtures__");
const csvName = "RVTools_tabvInfo.csv";
const csv = readFileSync(path.join(dir, csvName));

let env: RvtoolsEnvironment;
let xlsx: Buffer;
let legacyXlsx: Buffer;

beforeAll(async () => {
  env = generateRvtoolsEnvironment({ vms: 12, seed: 3, templates: 2 });
  xlsx = await writeRvtoolsWorkbook(env, "current");
  legacyXlsx = await writeRvtoolsWorkbook(env, "legacy");
});

function expectMatchesEnvironment(data: Buffer, environment: RvtoolsEnvironment) {
  const result = rvtoolsParser.parse({ fileName: "RVTools_export_all.xlsx", data });
  expectValidVms(result);
  const real = environment.vms.filter((v) => !v.template);
  expect(result.vms).toHaveLength(real.length);
  expect(result.warnings).toEqual([`RVTools_export_all.xlsx: skipped ${environment.vms.length - real.length} templates (templates are not running VMs)`]);
  result.vms.forEach(({ vm, identifying, origin }, i) => {
    const g = real[i];
    expect(origin).toMatch(/^vInfo row \d+$/);
    expect(vm).toMatchObject({
      name: g.name, firmware: g.firmware, hardwareVersion: `vmx-${g.hwVersion}`, memoryMiB: g.memoryMiB,
      cpu: { vcpus: g.cpus, coresPerSocket: g.coresPerSocket }, hypervisor: { vendor: "vmware" }, guestOs: { name: g.osConfig },
    });
    expect(vm.disks).toEqual(g.disks.map((d) => ({
      sizeGiB: d.capacityMiB / 1024, provisioning: d.thin ? "thin" : "thick",
      bus: d.controller.startsWith("SCSI") ? "scsi" : d.controller.startsWith("SATA") ? "sata" : "nvme",
    })));
    expect(vm.nics).toEqual(g.nics.map((n) => ({ model: n.adapter.toLowerCase(), network: n.network })));
    expectIdentifying(identifying, [
      g.name, g.uuid, g.smbiosUuid, g.vmId, g.dnsName, g.host, g.cluster, g.datacenter, g.folder, g.path, g.primaryIp,
      ...(g.annotation ? [g.annotation] : []), ...g.disks.flatMap((d) => [d.path, d.uuid]), ...g.nics.flatMap((n) => [n.mac, n.ipv4, n.network]),
    ]);
  });
}

describe("RVTools parser", () => {
  it("reads a generated RVTools 4.x workbook: vInfo joined with vCPU, vDisk and vNetwork", () => {
    expectMatchesEnvironment(xlsx, env);
  });

  it("reads the older column names and joins by VM name when the device tabs have no VM UUID", () => {
    expectMatchesEnvironment(legacyXlsx, env);
  });

  it("reads a later export of the same estate with VMs added, removed and changed", async () => {
    const derived = deriveRvtoolsEnvironment(env, { add: 3, remove: 2, change: 4, seed: 9 });
    expect([derived.added.length, derived.removed.length, derived.changed.length]).toEqual([3, 2, 4]);
    const before = new Map(env.vms.map((v) => [v.uuid, v]));
    for (const vm of derived.env.vms) {
      const old = before.get(vm.uuid);
      if (old && !derived.changed.includes(vm.uuid)) expect(vm).toEqual(old);
      if (derived.changed.includes(vm.uuid)) expect(vm.memoryMiB).toBe(old!.memoryMiB * 2);
    }
    expectMatchesEnvironment(await writeRvtoolsWorkbook(derived.env), derived.env);
  });

  it("is deterministic for a seed", async () => {
    const again = generateRvtoolsEnvironment({ vms: 12, seed: 3, templates: 2 });
    expect(again).toEqual(env);
    expect(generateRvtoolsEnvironment({ vms: 12, seed: 4 }).vms[0].name).not.toBe(env.vms[0].name);
  });

  it("reads a semicolon CSV export of vInfo alone, warning about templates and unreadable rows", () => {
    const { vms, warnings } = rvtoolsParser.parse({ fileName: csvName, data: csv });
    expect(vms.map((v) => v.vm.name)).toEqual(["mail-gw-01", "erp-app-02"]);
    expect(vms[0].vm).toMatchObject({ firmware: "efi", hardwareVersion: "vmx-19", cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB: 4096 });
    expect(vms[0].vm.disks).toEqual([{ sizeGiB: 40, bus: null, provisioning: null }]);
    expect(vms[0].vm.nics).toEqual([{ model: null, network: "DMZ-Mail" }]);
    expect(vms[1].vm.hardwareVersion).toBe("vmx-13");
    expect(vms[1].vm.disks).toEqual([1, 2, 3].map(() => ({ sizeGiB: null, bus: null, provisioning: null })));
    expect(vms[1].vm.nics.map((n) => n.network)).toEqual(["ERP-App", "Backup-Net"]);
    expect(vms[1].origin).toBe("vInfo row 3");
    expect(warnings).toContain(`${csvName}: vInfo row 5: unreadable CPUs "n/a"; row skipped`);
    expect(warnings).toContain(`${csvName}: skipped 1 template (templates are not running VMs)`);
    expectIdentifying(vms[0].identifying, ["mail-gw-01", "mail-gw-01.dmz.example.org", "203.0.113.25", "[ds-dmz-01] mail-gw-01", 'owner "mail team"', "DC-East", "Cluster-DMZ", "esx-dmz-01.example.org", "/DC-East/vm/DMZ", "5022aa11-bb22", "DMZ-Mail"]);
  });

  it("reads numbers the way RVTools locales write them", () => {
    expect(rvNumber("4096")).toBe(4096);
    expect(rvNumber("4,096")).toBe(4096);
    expect(rvNumber("1.024,5")).toBe(1024.5);
    expect(rvNumber("40960,25")).toBe(40960.25);
    expect(rvNumber("n/a")).toBeNull();
    expect(nicModelOf("VMXNET 3")).toBe("vmxnet3");
    expect(nicModelOf("Flexible")).toBe("vlance");
  });

  it("refuses a workbook without vInfo, a DOCTYPE, and zip bombs before inflating", () => {
    const tiny = (parts: Record<string, string>) => writeZip(Object.entries(parts).map(([name, text]) => ({ name, content: Buffer.from(text) })));
    const rels = '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
    const noInfo = tiny({ "xl/workbook.xml": '<workbook><sheets><sheet name="vHost" sheetId="1" r:id="rId1"/></sheets></workbook>', "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": "<worksheet/>" });
    expect(() => rvtoolsParser.parse({ fileName: "a.xlsx", data: noInfo })).toThrow(expect.objectContaining({ code: "parse_error", field: "vInfo" }));
    const doctype = tiny({ "xl/workbook.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>' });
    expect(() => rvtoolsParser.parse({ fileName: "b.xlsx", data: doctype })).toThrow(/DOCTYPE/);

    // Central directory claims 400 MiB: refused from the directory alone.
    const bomb = Buffer.from(tiny({ "xl/workbook.xml": "<workbook/>" }));
    const cd = bomb.readUInt32LE(bomb.length - 6);
    bomb.writeUInt32LE(400 * 2 ** 20, cd + 24);
    expect(() => rvtoolsParser.parse({ fileName: "c.xlsx", data: bomb })).toThrow(expect.objectContaining({ code: "too_large" }));
    // Declared size smaller than the real content: inflation stops at the declared size.
    const liar = Buffer.from(tiny({ "xl/workbook.xml": "<workbook>" + "x".repeat(100000) + "</workbook>" }));
    liar.writeUInt32LE(10, liar.readUInt32LE(liar.length - 6) + 24);
    expect(() => rvtoolsParser.parse({ fileName: "d.xlsx", data: liar })).toThrow(expect.objectContaining({ code: "too_large" }));
    expect(openZip(tiny({ a: "b" }), "e.zip").entries.get("a")?.size).toBe(1);
  });

  it("sniffs xlsx with a vInfo sheet and vInfo CSV, not other files", () => {
    expect(rvtoolsParser.sniff({ fileName: "x.xlsx", data: xlsx })).toBeGreaterThan(0.9);
    expect(rvtoolsParser.sniff({ fileName: csvName, data: csv })).toBeGreaterThan(0.8);
    expect(rvtoolsParser.sniff({ fileName: "x.csv", data: Buffer.from("name,size\na,1\n") })).toBe(0);
    expect(rvtoolsParser.sniff({ fileName: "x.zip", data: Buffer.from("PK\x03\x04garbage") })).toBe(0);
  });

  it("throws only AppErrors for damaged input", () => {
    expect(() => rvtoolsParser.parse({ fileName: "t.xlsx", data: xlsx.subarray(0, xlsx.length - 100) })).toThrow(AppError);
    // The fixtures (CSV) are fuzzed in formats-contract.test.ts; here a whole generated workbook is the seed.
    fuzzParser(rvtoolsParser, [xlsx], "fuzz.xlsx", 150);
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { writeTar } from "@/lib/formats/util/tar";
import { expectGolden, fuzzParser, readFixture, thrown } from "@/lib/formats/util/testing";
import { ovfParser } from "./index";

const dir = path.join(__dirname, "__fixtures__");
const FIXTURES = ["vsphere-ubuntu.ovf", "ovf2-windows.ovf", "collection.ovf"];
const enc = (s: string) => new TextEncoder().encode(s);

function buildOva(ovfName: string): Uint8Array {
  return writeTar([
    { name: ovfName, data: readFixture(dir, ovfName) },
    { name: "x.mf", data: enc("SHA256(x.ovf)= 00\n") },
    { name: "x-disk1.vmdk", data: new Uint8Array(1500) },
  ]);
}

describe("ovf parser", () => {
  it("reads a vSphere OVF 1.0 export (vmw: namespace, EFI, SCSI and SATA disks, two NICs)", () => {
    const { vms } = ovfParser.parse({ fileName: "v.ovf", data: readFixture(dir, "vsphere-ubuntu.ovf") });
    expect(vms).toHaveLength(1);
    const { vm, identifying } = vms[0];
    expect(vm.name).toBe("gitlab-runner-07");
    expect(vm.hypervisor.vendor).toBe("vmware");
    expect(vm.hardwareVersion).toBe("vmx-13");
    expect(vm.firmware).toBe("efi");
    expect(vm.guestOs).toEqual({ id: "ubuntu64Guest", family: "linux", name: "Ubuntu Linux (64-bit)" });
    expect(vm.cpu).toEqual({ vcpus: 4, coresPerSocket: 2, threadsPerCore: null });
    expect(vm.memoryMiB).toBe(8192);
    expect(vm.disks).toEqual([
      { sizeGiB: 40, bus: "scsi", provisioning: null },
      { sizeGiB: 100, bus: "sata", provisioning: null },
    ]);
    expect(vm.nics).toEqual([
      { model: "vmxnet3", network: "CI-Build-Net" },
      { model: "e1000", network: "Storage-iSCSI-A" },
    ]);
    expect(identifying.macs).toEqual(["00:50:56:8a:4c:19"]);
    expect(identifying.other).toContain("Owner: pipeline-ops@acme.example; ticket CHG-20931");
  });

  it("reads OVF 2.0 StorageItem / EthernetPortItem and byte capacities", () => {
    const { vm } = ovfParser.parse({ fileName: "w.ovf", data: readFixture(dir, "ovf2-windows.ovf") }).vms[0];
    expect(vm.name).toBe("FS-WIN-22");
    expect(vm.hypervisor.vendor).toBe("microsoft");
    expect(vm.guestOs.family).toBe("windows");
    expect(vm.memoryMiB).toBe(16384);
    // 136365211648 bytes = 127 GiB; 1 * 2^40 = 1024 GiB; the DVD (16) is not a disk.
    expect(vm.disks.map((d) => [d.sizeGiB, d.bus])).toEqual([[127, "scsi"], [1024, "scsi"]]);
    expect(vm.nics).toEqual([{ model: "microsoft:hyper-v:synthetic ethernet port", network: "FileServices" }]);
  });

  it("returns one VM per VirtualSystem of a collection", () => {
    const { vms } = ovfParser.parse({ fileName: "c.ovf", data: readFixture(dir, "collection.ovf") });
    expect(vms.map((v) => [v.vm.name, v.vm.hypervisor.vendor, v.vm.memoryMiB, v.vm.cpu.vcpus])).toEqual([
      ["lamp-web", "virtualbox", 2048, 1],
      ["lamp-db", "virtualbox", 4096, 2],
    ]);
    expect(vms[0].vm.disks).toEqual([{ sizeGiB: 20, bus: "ide", provisioning: null }]);
    expect(vms[1].vm.disks).toEqual([{ sizeGiB: 50, bus: "sata", provisioning: null }]);
    expect(vms[1].vm.guestOs.family).toBe("linux");
    expect(vms[1].origin).toBe("VirtualSystem lamp-db");
  });

  it("reads an OVA (tar) holding the descriptor", () => {
    const data = buildOva("vsphere-ubuntu.ovf");
    expect(ovfParser.sniff({ fileName: "a.ova", data })).toBeGreaterThan(0.9);
    const fromOva = ovfParser.parse({ fileName: "a.ova", data }).vms[0].vm;
    const fromOvf = ovfParser.parse({ fileName: "a.ovf", data: readFixture(dir, "vsphere-ubuntu.ovf") }).vms[0].vm;
    expect(fromOva).toEqual(fromOvf);
  });

  it("refuses an OVA without a descriptor and a truncated OVA", () => {
    const noOvf = writeTar([{ name: "disk.vmdk", data: new Uint8Array(10) }]);
    expect((thrown(() => ovfParser.parse({ fileName: "n.ova", data: noOvf })) as AppError).message).toMatch(/no \.ovf/);
    const ova = buildOva("vsphere-ubuntu.ovf");
    expect((thrown(() => ovfParser.parse({ fileName: "t.ova", data: ova.subarray(0, 2000) })) as AppError).code).toBe("parse_error");
  });

  it("refuses a DOCTYPE (entity bomb) before parsing, naming the line", () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE e [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<Envelope>&b;</Envelope>';
    const e = thrown(() => ovfParser.parse({ fileName: "bomb.ovf", data: enc(bomb) })) as AppError;
    expect([e.code, e.line, e.message]).toEqual(["parse_error", 2, "DOCTYPE is not allowed"]);
  });

  it("reports malformed XML with a line number", () => {
    const e = thrown(() => ovfParser.parse({ fileName: "m.ovf", data: enc("<Envelope>\n<VirtualSystem>\n</Envelope>\n") })) as AppError;
    expect(e.code).toBe("parse_error");
    expect(e.line).toBe(3);
  });

  it("matches the golden outputs", () => {
    for (const name of FIXTURES) expectGolden(dir, name, ovfParser.parse({ fileName: name, data: readFixture(dir, name) }));
  });

  it("never throws anything but AppError on arbitrary or damaged input", () => {
    const seeds = FIXTURES.map((n) => readFixture(dir, n));
    fuzzParser(ovfParser, seeds, "fuzz.ovf");
    fuzzParser(ovfParser, [buildOva("collection.ovf")], "fuzz.ova", 100);
  });
});

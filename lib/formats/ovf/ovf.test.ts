import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { writeTar } from "@/lib/formats/util/tar";
import { fuzzParser, readFixture, thrown, withElementPrefix } from "@/lib/formats/util/testing";
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

  it("reads every fixture with any namespace prefix on its OVF elements, or none", () => {
    for (const name of FIXTURES) {
      const text = new TextDecoder().decode(readFixture(dir, name));
      const ns = /xmlns(?::ovf)?="(http:\/\/schemas\.dmtf\.org\/ovf\/envelope\/\d)"/.exec(text)![1];
      const expected = ovfParser.parse({ fileName: name, data: enc(text) }).vms.map((v) => v.vm);
      // "ovf" is the usual prefix; "env" and "o1" are legal spellings of the same namespace.
      for (const prefix of ["ovf", "env", "o1"]) {
        const prefixed = withElementPrefix(text, prefix, ns, "ovf");
        expect(prefixed).toContain(`<${prefix}:Envelope`);
        expect(ovfParser.sniff({ fileName: name, data: enc(prefixed) })).toBeGreaterThan(0.9);
        expect(ovfParser.parse({ fileName: name, data: enc(prefixed) }).vms.map((v) => v.vm)).toEqual(expected);
      }
    }
  });

  it("uses a VMware system's BIOS default, names PCNet32 as VMware does, and leaves out a VM whose memory units are unknown", () => {
    const system = (id: string, memoryUnits: string, extra = "") => `
  <VirtualSystem ovf:id="${id}">
    <Info>vm</Info>
    <VirtualHardwareSection>
      <Info>hw</Info>
      <System><vssd:VirtualSystemType>vmx-07</vssd:VirtualSystemType></System>
      <Item><rasd:InstanceID>1</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>2</rasd:VirtualQuantity></Item>
      <Item><rasd:AllocationUnits>${memoryUnits}</rasd:AllocationUnits><rasd:InstanceID>2</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>1024</rasd:VirtualQuantity></Item>
      <Item><rasd:InstanceID>3</rasd:InstanceID><rasd:ResourceSubType>PCNet32</rasd:ResourceSubType><rasd:ResourceType>10</rasd:ResourceType></Item>
      ${extra}
    </VirtualHardwareSection>
  </VirtualSystem>`;
    const envelope = (body: string) => `<?xml version="1.0"?>
<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vssd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData" xmlns:vmw="http://www.vmware.com/schema/ovf">
  <VirtualSystemCollection ovf:id="c"><Info>c</Info>${body}
  </VirtualSystemCollection>
</Envelope>`;
    const xml = envelope(system("a", "byte * 2^20") + system("b", "furlongs") + system("c", "byte * 2^20", '<vmw:Config ovf:required="false" vmw:key="firmware" vmw:value="efi"/>'));
    const { vms, warnings } = ovfParser.parse({ fileName: "c.ovf", data: enc(xml) });
    expect(vms.map((v) => [v.vm.name, v.vm.firmware, v.vm.cpu.coresPerSocket, v.vm.defaulted, v.vm.nics[0].model])).toEqual([
      ["a", "bios", 1, ["firmware", "cpu.coresPerSocket"], "vlance"],
      ["c", "efi", 1, ["cpu.coresPerSocket"], "vlance"],
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^c\.ovf, line \d+: VirtualSystem b: memory AllocationUnits "furlongs" not understood; this virtual system is left out$/)]);
    expect(() => ovfParser.parse({ fileName: "d.ovf", data: enc(envelope(system("b", "furlongs"))) })).toThrow(AppError);
  });

  it("never throws anything but AppError on a damaged OVA", () => {
    // The .ovf fixtures are fuzzed in formats-contract.test.ts; here an OVA (tar) built from one is the seed.
    fuzzParser(ovfParser, [buildOva("collection.ovf")], "fuzz.ova", 100);
  });
});

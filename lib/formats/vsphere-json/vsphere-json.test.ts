import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { vsphereJsonParser } from "./index";
import { expectIdentifying } from "@/lib/formats/util/testing";
import { guestFamilyOf } from "@/lib/taxonomy/guest-os";

const dir = path.join(__dirname, "__fixtures__");
const load = (name: string) => readFileSync(path.join(dir, name));
const parse = (name: string) => vsphereJsonParser.parse({ fileName: name, data: load(name) });
const parseJson = (value: unknown) => vsphereJsonParser.parse({ fileName: "t.json", data: new TextEncoder().encode(JSON.stringify(value)) });
const FIXTURES = ["govc-lowercamel.json", "govc-gofields.json", "rest-api-vm.json", "rest-legacy-value.json"];

describe("vSphere JSON parser", () => {
  it("leaves out a VM without a CPU count, with a warning, and reads the rest of the inventory", () => {
    const doc = { virtualMachines: [
      { config: { name: "a", guestId: "rhel9_64Guest", hardware: { numCPU: 2, memoryMB: 4096 } } },
      { config: { name: "b", guestId: "rhel9_64Guest", hardware: { memoryMB: 4096 } } },
    ] };
    const { vms, warnings } = vsphereJsonParser.parse({ fileName: "inv.json", data: new TextEncoder().encode(JSON.stringify(doc)) });
    expect(vms.map((v) => v.vm.name)).toEqual(["a"]);
    expect(warnings).toEqual([expect.stringMatching(/^inv\.json, field VirtualMachines\[1\]\.Config\.Hardware\.NumCPU: .*; this VM is left out$/)]);
  });

  it("reads a bare VirtualMachineConfigInfo as one VM", () => {
    const doc = { _typeName: "VirtualMachineConfigInfo", name: "solo", guestId: "windows2019srv_64Guest", firmware: "efi", hardware: { numCPU: 4, numCoresPerSocket: 2, memoryMB: 8192 } };
    const { vm } = vsphereJsonParser.parse({ fileName: "c.json", data: new TextEncoder().encode(JSON.stringify(doc)) }).vms[0];
    expect([vm.name, vm.firmware, vm.cpu.vcpus, vm.cpu.coresPerSocket, vm.memoryMiB]).toEqual(["solo", "efi", 4, 2, 8192]);
  });

  it("reads newer govc output (lowerCamel, _typeName) with controller buses and provisioning", () => {
    const { vms } = parse("govc-lowercamel.json");
    expect(vms).toHaveLength(2);
    const { vm, identifying } = vms[0];
    expect(vm).toMatchObject({
      name: "k8s-worker-07", hardwareVersion: "vmx-19", firmware: "efi",
      guestOs: { id: "ubuntu64Guest", family: "linux", name: "Ubuntu Linux (64-bit)" },
      cpu: { vcpus: 8, coresPerSocket: 4 }, memoryMiB: 32768,
    });
    expect(vm.disks).toEqual([
      { sizeGiB: 100, bus: "scsi", provisioning: "thin" },
      { sizeGiB: 500, bus: "nvme", provisioning: "thick" },
    ]);
    expect(vm.nics).toEqual([{ model: "vmxnet3", network: "DVSwitch: 50 12 ab cd" }, { model: "e1000e", network: "VM Network" }]);
    expectIdentifying(identifying, [
      "k8s-worker-07", "4210b3c5-8f0e", "5010d7e8-aa11", "00:50:56:b4:2c:7e", "00:0c:29:5d:11:aa", "172.16.40.17",
      "fe80::250:56ff:feb4:2c7e", "k8s-worker-07.platform.example.com", "[vsanDatastore] 1e2f3a4b-k8s/k8s-worker-07_1.vmdk",
      "platform-team@example.com", "dvPG-K8s-Nodes",
    ]);
    expect(vms[1].vm).toMatchObject({ hardwareVersion: "vmx-08", firmware: "bios", disks: [], nics: [], guestOs: { family: "linux" } });
  });

  it("reads older govc output (Go field names, no type names) by device fields and labels", () => {
    const { vm, identifying } = parse("govc-gofields.json").vms[0];
    expect(vm.cpu).toEqual({ vcpus: 2, coresPerSocket: 1, threadsPerCore: null });
    expect(vm.guestOs.family).toBe("windows");
    expect(vm.disks).toEqual([
      { sizeGiB: 60, bus: "scsi", provisioning: "thick" },
      { sizeGiB: 2048, bus: "sata", provisioning: null },
    ]);
    expect(vm.nics).toEqual([{ model: null, network: "PG-Servers-VLAN30" }]);
    expectIdentifying(identifying, ["WIN-FS-01", "00:50:56:9a:01:02", "10.30.0.21", "DS-SAN-02", "IT-Ops", "420fd1aa-bbcc"]);
  });

  it("reads the /api and the {value} /rest forms of GET vcenter/vm/{vm}", () => {
    const api = parse("rest-api-vm.json").vms[0];
    expect(api.vm).toMatchObject({ name: "rds-host-03", hardwareVersion: "vmx-19", firmware: "efi", cpu: { vcpus: 8, coresPerSocket: 8 }, memoryMiB: 65536 });
    expect(api.vm.guestOs).toEqual({ id: "WINDOWS_SERVER_2021", family: "windows", name: null });
    expect(api.vm.disks).toEqual([{ sizeGiB: 128, bus: "scsi", provisioning: null }, { sizeGiB: 50, bus: "sata", provisioning: null }]);
    expect(api.vm.nics).toEqual([{ model: "vmxnet3", network: "RDS-Clients" }]);
    expectIdentifying(api.identifying, ["rds-host-03", "42300f1e-2d3c", "00:50:56:a1:b2:c3", "a1b2c3d4-rds", "dvportgroup-55"]);
    const legacy = parse("rest-legacy-value.json").vms[0];
    expect(legacy.vm).toMatchObject({ hardwareVersion: "vmx-13", firmware: "bios", cpu: { vcpus: 4, coresPerSocket: 2 }, memoryMiB: 16384 });
    expect(legacy.vm.disks.map((d) => [d.bus, d.sizeGiB])).toEqual([["scsi", 40], ["ide", 10]]);
    expect(legacy.vm.nics).toEqual([{ model: "e1000", network: "DB-LAN" }]);
  });

  it("refuses JSON that is not a VM description, naming the file (and line for bad JSON)", () => {
    expect(() => parseJson({ hello: "world" })).toThrow(AppError);
    try {
      vsphereJsonParser.parse({ fileName: "bad.json", data: new TextEncoder().encode('{\n"virtualMachines": [\n{,}\n]}') });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).file).toBe("bad.json");
      expect((e as AppError).line).toBe(3);
    }
    expect(() => parseJson({ VirtualMachines: [{ Config: { Hardware: { NumCPU: 0, MemoryMB: 1024 } } }] })).toThrow(
      expect.objectContaining({ code: "parse_error", field: "VirtualMachines[0].Config.Hardware.NumCPU" }),
    );
  });

  it("maps guest identifiers and names to families", () => {
    expect(guestFamilyOf("windows2019srv_64Guest")).toBe("windows");
    expect(guestFamilyOf("darwin21_64Guest")).toBe("macos");
    expect(guestFamilyOf("freebsd13_64Guest")).toBe("bsd");
    expect(guestFamilyOf("solaris11_64Guest")).toBe("solaris");
    expect(guestFamilyOf("RHEL_9_64")).toBe("linux");
    expect(guestFamilyOf("otherGuest64")).toBe("other");
    expect(guestFamilyOf(null)).toBeNull();
  });

  it("sniffs both shapes and nothing else", () => {
    for (const f of FIXTURES) expect(vsphereJsonParser.sniff({ fileName: f, data: load(f) })).toBeGreaterThan(0.5);
    expect(vsphereJsonParser.sniff({ fileName: "x.json", data: new TextEncoder().encode('{"ProcessorCount": 2}') })).toBe(0);
  });
});

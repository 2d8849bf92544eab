import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { expectIdentifying } from "@/lib/formats/util/testing";
import { hypervParser } from "./index";
import { formatMac } from "./map";

const dir = path.join(__dirname, "__fixtures__");
const load = (name: string) => readFileSync(path.join(dir, name));
const parse = (name: string) => hypervParser.parse({ fileName: name, data: load(name) });
const FIXTURES = ["gen2-dynamic.json", "utf16-array.json"];

describe("Hyper-V parser", () => {
  it("leaves out a VM that cannot be described, with a warning, and reads the others", () => {
    const data = new TextEncoder().encode('[{"Name":"ok","ProcessorCount":2,"MemoryStartup":2147483648},{"Name":"bad","ProcessorCount":"two","MemoryStartup":2147483648}]');
    const { vms, warnings } = hypervParser.parse({ fileName: "two.json", data });
    expect(vms.map((v) => v.vm.name)).toEqual(["ok"]);
    expect(warnings).toEqual([expect.stringMatching(/^two\.json, field \[1\]\.ProcessorCount: .*; this VM is left out$/)]);
    expect(() => hypervParser.parse({ fileName: "one.json", data: new TextEncoder().encode('[{"Name":"bad","ProcessorCount":"two","MemoryStartup":1}]') })).toThrow(AppError);
  });

  it("states the adapter kind only when IsLegacy says it, and no firmware without Generation", () => {
    const json = (nic: string, extra = "") => new TextEncoder().encode(`{"Name":"a","ProcessorCount":2,"MemoryStartup":2147483648${extra},"NetworkAdapters":[${nic}]}`);
    const nic = (n: string, extra?: string) => hypervParser.parse({ fileName: "a.json", data: json(n, extra) }).vms[0].vm;
    expect(nic('{"SwitchName":"LAN"}').nics).toEqual([{ model: null, network: "LAN" }]);
    expect(nic('{"SwitchName":"LAN","IsLegacy":false}').nics).toEqual([{ model: "hyperv-synthetic", network: "LAN" }]);
    expect(nic('{"SwitchName":"LAN","IsLegacy":true}').nics).toEqual([{ model: "legacy", network: "LAN" }]);
    // Get-VM output that leaves Generation out says nothing about the firmware: no default is applied.
    expect([nic("{}").firmware, nic("{}").defaulted]).toEqual([null, []]);
    expect(nic("{}", ',"Generation":2').firmware).toBe("efi");
  });

  it("reads a single Get-VM object with numeric enums and dynamic memory", () => {
    const { vms, warnings } = parse("gen2-dynamic.json");
    const { vm, identifying } = vms[0];
    expect(vm).toMatchObject({
      name: "HV-APP-11", firmware: "efi", hardwareVersion: "hyperv-9.0", cpu: { vcpus: 4, coresPerSocket: null }, memoryMiB: 4096,
      hypervisor: { vendor: "microsoft", product: "Hyper-V" }, guestOs: { id: null, family: null, name: null },
    });
    expect(vm.disks).toEqual([{ sizeGiB: 127, bus: "scsi", provisioning: "thin" }, { sizeGiB: 500, bus: "scsi", provisioning: "thick" }]);
    expect(vm.nics).toEqual([{ model: "hyperv-synthetic", network: "vSwitch-Prod" }]);
    expect(warnings.join()).toMatch(/dynamic memory.*16384 MiB/);
    expectIdentifying(identifying, ["HV-APP-11", "HVHOST02", "6f1e2d3c-4b5a", "00155D0A1B2C", "00:15:5D:0A:1B:2C", "10.44.1.21", "HV-APP-11_data.vhdx", "j.smith", "vSwitch-Prod"]);
  });

  it("reads a UTF-16 array with string enums, legacy adapters and shallow -Depth exports", () => {
    const { vms, warnings } = parse("utf16-array.json");
    expect(vms).toHaveLength(2);
    expect(vms[0].vm).toMatchObject({ name: "OLD-DC-01", firmware: "bios", hardwareVersion: "hyperv-5.0", memoryMiB: 2048 });
    expect(vms[0].vm.disks).toEqual([{ sizeGiB: null, bus: "ide", provisioning: null }]);
    expect(vms[0].vm.nics).toEqual([{ model: "legacy", network: "External-LAN" }]);
    expect(vms[1].vm).toMatchObject({ name: "LAB-UBUNTU", firmware: "efi", disks: [], nics: [] });
    expect(warnings.filter((w) => w.includes("ConvertTo-Json -Depth"))).toHaveLength(2);
    expectIdentifying(vms[0].identifying, ["OLD-DC-01", "HVHOST01", "0a1b2c3d-1111", "00155D000102", "C:\\VMs\\OLD-DC-01\\OLD-DC-01.vhd", "External-LAN"]);
  });

  it("formats bare Hyper-V MACs", () => {
    expect(formatMac("00155D0A1B2C")).toBe("00:15:5D:0A:1B:2C");
    expect(formatMac("00-15-5D-0A-1B-2C")).toBe("00-15-5D-0A-1B-2C");
  });

  it("refuses other JSON and bad values with the field named", () => {
    expect(() => hypervParser.parse({ fileName: "x.json", data: new TextEncoder().encode('{"cpu": 2}') })).toThrow(AppError);
    try {
      hypervParser.parse({ fileName: "x.json", data: new TextEncoder().encode('{"Name":"a","ProcessorCount":"two","MemoryStartup":1073741824}') });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).field).toBe("$.ProcessorCount");
    }
  });

  it("sniffs Get-VM JSON, including UTF-16", () => {
    for (const f of FIXTURES) expect(hypervParser.sniff({ fileName: f, data: load(f) })).toBeGreaterThan(0.9);
    expect(hypervParser.sniff({ fileName: "x.json", data: new TextEncoder().encode('{"virtualMachines": []}') })).toBe(0);
  });
});

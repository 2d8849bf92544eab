import { describe, expect, it } from "vitest";
import { hypervParser } from "./index";
import { HYPERV_EXPORT_COMMAND, HYPERV_EXPORT_PROPERTIES } from "./export-command";

// What ConvertTo-Json writes for one VM selected by the command: the plain properties, and the two
// calculated ones as arrays of objects (enums as numbers, as Windows PowerShell 5.1 writes them).
function exportedVm(): Record<string, unknown> {
  const values: Record<string, unknown> = {
    Name: "HV01", VMId: "1b2c3d4e-0000-4000-8000-000000000001", State: 2, ProcessorCount: 4, MemoryStartup: 8589934592,
    DynamicMemoryEnabled: false, MemoryMaximum: 1099511627776, Generation: 2, Version: "10.0", CPUUsage: 3,
    MemoryAssigned: 8589934592, MemoryDemand: 4294967296,
  };
  const vm: Record<string, unknown> = {};
  for (const p of HYPERV_EXPORT_PROPERTIES) vm[p] = values[p];
  const calculated = [...HYPERV_EXPORT_COMMAND.matchAll(/@\{n='(\w+)';e=\{.*?(?:Select-Object ([\w,]+)|\[pscustomobject\]@\{([^}]*)\})/g)];
  for (const [, name, selected, custom] of calculated) {
    const keys = selected ? selected.split(",") : custom.split(";").map((kv) => kv.split("=")[0].trim());
    const item: Record<string, unknown> = {};
    const sample: Record<string, unknown> = { ControllerType: 1, Size: 137438953472, VhdType: 3, SwitchName: "LAN", IsLegacy: false };
    for (const k of keys) item[k] = sample[k];
    vm[name] = [item];
  }
  return vm;
}

describe("the Hyper-V export command on the contribute page", () => {
  it("selects every property the parser needs and calculates drives and adapters", () => {
    expect(HYPERV_EXPORT_COMMAND).toMatch(/^Get-VM \| Select-Object /);
    expect(HYPERV_EXPORT_COMMAND).toContain("ConvertTo-Json -Depth 4");
    expect(HYPERV_EXPORT_COMMAND).toMatch(/Out-File -Encoding utf8 vms\.json$/);
    const vm = exportedVm();
    expect(Object.keys(vm)).toEqual(expect.arrayContaining(["HardDrives", "NetworkAdapters"]));
  });

  it("writes JSON the Hyper-V parser reads into a full VM: CPUs, memory, firmware, disk size and bus, NIC", () => {
    const data = new TextEncoder().encode(JSON.stringify(exportedVm(), null, 4));
    const { vms, warnings } = hypervParser.parse({ fileName: "vms.json", data });
    expect(warnings).toEqual([]);
    const vm = vms[0].vm;
    expect(vm.cpu.vcpus).toBe(4);
    expect(vm.memoryMiB).toBe(8192);
    expect(vm.firmware).toBe("efi");
    expect(vm.hardwareVersion).toBe("hyperv-10.0");
    expect(vm.disks).toEqual([expect.objectContaining({ sizeGiB: 128, bus: "scsi" })]);
    expect(vm.nics).toEqual([{ model: "hyperv-synthetic", network: "LAN" }]);
  });
});

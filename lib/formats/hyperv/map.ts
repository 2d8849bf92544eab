import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { blankVm, type DiskBus } from "@/lib/vm/model";
import { addUnique, scanForIdentifiers } from "@/lib/formats/util/identifying";
import { asArray, isObject, pick, pickBoolean, pickNumber, pickString, type JsonObject } from "@/lib/formats/util/json";
import { bytesToGiB } from "@/lib/formats/util/units";
import { fitVm } from "@/lib/formats/util/fit-vm";
import { mapEachVm } from "@/lib/formats/util/lenient";
import type { HypervRaw } from "./read";
import { hypervUtilization } from "./utilization";

/** Microsoft.HyperV.PowerShell.ControllerType: IDE = 0, SCSI = 1, PMEM = 2 (Server 2019+). */
const CONTROLLER_TYPES: Record<string, DiskBus> = { "0": "ide", "1": "scsi", "2": "other", ide: "ide", scsi: "scsi", pmem: "other" };
/** Microsoft.Vhd.PowerShell.VhdType: Fixed = 2, Dynamic = 3, Differencing = 4. */
const VHD_TYPES: Record<string, "thin" | "thick"> = { "2": "thick", "3": "thin", "4": "thin", fixed: "thick", dynamic: "thin", differencing: "thin" };

export function mapHyperv(raw: HypervRaw, fileName: string): { vms: ParsedVm[]; warnings: string[] } {
  const warnings: string[] = [];
  const vms = mapEachVm(raw.vms, (obj, i) => mapHypervVm(obj, raw.vms.length > 1 ? `[${i}]` : "$", fileName, warnings), warnings);
  return { vms, warnings };
}

function enumKey(v: unknown): string | null {
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v.trim().toLowerCase();
  // ConvertTo-Json -Depth 1 may render an enum as {"value": 1, ...} in some hosts.
  if (isObject(v)) return enumKey(pick(v, "value", "Value"));
  return null;
}

/** Hyper-V writes MACs as twelve hex digits without separators. */
export function formatMac(mac: string): string {
  return /^[0-9a-f]{12}$/i.test(mac) ? mac.match(/../g)!.join(":").toUpperCase() : mac;
}

function mapHypervVm(obj: JsonObject, path: string, fileName: string, warnings: string[]): ParsedVm {
  const vm = blankVm("hyperv");
  const facts = emptyIdentifying();
  vm.hypervisor = { vendor: "microsoft", product: "Hyper-V", version: null };
  vm.name = pickString(obj, "Name", "VMName");
  addUnique(facts.hostnames, vm.name);
  addUnique(facts.hostnames, pickString(obj, "VMName"));
  addUnique(facts.hostnames, pickString(obj, "ComputerName"));

  const cpus = pickNumber(obj, "ProcessorCount");
  if (cpus === null || !Number.isInteger(cpus) || cpus < 1) {
    throw new AppError("parse_error", `expected a processor count, found ${JSON.stringify(pick(obj, "ProcessorCount")) ?? "nothing"}`, { file: fileName, field: `${path}.ProcessorCount` });
  }
  vm.cpu = { vcpus: cpus, coresPerSocket: null };

  const startup = pickNumber(obj, "MemoryStartup");
  if (startup === null || startup < 2 ** 20) {
    throw new AppError("parse_error", `expected MemoryStartup in bytes, found ${JSON.stringify(pick(obj, "MemoryStartup")) ?? "nothing"}`, { file: fileName, field: `${path}.MemoryStartup` });
  }
  vm.memoryMiB = Math.round(startup / 2 ** 20);
  if (pickBoolean(obj, "DynamicMemoryEnabled")) {
    const max = pickNumber(obj, "MemoryMaximum");
    warnings.push(`${fileName} ${path}: dynamic memory is on; reported the startup memory ${vm.memoryMiB} MiB${max ? ` (maximum ${Math.round(max / 2 ** 20)} MiB)` : ""}`);
  }

  const generation = pickNumber(obj, "Generation");
  vm.firmware = generation === 2 ? "efi" : generation === 1 ? "bios" : null;
  const version = pickString(obj, "Version");
  vm.hardwareVersion = version ? `hyperv-${version}` : null;

  for (const [i, drive] of asArray(pick(obj, "HardDrives", "HardDiskDrives")).entries()) {
    if (!isObject(drive)) {
      warnings.push(`${fileName} ${path}.HardDrives[${i}]: not exported as an object (raise ConvertTo-Json -Depth); disk skipped`);
      continue;
    }
    const size = pickNumber(drive, "Size", "MaxInternalSize");
    const vhdType = enumKey(pick(drive, "VhdType"));
    vm.disks.push({
      sizeGiB: size !== null && size >= 0 ? bytesToGiB(size) : null,
      bus: CONTROLLER_TYPES[enumKey(pick(drive, "ControllerType")) ?? ""] ?? null,
      provisioning: VHD_TYPES[vhdType ?? ""] ?? null,
    });
    addUnique(facts.paths, pickString(drive, "Path"));
    addUnique(facts.paths, pickString(drive, "ParentPath"));
  }

  for (const [i, nic] of asArray(pick(obj, "NetworkAdapters")).entries()) {
    if (!isObject(nic)) {
      warnings.push(`${fileName} ${path}.NetworkAdapters[${i}]: not exported as an object (raise ConvertTo-Json -Depth); adapter skipped`);
      continue;
    }
    const network = pickString(nic, "SwitchName");
    // IsLegacy tells the emulated (legacy) adapter from the synthetic one; an export without it says neither.
    const legacy = pickBoolean(nic, "IsLegacy");
    vm.nics.push({ model: legacy == null ? null : legacy ? "legacy" : "hyperv-synthetic", network });
    addUnique(facts.networks, network);
    const mac = pickString(nic, "MacAddress");
    if (mac) {
      addUnique(facts.macs, mac);
      addUnique(facts.macs, formatMac(mac));
    }
    for (const ip of asArray(pick(nic, "IPAddresses"))) if (typeof ip === "string") addUnique(facts.ips, ip);
  }

  const usage = hypervUtilization(obj);
  if (usage.length > 0) vm.utilization = usage;

  for (const key of ["VMId", "Id", "VMID"]) addUnique(facts.uuids, pickString(obj, key));
  for (const key of ["Path", "ConfigurationLocation", "SnapshotFileLocation", "SmartPagingFilePath"]) addUnique(facts.paths, pickString(obj, key));
  addUnique(facts.other, pickString(obj, "Notes"));
  scanForIdentifiers(obj, facts);
  return { vm: fitVm(vm), identifying: facts, origin: vm.name ? `VM ${vm.name}` : path };
}

import { ownValue } from "@/lib/own-key";
import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { blankVm, type DiskBus, type NormalizedVm } from "@/lib/vm/model";
import { mapEachVm } from "@/lib/formats/util/lenient";
import { guestFamilyOf } from "@/lib/taxonomy/guest-os";
import { addUnique, scanForIdentifiers } from "@/lib/formats/util/identifying";
import { asArray, isObject, pick, pickBoolean, pickNumber, pickString, type JsonObject } from "@/lib/formats/util/json";
import { bytesToGiB } from "@/lib/formats/util/units";
import { fitVm } from "@/lib/formats/util/fit-vm";
import type { VsphereRaw } from "./read";

export function mapVsphere(raw: VsphereRaw, fileName: string, warnings: string[] = []): ParsedVm[] {
  return mapEachVm(raw.vms, ({ vm, path }) => (raw.kind === "govc" ? mapGovcVm(vm, path, fileName) : mapRestVm(vm, path, fileName)), warnings);
}

function vmwareBase(): NormalizedVm {
  const vm = blankVm("vsphere-json");
  vm.hypervisor = { vendor: "vmware", product: "VMware vSphere", version: null };
  return vm;
}

function requireInt(value: number | null, field: string, fileName: string, min = 1): number {
  if (value === null || !Number.isInteger(value) || value < min) {
    throw new AppError("parse_error", `expected a positive whole number, found ${value === null ? "nothing" : value}`, { file: fileName, field });
  }
  return value;
}

/** "vmx-19", "VMX_19" and "19" all name virtual hardware version 19. */
export function vmxVersion(v: string | null): string | null {
  if (!v) return null;
  const m = /^(?:vmx[-_])?(\d+)$/i.exec(v.trim());
  return m ? `vmx-${m[1]}` : v.trim().toLowerCase().slice(0, 64);
}

function firmwareOf(v: string | null): "bios" | "efi" | null {
  const f = v?.toLowerCase();
  return f === "efi" ? "efi" : f === "bios" ? "bios" : null;
}

// --- govc vm.info -json ---------------------------------------------------

const CONTROLLER_BUS: [RegExp, DiskBus][] = [
  [/scsi|lsilogic|buslogic/i, "scsi"],
  [/ahci|sata/i, "sata"],
  [/ide/i, "ide"],
  [/nvme/i, "nvme"],
  [/usb|xhci/i, "usb"],
];

const NIC_TYPES: Record<string, string> = {
  virtualvmxnet3: "vmxnet3", virtualvmxnet3vrdma: "vmxnet3vrdma", virtualvmxnet2: "vmxnet2", virtualvmxnet: "vmxnet",
  virtuale1000: "e1000", virtuale1000e: "e1000e", virtualpcnet32: "vlance", virtualsriovethernetcard: "sriov",
};

function typeName(device: unknown): string {
  return (pickString(device, "_typeName", "XsiType", "xsiType") ?? "").replace(/^.*[.:]/, "");
}

function mapGovcVm(vmObj: JsonObject, path: string, fileName: string): ParsedVm {
  const vm = vmwareBase();
  const facts = emptyIdentifying();
  const config = pick(vmObj, "Config", "config");
  const hardware = pick(config, "Hardware", "hardware");
  const summaryConfig = pick(pick(vmObj, "Summary", "summary"), "Config", "config");

  vm.name = pickString(config, "Name", "name") ?? pickString(vmObj, "Name", "name") ?? pickString(summaryConfig, "Name", "name");
  addUnique(facts.hostnames, vm.name);
  vm.hardwareVersion = vmxVersion(pickString(config, "Version", "version") ?? pickString(summaryConfig, "HwVersion", "hwVersion"));
  vm.firmware = firmwareOf(pickString(config, "Firmware", "firmware"));
  const guestId = pickString(config, "GuestId", "guestId") ?? pickString(summaryConfig, "GuestId", "guestId");
  const guestName = pickString(config, "GuestFullName", "guestFullName") ?? pickString(summaryConfig, "GuestFullName", "guestFullName");
  vm.guestOs = { id: guestId, family: guestFamilyOf(guestId) ?? guestFamilyOf(guestName), name: guestName };

  const numCpu = pickNumber(hardware, "NumCPU", "numCPU", "NumCpu", "numCpu") ?? pickNumber(summaryConfig, "NumCpu", "numCpu");
  vm.cpu.vcpus = requireInt(numCpu, `${path}.Config.Hardware.NumCPU`, fileName);
  const cps = pickNumber(hardware, "NumCoresPerSocket", "numCoresPerSocket");
  vm.cpu.coresPerSocket = cps !== null && Number.isInteger(cps) && cps >= 1 ? cps : null;
  const mem = pickNumber(hardware, "MemoryMB", "memoryMB") ?? pickNumber(summaryConfig, "MemorySizeMB", "memorySizeMB");
  vm.memoryMiB = requireInt(mem, `${path}.Config.Hardware.MemoryMB`, fileName);

  const devices = asArray(pick(hardware, "Device", "device")).filter(isObject);
  const controllerBus = new Map<number, DiskBus>();
  for (const d of devices) {
    const key = pickNumber(d, "Key", "key");
    const label = `${typeName(d)} ${pickString(pick(d, "DeviceInfo", "deviceInfo"), "Label", "label") ?? ""}`;
    const isController = pick(d, "BusNumber", "busNumber") !== undefined;
    if (key === null || !isController) continue;
    const bus = CONTROLLER_BUS.find(([re]) => re.test(label))?.[1];
    if (bus) controllerBus.set(key, bus);
  }

  for (const d of devices) {
    const type = typeName(d).toLowerCase();
    const backing = pick(d, "Backing", "backing");
    const info = pick(d, "DeviceInfo", "deviceInfo");
    const capacityBytes = pickNumber(d, "CapacityInBytes", "capacityInBytes");
    const capacityKB = pickNumber(d, "CapacityInKB", "capacityInKB");
    if (type === "virtualdisk" || (!type && (capacityBytes !== null || capacityKB !== null))) {
      const controller = pickNumber(d, "ControllerKey", "controllerKey");
      const thin = pickBoolean(backing, "ThinProvisioned", "thinProvisioned");
      const bytes = capacityBytes ?? (capacityKB !== null ? capacityKB * 1024 : null);
      vm.disks.push({
        sizeGiB: bytes !== null && bytes >= 0 ? bytesToGiB(bytes) : null,
        bus: controller !== null ? controllerBus.get(controller) ?? null : null,
        provisioning: thin === null ? null : thin ? "thin" : "thick",
      });
      addUnique(facts.paths, pickString(backing, "FileName", "fileName"));
      continue;
    }
    const mac = pickString(d, "MacAddress", "macAddress");
    if (ownValue(NIC_TYPES, type) !== undefined || (!type && mac !== null)) {
      const network = pickString(backing, "DeviceName", "deviceName") ?? pickString(info, "Summary", "summary");
      vm.nics.push({ model: ownValue(NIC_TYPES, type) ?? null, network });
      addUnique(facts.macs, mac);
      addUnique(facts.networks, network);
    }
  }

  addUnique(facts.uuids, pickString(config, "Uuid", "uuid"));
  addUnique(facts.uuids, pickString(config, "InstanceUuid", "instanceUuid"));
  addUnique(facts.other, pickString(config, "Annotation", "annotation"));
  addUnique(facts.paths, pickString(pick(config, "Files", "files"), "VmPathName", "vmPathName"));
  const guest = pick(vmObj, "Guest", "guest");
  addUnique(facts.hostnames, pickString(guest, "HostName", "hostName"));
  addUnique(facts.ips, pickString(guest, "IpAddress", "ipAddress"));
  for (const net of asArray(pick(guest, "Net", "net"))) {
    addUnique(facts.macs, pickString(net, "MacAddress", "macAddress"));
    addUnique(facts.networks, pickString(net, "Network", "network"));
    for (const ip of asArray(pick(net, "IpAddress", "ipAddress"))) if (typeof ip === "string") addUnique(facts.ips, ip);
  }
  scanForIdentifiers(vmObj, facts);
  return { vm: fitVm(vm), identifying: facts, origin: path };
}

// --- vSphere Automation REST ----------------------------------------------

const REST_BUS: Record<string, DiskBus> = { SCSI: "scsi", SATA: "sata", IDE: "ide", NVME: "nvme" };

function mapRestVm(vmObj: JsonObject, path: string, fileName: string): ParsedVm {
  const vm = vmwareBase();
  const facts = emptyIdentifying();
  vm.name = pickString(vmObj, "name");
  addUnique(facts.hostnames, vm.name);
  const cpu = pick(vmObj, "cpu");
  const memory = pick(vmObj, "memory");
  vm.cpu.vcpus = requireInt(pickNumber(cpu, "count") ?? pickNumber(vmObj, "cpu_count"), `${path}.cpu.count`, fileName);
  const cps = pickNumber(cpu, "cores_per_socket");
  vm.cpu.coresPerSocket = cps !== null && Number.isInteger(cps) && cps >= 1 ? cps : null;
  vm.memoryMiB = requireInt(pickNumber(memory, "size_MiB", "size_mib") ?? pickNumber(vmObj, "memory_size_MiB", "memory_size_mib"), `${path}.memory.size_MiB`, fileName);
  vm.hardwareVersion = vmxVersion(pickString(pick(vmObj, "hardware"), "version"));
  vm.firmware = firmwareOf(pickString(pick(vmObj, "boot"), "type"));
  const guestId = pickString(vmObj, "guest_OS", "guest_os");
  vm.guestOs = { id: guestId, family: guestFamilyOf(guestId), name: null };

  for (const disk of restEntries(pick(vmObj, "disks"))) {
    const capacity = pickNumber(disk, "capacity");
    const type = pickString(disk, "type")?.toUpperCase() ?? "";
    vm.disks.push({ sizeGiB: capacity !== null && capacity >= 0 ? bytesToGiB(capacity) : null, bus: ownValue(REST_BUS, type) ?? null, provisioning: null });
    addUnique(facts.paths, pickString(pick(disk, "backing"), "vmdk_file"));
  }
  for (const nic of restEntries(pick(vmObj, "nics"))) {
    const backing = pick(nic, "backing");
    const network = pickString(backing, "network_name") ?? pickString(backing, "network");
    const type = pickString(nic, "type");
    vm.nics.push({ model: type ? type.toLowerCase().replace("pcnet32", "vlance") : null, network });
    addUnique(facts.macs, pickString(nic, "mac_address"));
    addUnique(facts.networks, network);
    addUnique(facts.networks, pickString(backing, "network"));
  }
  const identity = pick(vmObj, "identity");
  addUnique(facts.uuids, pickString(identity, "bios_uuid"));
  addUnique(facts.uuids, pickString(identity, "instance_uuid"));
  addUnique(facts.hostnames, pickString(identity, "name"));
  addUnique(facts.other, pickString(vmObj, "vm"));
  scanForIdentifiers(vmObj, facts);
  return { vm: fitVm(vm), identifying: facts, origin: path };
}

/**
 * Disks and NICs: the /api form is a map keyed by device id; the /rest form is
 * a list of {key, value} pairs.
 */
function restEntries(v: unknown): JsonObject[] {
  if (Array.isArray(v)) return v.filter(isObject).map((e) => (isObject(e.value) ? e.value : e));
  if (isObject(v)) return Object.values(v).filter(isObject);
  return [];
}


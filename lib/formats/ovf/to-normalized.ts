import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/formats/types";
import { guestFamily } from "@/lib/formats/util/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { bytesToGiB, parseCount, unitMultiplier } from "@/lib/formats/util/units";
import { descendants, type XmlElement } from "@/lib/formats/xml";
import { blankVm, type Disk, type DiskBus, type HypervisorVendor, type Nic } from "@/lib/vm/model";
import { cimOsFamily } from "./cim-os";
import type { OvfItem, OvfRaw, OvfVirtualSystem } from "./parse-ovf";

/** CIM ResourceType values (DSP1041 / CIM_ResourceAllocationSettingData). */
const RT = { cpu: 3, memory: 4, ide: 5, scsi: 6, nic: 10, floppy: 14, cd: 15, dvd: 16, disk: 17, otherStorage: 20 } as const;
const MIB = 1024 * 1024;

function vendorOf(systemType: string | undefined): HypervisorVendor | null {
  const t = (systemType ?? "").toLowerCase();
  if (t === "") return null;
  if (t.startsWith("vmx-") || t.startsWith("vmware")) return "vmware";
  if (t.startsWith("virtualbox")) return "virtualbox";
  if (t.startsWith("xen")) return "xen";
  if (t.startsWith("kvm") || t.startsWith("qemu")) return "kvm";
  if (/hyper-?v|microsoft/.test(t)) return "microsoft";
  return "other";
}

function controllerBus(item: OvfItem | undefined): DiskBus | null {
  if (!item) return null;
  const sub = (item.fields.ResourceSubType ?? "").toLowerCase();
  if (item.resourceType === RT.ide) return "ide";
  if (item.resourceType === RT.scsi) return sub.includes("virtio") ? "virtio" : "scsi";
  if (item.resourceType === RT.otherStorage) {
    if (/ahci|sata/.test(sub)) return "sata";
    if (sub.includes("nvme")) return "nvme";
    return "other";
  }
  return null;
}

function whole(value: string | undefined, fileName: string, field: string, origin: string): number | null {
  if (value === undefined) return null;
  const n = parseCount(value);
  if (n == null) {
    throw new AppError("parse_error", `${origin}: expected a whole number, found "${value.slice(0, 40)}"`, { file: fileName, field });
  }
  return n;
}

function diskSize(raw: OvfRaw, hostResource: string | undefined, warnings: string[], fileName: string): number | null {
  const m = /^(?:ovf:)?\/+disk\/(.+)$/.exec((hostResource ?? "").trim());
  if (!m) return null;
  const disk = raw.disks.get(m[1]);
  if (!disk) {
    warnings.push(`${fileName}: disk "${m[1]}" is not in the DiskSection; size unknown`);
    return null;
  }
  const capacity = parseCount(disk.capacity);
  const unit = disk.capacityAllocationUnits == null ? 1 : unitMultiplier(disk.capacityAllocationUnits, false);
  if (capacity == null || unit == null) {
    warnings.push(`${fileName}: disk "${disk.diskId}" capacity "${disk.capacity ?? ""}" is not a number of known units; size unknown`);
    return null;
  }
  return bytesToGiB(capacity * unit);
}

function collectIdentifying(raw: OvfRaw, sys: OvfVirtualSystem): IdentifyingFacts {
  const facts = emptyIdentifying();
  note(facts, "hostnames", sys.name);
  note(facts, "hostnames", sys.id);
  const system = descendants(sys.element, "System")[0];
  for (const c of system?.children ?? []) {
    if (c.name === "VirtualSystemIdentifier") note(facts, "hostnames", c.text);
  }
  for (const href of raw.files.values()) notePath(facts, href);
  for (const n of raw.networks) note(facts, "networks", n);
  for (const item of sys.items) {
    if (item.resourceType === RT.nic) {
      note(facts, "networks", item.fields.Connection);
      note(facts, "macs", item.fields.Address);
    }
    if (item.fields.HostResource && !/^(ovf:)?\/+disk\//.test(item.fields.HostResource)) notePath(facts, item.fields.HostResource);
  }
  const freeText = (el: XmlElement) => {
    for (const c of el.children) {
      if (c.text !== "" && c.name !== "Info") note(facts, "other", c.text);
      freeText(c);
    }
  };
  for (const section of ["ProductSection", "AnnotationSection", "EulaSection"]) {
    for (const s of [...descendants(sys.element, section), ...descendants(raw.root, section)]) {
      freeText(s);
      for (const p of descendants(s, "Property")) note(facts, "other", p.attrs.value);
    }
  }
  for (const [key, value] of Object.entries(sys.config)) {
    if (/uuid|instance/i.test(key)) note(facts, "uuids", value);
    if (/path|file|dir/i.test(key)) notePath(facts, value);
  }
  return facts;
}

export function ovfSystemToParsedVm(raw: OvfRaw, sys: OvfVirtualSystem, fileName: string, warnings: string[]): ParsedVm {
  const origin = `VirtualSystem ${sys.id ?? "(no id)"}`;
  const vm = blankVm("ovf");
  vm.name = sys.name ?? sys.id;
  const systemType = sys.systemTypes[0];
  vm.hardwareVersion = systemType ?? null;
  vm.hypervisor.vendor = vendorOf(systemType);

  const firmware = (sys.config.firmware ?? "").toLowerCase();
  vm.firmware = firmware === "efi" ? "efi" : firmware === "bios" ? "bios" : null;

  const osId = sys.osType ?? sys.osId;
  vm.guestOs = {
    id: osId,
    family: guestFamily(sys.osType) ?? cimOsFamily(sys.osId) ?? guestFamily(sys.osDescription),
    name: sys.osDescription,
  };

  const byType = (t: number) => sys.items.filter((i) => i.resourceType === t);
  const cpu = byType(RT.cpu)[0];
  if (cpu) {
    vm.cpu.vcpus = Math.max(1, whole(cpu.fields.VirtualQuantity, fileName, "VirtualQuantity", origin) ?? 1);
    const cores = whole(cpu.fields.CoresPerSocket, fileName, "CoresPerSocket", origin);
    vm.cpu.coresPerSocket = cores && cores > 0 ? cores : null;
  }

  const memory = byType(RT.memory)[0];
  const quantity = whole(memory?.fields.VirtualQuantity, fileName, "VirtualQuantity", origin);
  if (memory == null || quantity == null) {
    throw new AppError("parse_error", `${origin}: no memory item (ResourceType 4)`, { file: fileName, field: "ResourceType 4" });
  }
  let unit = unitMultiplier(memory.fields.AllocationUnits, false);
  if (unit == null) {
    warnings.push(`${fileName}: ${origin}: memory AllocationUnits "${memory.fields.AllocationUnits ?? ""}" not understood; read as MiB`);
    unit = MIB;
  }
  vm.memoryMiB = Math.round((quantity * unit) / MIB);
  if (vm.memoryMiB < 1) {
    throw new AppError("parse_error", `${origin}: memory is below 1 MiB`, { file: fileName, field: "AllocationUnits" });
  }

  const controllers = new Map(sys.items.filter((i) => i.fields.InstanceID).map((i) => [i.fields.InstanceID, i]));
  vm.disks = byType(RT.disk).map(
    (item): Disk => ({
      sizeGiB: diskSize(raw, item.fields.HostResource, warnings, fileName),
      bus: controllerBus(controllers.get(item.fields.Parent ?? "")),
      provisioning: null,
    }),
  );
  vm.nics = byType(RT.nic).map(
    (item): Nic => ({
      model: item.fields.ResourceSubType?.trim().toLowerCase() || null,
      network: item.fields.Connection?.trim() || null,
    }),
  );
  return { vm, identifying: collectIdentifying(raw, sys), origin };
}

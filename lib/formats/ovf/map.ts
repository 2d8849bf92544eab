import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { markDefault, vmwareSingleCoreSocketsByDefault } from "@/lib/formats/util/defaults";
import { note, notePath } from "@/lib/formats/util/identifying";
import { bytesToGiB, parseCount, unitMultiplier } from "@/lib/formats/util/units";
import { attr, child, descendants, where, type XmlElement } from "@/lib/formats/util/xml";
import { blankVm, type Disk, type DiskBus, type HypervisorVendor, type Nic } from "@/lib/vm/model";
import { cimOsFamily, guestFamilyOf } from "@/lib/taxonomy/guest-os";
import type { OvfItem, OvfRaw, OvfVirtualSystem } from "./read";

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

/** A whole number in an item; one that cannot be read is reported with its line and treated as absent. */
function whole(item: OvfItem | undefined, field: string, fileName: string, origin: string, warnings: string[]): number | null {
  const value = item?.fields[field];
  if (value === undefined) return null;
  const n = parseCount(value);
  if (n == null) {
    warnings.push(`${fileName}, ${where(item?.element)}${origin}: ${field} should be a whole number, found "${value.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

/** OVF names NICs by CIM/vendor subtype; VMware's "PCNet32" is the adapter every other VMware source calls "vlance". */
function nicModel(subType: string | undefined, vendor: HypervisorVendor | null): string | null {
  const t = subType?.trim().toLowerCase();
  if (!t) return null;
  if (t === "pcnet32") return vendor === "vmware" ? "vlance" : "pcnet";
  return t.slice(0, 64);
}

/**
 * Firmware of one virtual system. VMware writes `vmw:Config firmware` when it
 * is not the default; a VMware system without it boots BIOS, like a .vmx
 * without a firmware key. VirtualBox embeds its own settings (`vbox:Machine`),
 * whose `<Firmware>` is absent for the default, BIOS.
 */
function firmwareOf(sys: OvfVirtualSystem, vendor: HypervisorVendor | null): { value: "bios" | "efi" | null; defaulted: boolean } {
  const stated = (sys.config.firmware ?? "").toLowerCase();
  if (stated === "efi" || stated === "bios") return { value: stated, defaulted: false };
  if (stated !== "") return { value: null, defaulted: false };
  const vboxMachine = descendants(sys.element, "Machine")[0];
  if (vendor === "virtualbox" && vboxMachine) {
    const type = (attr(descendants(child(vboxMachine, "Hardware"), "Firmware")[0], "type") ?? "").toUpperCase();
    if (type === "") return { value: "bios", defaulted: true };
    return { value: type.startsWith("EFI") ? "efi" : type === "BIOS" ? "bios" : null, defaulted: false };
  }
  if (vendor === "vmware") return { value: "bios", defaulted: true };
  return { value: null, defaulted: false };
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

/**
 * One VirtualSystem as a normalized VM, or null (with a warning) when its
 * memory or CPU count cannot be read: the model needs both and no platform
 * default exists, so that VM is left out rather than guessed.
 */
export function mapOvfSystem(raw: OvfRaw, sys: OvfVirtualSystem, fileName: string, warnings: string[]): ParsedVm | null {
  const origin = `VirtualSystem ${sys.id ?? "(no id)"}`;
  const vm = blankVm("ovf");
  vm.name = (sys.name ?? sys.id)?.slice(0, 512) ?? null;
  const systemType = sys.systemTypes.find((t) => vendorOf(t) !== "other") ?? sys.systemTypes[0];
  vm.hardwareVersion = systemType?.slice(0, 64) ?? null;
  vm.hypervisor.vendor = vendorOf(systemType);

  const fw = firmwareOf(sys, vm.hypervisor.vendor);
  vm.firmware = fw.value;
  if (fw.defaulted) markDefault(vm, "firmware");

  const osId = (sys.osType ?? sys.osId)?.slice(0, 128) ?? null;
  vm.guestOs = {
    id: osId,
    family: guestFamilyOf(sys.osType) ?? cimOsFamily(sys.osId) ?? guestFamilyOf(sys.osDescription),
    name: sys.osDescription?.slice(0, 256) ?? null,
  };

  const byType = (t: number) => sys.items.filter((i) => i.resourceType === t);
  const cpu = byType(RT.cpu)[0];
  const vcpus = whole(cpu, "VirtualQuantity", fileName, origin, warnings);
  if (vcpus == null || vcpus < 1) {
    warnings.push(`${fileName}: ${origin}: no readable CPU item (ResourceType 3); this virtual system is left out`);
    return null;
  }
  vm.cpu.vcpus = Math.min(vcpus, 1024);
  const cores = whole(cpu, "CoresPerSocket", fileName, origin, warnings);
  vm.cpu.coresPerSocket = cores && cores > 0 && cores <= 1024 ? cores : null;
  // A VMware system is a .vmx in an envelope: the same single-core-socket default before hardware version 20.
  const vmxVersion = /^vmx-0*(\d+)$/i.exec(systemType ?? "");
  if (cores == null && vm.hypervisor.vendor === "vmware" && vmwareSingleCoreSocketsByDefault(vmxVersion ? Number(vmxVersion[1]) : null)) {
    vm.cpu.coresPerSocket = 1;
    markDefault(vm, "cpu.coresPerSocket");
  }

  const memory = byType(RT.memory)[0];
  const quantity = whole(memory, "VirtualQuantity", fileName, origin, warnings);
  // CIM leaves AllocationUnits without a default; memory in unknown units is not guessed.
  const unit = unitMultiplier(memory?.fields.AllocationUnits, false);
  const mib = quantity != null && unit != null ? Math.round((quantity * unit) / MIB) : null;
  if (mib == null || mib < 1) {
    const why = memory == null ? "no memory item (ResourceType 4)"
      : quantity == null ? "no readable memory VirtualQuantity"
      : unit == null ? `memory AllocationUnits "${memory.fields.AllocationUnits ?? ""}" not understood`
      : "memory is below 1 MiB";
    warnings.push(`${fileName}, ${where(memory?.element)}${origin}: ${why}; this virtual system is left out`);
    return null;
  }
  vm.memoryMiB = mib;

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
      model: nicModel(item.fields.ResourceSubType, vm.hypervisor.vendor),
      network: item.fields.Connection?.trim().slice(0, 256) || null,
    }),
  );
  return { vm, identifying: collectIdentifying(raw, sys), origin };
}

import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { markDefault } from "@/lib/formats/util/defaults";
import { guestFamilyOf } from "@/lib/taxonomy/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { parseCount } from "@/lib/formats/util/units";
import { attr, child, childrenNamed, descendants, where, type XmlElement } from "@/lib/formats/util/xml";
import { blankVm, type Disk, type DiskBus, type Nic } from "@/lib/vm/model";
import type { VboxRaw } from "./read";

/** VirtualBox NetworkAdapterType values (VirtualBox.xidl) to the lower-case model names used across formats. */
const ADAPTERS: Record<string, string> = {
  "82540em": "e1000", "82543gc": "e1000", "82545em": "e1000",
  virtio: "virtio", "virtio_1.0": "virtio",
  am79c970a: "pcnet", am79c973: "pcnet", am79c960: "pcnet",
};

/** StorageControllerType values to buses; VirtioSCSI presents disks on a SCSI bus, as in libvirt. */
const CONTROLLERS: Record<string, DiskBus> = {
  ahci: "sata", piix3: "ide", piix4: "ide", ich6: "ide", lsilogic: "scsi", buslogic: "scsi", lsilogicsas: "scsi",
  virtioscsi: "scsi", nvme: "nvme", usb: "usb", i82078: "other",
};

/** Attachment elements inside an <Adapter> and the attribute naming their network (NAT has none). */
const ATTACHMENTS = ["BridgedInterface", "InternalNetwork", "HostOnlyInterface", "NATNetwork", "GenericInterface", "CloudNetwork", "HostOnlyNetwork"];

function stripBraces(uuid: string | null): string | null {
  return uuid == null ? null : uuid.replace(/[{}]/g, "").toLowerCase();
}

function hardwareEl(machine: XmlElement): XmlElement | undefined {
  return child(machine, "Hardware");
}

function collectIdentifying(machine: XmlElement): IdentifyingFacts {
  const facts = emptyIdentifying();
  note(facts, "hostnames", attr(machine, "name"));
  note(facts, "uuids", attr(machine, "uuid"));
  note(facts, "uuids", stripBraces(attr(machine, "uuid")));
  notePath(facts, attr(machine, "snapshotFolder"));
  notePath(facts, attr(machine, "stateFile"));
  for (const d of childrenNamed(machine, "Description")) note(facts, "other", d.text);
  const walk = (el: XmlElement) => {
    for (const [k, v] of Object.entries(el.attrs)) {
      if (k === "uuid" || k === "hardwareUUID" || k === "currentSnapshot") {
        note(facts, "uuids", v);
        note(facts, "uuids", stripBraces(v));
      }
      if (k === "location" || k === "path" || k === "hostPath" || k === "src") notePath(facts, v);
      if (k === "MACAddress") {
        note(facts, "macs", v);
        if (/^[0-9a-f]{12}$/i.test(v)) note(facts, "macs", v.match(/../g)!.join(":"));
      }
      if ((k === "name" && ATTACHMENTS.includes(el.name)) || k === "bridgedInterface" || k === "internalNetwork" || k === "hostOnlyInterface") {
        note(facts, "networks", v);
      }
      if (el.name === "Snapshot" && k === "name") note(facts, "other", v);
      if (el.name === "GuestProperty" && k === "value") note(facts, "other", v);
      if (el.name === "SharedFolder" && k === "name") note(facts, "other", v);
    }
    if (el.name === "Description" && el.text) note(facts, "other", el.text);
    el.children.forEach(walk);
  };
  walk(machine);
  return facts;
}

/** A whole-number attribute; one that cannot be read is reported with its element's line and treated as absent. */
function count(el: XmlElement | undefined, name: string, fileName: string, warnings: string[]): number | null {
  const value = attr(el, name);
  if (value == null) return null;
  const n = parseCount(value);
  if (n == null) {
    warnings.push(`${fileName}, ${where(el)}<${el!.name} ${name}> should be a whole number, found "${value.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

export function mapVbox(raw: VboxRaw, fileName: string, warnings: string[] = []): ParsedVm {
  const { machine } = raw;
  const vm = blankVm("vbox");
  vm.name = attr(machine, "name")?.slice(0, 512) ?? null;
  vm.hypervisor.vendor = "virtualbox";
  const version = raw.version?.split("-")[0];
  vm.hardwareVersion = version ? `virtualbox-${version}`.slice(0, 64) : null;

  const osType = attr(machine, "OSType")?.slice(0, 128) ?? null;
  vm.guestOs = { id: osType, family: guestFamilyOf(osType), name: null };

  const hw = hardwareEl(machine);
  // VirtualBox 7.1 moved CPU and firmware under <Platform>; search below <Hardware> to read both layouts.
  const cpu = descendants(hw, "CPU")[0];
  // VirtualBox leaves out attributes that hold their default; a <CPU> without count has one vCPU (docs/normalized-model.md).
  const vcpus = count(cpu, "count", fileName, warnings);
  vm.cpu.vcpus = Math.min(Math.max(1, vcpus ?? 1), 1024);
  if (vcpus == null) markDefault(vm, "cpu.vcpus");

  const memory = descendants(hw, "Memory")[0];
  const ram = count(memory, "RAMSize", fileName, warnings);
  // Memory has no default worth the name (the schema requires RAMSize) and the model needs it.
  if (ram == null || ram < 1) throw new AppError("parse_error", "Memory RAMSize is missing or unreadable", { file: fileName, line: memory?.line, field: "Memory.RAMSize" });
  vm.memoryMiB = ram;

  const firmwareEl = descendants(hw, "Firmware")[0];
  const fw = (attr(firmwareEl, "type") ?? "").toUpperCase();
  if (fw === "") {
    // No <Firmware> element, or one without type: VirtualBox's default firmware is BIOS.
    vm.firmware = "bios";
    markDefault(vm, "firmware");
  } else {
    vm.firmware = fw.startsWith("EFI") ? "efi" : fw === "BIOS" ? "bios" : null;
    if (vm.firmware == null) warnings.push(`${fileName}, ${where(firmwareEl)}unknown firmware type "${fw.slice(0, 20)}"; firmware unknown`);
  }

  const disks: Disk[] = [];
  // Snapshots carry their own <StorageControllers>: read only the machine's current ones.
  const controllers = child(machine, "StorageControllers") ?? child(hw, "StorageControllers");
  for (const controller of childrenNamed(controllers, "StorageController")) {
    const bus = CONTROLLERS[(attr(controller, "type") ?? "").toLowerCase()] ?? null;
    for (const device of childrenNamed(controller, "AttachedDevice")) {
      if (attr(device, "type") !== "HardDisk") continue;
      disks.push({ sizeGiB: null, bus, provisioning: null });
    }
  }
  // VirtualBox 2.x (settings 1.5 and older) attached disks directly to the machine, naming the bus.
  for (const attachment of childrenNamed(child(machine, "HardDiskAttachments"), "HardDiskAttachment")) {
    const bus = (attr(attachment, "bus") ?? "").toLowerCase();
    disks.push({ sizeGiB: null, bus: bus === "ide" ? "ide" : bus === "sata" ? "sata" : bus === "scsi" ? "scsi" : null, provisioning: null });
  }
  vm.disks = disks;

  const nics: Nic[] = [];
  for (const adapter of descendants(hw, "Adapter")) {
    if (attr(adapter, "enabled") !== "true") continue;
    const type = attr(adapter, "type");
    const attachment = adapter.children.find((c) => ATTACHMENTS.includes(c.name) || c.name === "NAT");
    let network: string | null = null;
    if (attachment && attachment.name !== "NAT") network = attr(attachment, "name");
    else if (attachment?.name === "NAT") network = "NAT";
    // Older files name the attached network on the adapter itself when the child element is empty.
    network ??= attr(adapter, "bridgedInterface") ?? attr(adapter, "internalNetwork") ?? attr(adapter, "hostOnlyInterface");
    // Without a type attribute VirtualBox reads the adapter as Am79C970A (PCnet-PCI II), a PCnet like Am79C973.
    if (type == null) markDefault(vm, "nics.model");
    nics.push({ model: (type == null ? "pcnet" : ADAPTERS[type.toLowerCase()] ?? type.toLowerCase()).slice(0, 64), network: network?.slice(0, 256) ?? null });
  }
  vm.nics = nics;
  return { vm, identifying: collectIdentifying(machine) };
}

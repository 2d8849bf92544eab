import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/formats/types";
import { guestFamily } from "@/lib/formats/util/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { parseCount } from "@/lib/formats/util/units";
import { attr, child, childrenNamed, descendants, type XmlElement } from "@/lib/formats/xml";
import { blankVm, type Disk, type DiskBus, type Nic } from "@/lib/vm/model";
import type { VboxRaw } from "./parse-vbox";

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

function count(value: string | null, fileName: string, field: string): number | null {
  if (value == null) return null;
  const n = parseCount(value);
  if (n == null) throw new AppError("parse_error", `expected a whole number, found "${value.slice(0, 40)}"`, { file: fileName, field });
  return n;
}

export function vboxToParsedVm(raw: VboxRaw, fileName: string): ParsedVm {
  const { machine } = raw;
  const vm = blankVm("vbox");
  vm.name = attr(machine, "name");
  vm.hypervisor.vendor = "virtualbox";
  const version = raw.version?.split("-")[0];
  vm.hardwareVersion = version ? `virtualbox-${version}` : null;

  const osType = attr(machine, "OSType");
  vm.guestOs = { id: osType, family: guestFamily(osType), name: null };

  const hw = hardwareEl(machine);
  // VirtualBox 7.1 moved CPU and firmware under <Platform>; search below <Hardware> to read both layouts.
  const cpu = descendants(hw, "CPU")[0];
  // VirtualBox omits attributes that hold their default: a <CPU> without count has one vCPU.
  vm.cpu.vcpus = Math.max(1, count(attr(cpu, "count"), fileName, "CPU.count") ?? 1);

  const memory = descendants(hw, "Memory")[0];
  const ram = count(attr(memory, "RAMSize"), fileName, "Memory.RAMSize");
  if (ram == null || ram < 1) throw new AppError("parse_error", "Memory RAMSize is missing", { file: fileName, field: "Memory.RAMSize" });
  vm.memoryMiB = ram;

  const fw = (attr(descendants(hw, "Firmware")[0], "type") ?? "").toUpperCase();
  vm.firmware = fw.startsWith("EFI") ? "efi" : fw === "BIOS" ? "bios" : null;

  const known = new Set(descendants(child(machine, "MediaRegistry"), "HardDisk").map((d) => stripBraces(attr(d, "uuid"))));
  const disks: Disk[] = [];
  // Snapshots carry their own <StorageControllers>: read only the machine's current ones.
  const controllers = child(machine, "StorageControllers") ?? child(hw, "StorageControllers");
  for (const controller of childrenNamed(controllers, "StorageController")) {
    const bus = CONTROLLERS[(attr(controller, "type") ?? "").toLowerCase()] ?? null;
    for (const device of childrenNamed(controller, "AttachedDevice")) {
      if (attr(device, "type") !== "HardDisk") continue;
      const image = stripBraces(attr(child(device, "Image"), "uuid"));
      if (image != null && !known.has(image)) continue;
      disks.push({ sizeGiB: null, bus, provisioning: null });
    }
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
    // Am79C973 is VirtualBox's documented default adapter type when the attribute is absent.
    nics.push({ model: type == null ? "pcnet" : ADAPTERS[type.toLowerCase()] ?? type.toLowerCase(), network });
  }
  vm.nics = nics;
  return { vm, identifying: collectIdentifying(machine) };
}

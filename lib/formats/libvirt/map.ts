import { ownValue } from "@/lib/own-key";
import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { markDefault } from "@/lib/formats/util/defaults";
import { guestFamilyOf, libosinfoName } from "@/lib/taxonomy/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { bytesToMiB, parseCount, unitMultiplier } from "@/lib/formats/util/units";
import { attr, child, childText, childrenNamed, descendants, where, type XmlElement } from "@/lib/formats/util/xml";
import { blankVm, type Disk, type DiskBus, type HypervisorVendor, type Nic } from "@/lib/vm/model";
import type { LibvirtRaw } from "./read";

const BUSES: Record<string, DiskBus> = { virtio: "virtio", scsi: "scsi", sata: "sata", ide: "ide", nvme: "nvme", usb: "usb" };
const VENDORS: Record<string, HypervisorVendor> = {
  kvm: "kvm", qemu: "kvm", xen: "xen", vmware: "vmware", hyperv: "microsoft", vbox: "virtualbox",
};
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/g;

/** A whole number in an element; one that cannot be read is reported with its line and treated as absent. */
function count(el: XmlElement | undefined, fileName: string, field: string, warnings: string[]): number | null {
  if (!el || el.text === "") return null;
  const n = parseCount(el.text);
  if (n == null) {
    warnings.push(`${fileName}, ${where(el)}<${field}> should be a whole number, found "${el.text.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

/** Topology numbers are attributes; an unreadable one is reported and left unknown. */
function topologyCount(topology: XmlElement, name: string, fileName: string, warnings: string[]): number | null {
  const raw = attr(topology, name);
  if (raw == null) return null;
  const n = parseCount(raw);
  if (n == null || n < 1) {
    warnings.push(`${fileName}, ${where(topology)}<topology ${name}> should be a whole number >= 1, found "${raw.slice(0, 20)}"; ignored`);
    return null;
  }
  return n;
}

function memoryMiB(domain: XmlElement, fileName: string, warnings: string[]): number {
  const el = child(domain, "memory") ?? child(domain, "currentMemory");
  const amount = count(el, fileName, "memory", warnings);
  // Memory has no default in libvirt (the element is required) and the model needs it.
  if (el == null || amount == null) throw new AppError("parse_error", "<memory> is missing or unreadable", { file: fileName, line: el?.line, field: "memory" });
  // libvirt's documented default unit is KiB; "KB" etc. are decimal there.
  const unit = unitMultiplier(attr(el, "unit") ?? "KiB", true);
  if (unit == null) throw new AppError("parse_error", `unknown memory unit "${attr(el, "unit")}"`, { file: fileName, line: el.line, field: "memory" });
  const mib = bytesToMiB(amount * unit);
  if (mib < 1) throw new AppError("parse_error", "memory is below 1 MiB", { file: fileName, field: "memory" });
  return mib;
}

/**
 * Firmware as the domain states it: `<os firmware=...>` or a recognisable
 * `<loader>` image. A fully virtualized (hvm) domain that names neither boots
 * the hypervisor's BIOS, libvirt's documented default; a loader that cannot be
 * recognised, or a paravirtualized guest (which has no firmware), stays unknown.
 */
function firmware(os: XmlElement | undefined): { value: "efi" | "bios" | null; defaulted: boolean } {
  const declared = attr(os, "firmware");
  if (declared === "efi" || declared === "bios") return { value: declared, defaulted: false };
  const loader = child(os, "loader");
  if (loader) {
    if (/ovmf|edk2|aavmf|qemu_efi|uefi|\befi\b|\.efi\b/i.test(loader.text)) return { value: "efi", defaulted: false };
    if (/seabios|bios\.bin|bios-256k/i.test(loader.text)) return { value: "bios", defaulted: false };
    return { value: null, defaulted: false };
  }
  if (declared == null && (childText(os, "type") ?? "").toLowerCase() === "hvm") return { value: "bios", defaulted: true };
  return { value: null, defaulted: false };
}

/** libvirt infers a disk's bus from its target name when `bus` is absent ("sda" is SCSI, "hda" IDE, "vda" virtio). */
function busFromTargetName(dev: string | null): DiskBus | null {
  const name = (dev ?? "").toLowerCase();
  if (name.startsWith("vd")) return "virtio";
  if (name.startsWith("sd")) return "scsi";
  if (name.startsWith("hd")) return "ide";
  if (name.startsWith("xvd")) return "other";
  return null;
}

function guestOs(domain: XmlElement): ParsedVm["vm"]["guestOs"] {
  const os = descendants(child(domain, "metadata"), "os").find((e) => attr(e, "id"));
  const id = attr(os, "id");
  if (!id) return { id: null, family: null, name: null };
  return { id, family: guestFamilyOf(id), name: libosinfoName(id) };
}

function collectIdentifying(domain: XmlElement): IdentifyingFacts {
  const facts = emptyIdentifying();
  note(facts, "hostnames", childText(domain, "name"));
  note(facts, "hostnames", childText(domain, "title"));
  note(facts, "uuids", childText(domain, "uuid"));
  note(facts, "other", childText(domain, "description"));
  for (const entry of descendants(child(domain, "sysinfo"), "entry")) {
    if (/serial|uuid|sku|asset/i.test(attr(entry, "name") ?? "")) note(facts, "uuids", entry.text);
  }
  const os = child(domain, "os");
  for (const name of ["nvram", "kernel", "initrd", "dtb"]) notePath(facts, childText(os, name));
  note(facts, "other", childText(os, "cmdline"));
  notePath(facts, childText(domain, "bootloader"));
  const devices = child(domain, "devices");
  for (const disk of childrenNamed(devices, "disk")) {
    const source = child(disk, "source");
    for (const key of ["file", "dev", "dir", "name", "volume"]) notePath(facts, attr(source, key));
    note(facts, "other", attr(source, "pool"));
    for (const host of childrenNamed(source, "host")) note(facts, "hostnames", attr(host, "name"));
    note(facts, "uuids", childText(disk, "serial"));
    note(facts, "uuids", childText(disk, "wwn"));
  }
  for (const nic of childrenNamed(devices, "interface")) {
    note(facts, "macs", attr(child(nic, "mac"), "address"));
    const source = child(nic, "source");
    for (const key of ["network", "bridge", "dev", "portgroup"]) note(facts, "networks", attr(source, key));
    note(facts, "networks", attr(child(nic, "target"), "dev"));
    for (const ip of childrenNamed(nic, "ip")) note(facts, "ips", attr(ip, "address"));
  }
  for (const fs of childrenNamed(devices, "filesystem")) notePath(facts, attr(child(fs, "source"), "dir"));
  const scanIps = (el: XmlElement) => {
    for (const v of Object.values(el.attrs)) for (const ip of v.match(IPV4) ?? []) note(facts, "ips", ip);
    for (const ip of el.text.match(IPV4) ?? []) note(facts, "ips", ip);
    el.children.forEach(scanIps);
  };
  scanIps(domain);
  return facts;
}

export function mapLibvirt(raw: LibvirtRaw, fileName: string, warnings: string[] = []): ParsedVm {
  const { domain } = raw;
  const vm = blankVm("libvirt");
  vm.name = childText(domain, "name")?.slice(0, 512) ?? null;
  const type = (attr(domain, "type") ?? "").toLowerCase();
  vm.hypervisor.vendor = type === "" ? null : ownValue(VENDORS, type) ?? "other";

  const os = child(domain, "os");
  vm.hardwareVersion = attr(child(os, "type"), "machine")?.slice(0, 64) ?? null;
  const fw = firmware(os);
  vm.firmware = fw.value;
  if (fw.defaulted) markDefault(vm, "firmware");
  vm.guestOs = guestOs(domain);

  const vcpuEl = child(domain, "vcpu");
  const vcpus = count(vcpuEl, fileName, "vcpu", warnings);
  // libvirt gives a domain without <vcpu> one virtual CPU.
  vm.cpu.vcpus = Math.min(Math.max(1, vcpus ?? 1), 1024);
  if (vcpus == null) markDefault(vm, "cpu.vcpus");
  const topology = child(child(domain, "cpu"), "topology");
  if (topology) {
    // cores is per socket (and per die and cluster); threads per core is its own field, never folded into cores.
    const cores = topologyCount(topology, "cores", fileName, warnings);
    const threads = topologyCount(topology, "threads", fileName, warnings);
    vm.cpu.coresPerSocket = cores != null && cores <= 1024 ? cores : null;
    vm.cpu.threadsPerCore = threads != null && threads <= 8 ? threads : null;
  }
  vm.memoryMiB = memoryMiB(domain, fileName, warnings);

  const devices = child(domain, "devices");
  vm.disks = childrenNamed(devices, "disk")
    .filter((d) => (attr(d, "device") ?? "disk") === "disk")
    .map((d): Disk => {
      const target = child(d, "target");
      const bus = attr(target, "bus");
      if (bus != null) return { sizeGiB: null, bus: ownValue(BUSES, bus.toLowerCase()) ?? "other", provisioning: null };
      const inferred = busFromTargetName(attr(target, "dev"));
      if (inferred != null) markDefault(vm, "disks.bus");
      return { sizeGiB: null, bus: inferred, provisioning: null };
    });
  vm.nics = childrenNamed(devices, "interface").map((n): Nic => {
    const source = child(n, "source");
    const network = attr(source, "network") ?? attr(source, "bridge") ?? attr(source, "dev") ?? null;
    return { model: attr(child(n, "model"), "type")?.toLowerCase().slice(0, 64) ?? null, network: network?.slice(0, 256) ?? null };
  });
  return { vm, identifying: collectIdentifying(domain) };
}

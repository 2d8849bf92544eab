import { ownValue } from "@/lib/own-key";
import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/formats/types";
import { guestFamily, libosinfoName } from "@/lib/formats/util/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { bytesToMiB, parseCount, unitMultiplier } from "@/lib/formats/util/units";
import { attr, child, childText, childrenNamed, descendants, type XmlElement } from "@/lib/formats/xml";
import { blankVm, type Disk, type DiskBus, type HypervisorVendor, type Nic } from "@/lib/vm/model";
import type { LibvirtRaw } from "./parse-libvirt";

const BUSES: Record<string, DiskBus> = { virtio: "virtio", scsi: "scsi", sata: "sata", ide: "ide", nvme: "nvme", usb: "usb" };
const VENDORS: Record<string, HypervisorVendor> = {
  kvm: "kvm", qemu: "kvm", xen: "xen", vmware: "vmware", hyperv: "microsoft", vbox: "virtualbox",
};
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/g;

function count(el: XmlElement | undefined, fileName: string, field: string): number | null {
  if (!el || el.text === "") return null;
  const n = parseCount(el.text);
  if (n == null) throw new AppError("parse_error", `expected a whole number, found "${el.text.slice(0, 40)}"`, { file: fileName, field });
  return n;
}

function memoryMiB(domain: XmlElement, fileName: string): number {
  const el = child(domain, "memory") ?? child(domain, "currentMemory");
  const amount = count(el, fileName, "memory");
  if (el == null || amount == null) throw new AppError("parse_error", "<memory> is missing", { file: fileName, field: "memory" });
  // libvirt's documented default unit is KiB; "KB" etc. are decimal there.
  const unit = unitMultiplier(attr(el, "unit") ?? "KiB", true);
  if (unit == null) throw new AppError("parse_error", `unknown memory unit "${attr(el, "unit")}"`, { file: fileName, field: "memory" });
  const mib = bytesToMiB(amount * unit);
  if (mib < 1) throw new AppError("parse_error", "memory is below 1 MiB", { file: fileName, field: "memory" });
  return mib;
}

function firmware(os: XmlElement | undefined): "efi" | "bios" | null {
  const declared = attr(os, "firmware");
  if (declared === "efi" || declared === "bios") return declared;
  const loader = child(os, "loader");
  if (loader && /ovmf|edk2|aavmf|efi/i.test(loader.text)) return "efi";
  return null;
}

function guestOs(domain: XmlElement): ParsedVm["vm"]["guestOs"] {
  const os = descendants(child(domain, "metadata"), "os").find((e) => attr(e, "id"));
  const id = attr(os, "id");
  if (!id) return { id: null, family: null, name: null };
  return { id, family: guestFamily(id), name: libosinfoName(id) };
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

export function libvirtToParsedVm(raw: LibvirtRaw, fileName: string): ParsedVm {
  const { domain } = raw;
  const vm = blankVm("libvirt");
  vm.name = childText(domain, "name");
  const type = (attr(domain, "type") ?? "").toLowerCase();
  vm.hypervisor.vendor = type === "" ? null : ownValue(VENDORS, type) ?? "other";

  const os = child(domain, "os");
  vm.hardwareVersion = attr(child(os, "type"), "machine");
  vm.firmware = firmware(os);
  vm.guestOs = guestOs(domain);

  vm.cpu.vcpus = Math.max(1, count(child(domain, "vcpu"), fileName, "vcpu") ?? 1);
  const topology = child(child(domain, "cpu"), "topology");
  if (topology) {
    const cores = parseCount(attr(topology, "cores"));
    const threads = parseCount(attr(topology, "threads")) ?? 1;
    vm.cpu.coresPerSocket = cores && cores > 0 && threads > 0 ? cores * threads : null;
  }
  vm.memoryMiB = memoryMiB(domain, fileName);

  const devices = child(domain, "devices");
  vm.disks = childrenNamed(devices, "disk")
    .filter((d) => (attr(d, "device") ?? "disk") === "disk")
    .map((d): Disk => {
      const bus = attr(child(d, "target"), "bus");
      return { sizeGiB: null, bus: bus == null ? null : ownValue(BUSES, bus) ?? "other", provisioning: null };
    });
  vm.nics = childrenNamed(devices, "interface").map((n): Nic => {
    const source = child(n, "source");
    const network = attr(source, "network") ?? attr(source, "bridge") ?? attr(source, "dev") ?? null;
    return { model: attr(child(n, "model"), "type")?.toLowerCase() ?? null, network };
  });
  return { vm, identifying: collectIdentifying(domain) };
}

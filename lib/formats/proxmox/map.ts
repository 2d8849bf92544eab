import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { blankVm, type Disk, type DiskBus, type Nic } from "@/lib/vm/model";
import { markDefault } from "@/lib/formats/util/defaults";
import { bytesToGiB } from "@/lib/formats/util/units";
import { addUnique, scanForIdentifiers } from "@/lib/formats/util/identifying";
import { fitVm } from "@/lib/formats/util/fit-vm";
import { proxmoxOstype } from "@/lib/taxonomy/guest-os";
import { splitPropertyString, type ProxmoxRawConfig } from "./read";

const NIC_MODELS = new Set([
  "e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em", "e1000e", "i82551", "i82557b", "i82559er",
  "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3",
]);

const DISK_KEY = /^(scsi|virtio|sata|ide)(\d+)$/;

export function mapProxmox(raw: ProxmoxRawConfig, fileName: string, warnings: string[] = []): ParsedVm {
  const vm = blankVm("proxmox");
  const facts = emptyIdentifying();
  const get = (key: string) => raw.entries.get(key);

  vm.hypervisor = { vendor: "proxmox", product: "Proxmox VE", version: null };
  const name = get("name")?.value ?? null;
  vm.name = name;
  addUnique(facts.hostnames, name);

  // qm.conf(5): cores and sockets default to 1, vcpus to cores * sockets, memory to 512 MiB, bios to SeaBIOS.
  const cores = intField(raw, "cores", fileName, warnings);
  const sockets = intField(raw, "sockets", fileName, warnings);
  const hotplugged = intField(raw, "vcpus", fileName, warnings);
  if (cores == null) markDefault(vm, "cpu.coresPerSocket");
  // vcpus is the hot-plugged subset actually given to the guest; cores stays the topology.
  vm.cpu = { vcpus: Math.min(hotplugged ?? (cores ?? 1) * (sockets ?? 1), 1024), coresPerSocket: cores ?? 1, threadsPerCore: null };
  if (hotplugged == null && cores == null && sockets == null) markDefault(vm, "cpu.vcpus");
  const memory = memoryMiB(raw, fileName, warnings);
  vm.memoryMiB = memory ?? 512;
  if (memory == null) markDefault(vm, "memoryMiB");

  const bios = get("bios")?.value.toLowerCase();
  if (bios == null) {
    vm.firmware = "bios";
    markDefault(vm, "firmware");
  } else {
    vm.firmware = bios === "ovmf" ? "efi" : bios === "seabios" ? "bios" : null;
    if (vm.firmware == null) warnings.push(`${fileName}, line ${get("bios")!.line}: unknown bios "${bios.slice(0, 20)}"; firmware unknown`);
  }

  const machine = get("machine")?.value;
  if (machine) {
    const type = splitPropertyString(machine).find(([k]) => k === "" || k === "type")?.[1];
    vm.hardwareVersion = type ? type.slice(0, 64) : null;
  }

  const ostype = get("ostype")?.value.toLowerCase() ?? null;
  if (ostype) {
    const known = proxmoxOstype(ostype);
    vm.guestOs = { id: ostype, family: known?.family ?? null, name: known?.name ?? null };
  }

  const diskKeys = [...raw.entries.keys()].filter((k) => DISK_KEY.test(k)).sort(byBusAndIndex);
  vm.disks = diskKeys.flatMap((k) => mapDisk(k, raw.entries.get(k)!.value, facts, raw.entries.get(k)!.line, fileName, warnings));
  const netKeys = [...raw.entries.keys()].filter((k) => /^net\d+$/.test(k)).sort(byBusAndIndex);
  vm.nics = netKeys.map((k) => mapNic(raw.entries.get(k)!.value, facts));

  collectIdentifying(raw, facts);
  return { vm: fitVm(vm), identifying: facts, origin: name ? `VM ${name}` : undefined };
}

function byBusAndIndex(a: string, b: string): number {
  const [, pa, na] = /^([a-z]+)(\d+)$/.exec(a) ?? ["", a, "0"];
  const [, pb, nb] = /^([a-z]+)(\d+)$/.exec(b) ?? ["", b, "0"];
  return pa === pb ? Number(na) - Number(nb) : pa.localeCompare(pb);
}

/** A whole number 1..1024; an unreadable one is reported with its line and treated as absent (the default applies). */
function intField(raw: ProxmoxRawConfig, key: string, fileName: string, warnings: string[]): number | null {
  const entry = raw.entries.get(key);
  if (!entry) return null;
  const n = Number(entry.value);
  if (!/^\d+$/.test(entry.value) || n < 1 || n > 1024) {
    warnings.push(`${fileName}, line ${entry.line}: ${key} should be a whole number from 1 to 1024, found "${entry.value.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

/** "memory: 4096" (all versions) or "memory: current=4096" (PVE 8.1+ with virtio-mem); null when absent or unreadable. */
function memoryMiB(raw: ProxmoxRawConfig, fileName: string, warnings: string[]): number | null {
  const entry = raw.entries.get("memory");
  if (!entry) return null;
  const pairs = splitPropertyString(entry.value);
  const current = pairs.find(([k]) => k === "" || k === "current")?.[1] ?? "";
  const n = Number(current);
  if (!/^\d+$/.test(current) || n < 1 || n > 64 * 1024 * 1024) {
    warnings.push(`${fileName}, line ${entry.line}: memory should be a size in MiB, found "${entry.value.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

const SIZE_UNITS: Record<string, number> = { "": 1, B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Proxmox sizes: "32G", "512M", "1T", "100K", or a plain byte count. */
export function proxmoxSizeGiB(size: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([BKMGT]?)$/i.exec(size.trim());
  if (!m) return null;
  return bytesToGiB(Number(m[1]) * SIZE_UNITS[m[2].toUpperCase()]);
}

function mapDisk(key: string, value: string, facts: IdentifyingFacts, line: number, fileName: string, warnings: string[]): Disk[] {
  const pairs = splitPropertyString(value);
  const opts = new Map(pairs.filter(([k]) => k !== ""));
  const volume = pairs.find(([k]) => k === "" || k === "file")?.[1] ?? "";
  addUnique(facts.paths, volume === "none" || volume === "cdrom" ? null : volume);
  if (opts.get("media") === "cdrom" || volume === "none" || volume === "cdrom") return [];
  const size = opts.get("size");
  const sizeGiB = size ? proxmoxSizeGiB(size) : null;
  if (size && sizeGiB === null) warnings.push(`${fileName}, line ${line}: ${key} has an unreadable size "${size.slice(0, 20)}"; size unknown`);
  const bus = /^[a-z]+/.exec(key)![0] as DiskBus;
  return [{ sizeGiB, bus, provisioning: null }];
}

function mapNic(value: string, facts: IdentifyingFacts): Nic {
  const pairs = splitPropertyString(value);
  let model: string | null = null;
  for (const [k, v] of pairs) {
    if (NIC_MODELS.has(k)) {
      model = k;
      addUnique(facts.macs, v);
    }
  }
  // Old configs (PVE 1.x/2.x) wrote "model=virtio,macaddr=..." instead of "virtio=<mac>".
  const opts = new Map(pairs);
  model ??= opts.get("model")?.toLowerCase() ?? null;
  addUnique(facts.macs, opts.get("macaddr"));
  const bridge = opts.get("bridge") ?? null;
  const tag = opts.get("tag");
  addUnique(facts.networks, bridge);
  return { model: model?.startsWith("e1000-") ? "e1000" : model, network: bridge && tag ? `${bridge}.${tag}` : bridge };
}

/** Keys whose values identify the VM, its owner or its storage, per qm.conf(5). */
function collectIdentifying(raw: ProxmoxRawConfig, facts: IdentifyingFacts): void {
  for (const line of raw.description) addUnique(facts.other, line);
  for (const [key, { value }] of raw.entries) {
    if (key === "smbios1") {
      for (const [k, v] of splitPropertyString(value)) {
        if (k === "uuid") addUnique(facts.uuids, v);
        else if (k === "serial" || k === "sku" || k === "family" || k === "manufacturer" || k === "product" || k === "version") addUnique(facts.other, v);
      }
    } else if (key === "vmgenid") addUnique(facts.uuids, value);
    else if (/^(efidisk|tpmstate|unused)\d+$/.test(key) || key === "vmstate" || key === "hookscript") {
      addUnique(facts.paths, splitPropertyString(value).find(([k]) => k === "" || k === "file")?.[1]);
    } else if (/^ipconfig\d+$/.test(key) || key === "nameserver") {
      for (const [, v] of splitPropertyString(value)) for (const ip of v.split(/\s+/)) if (/[0-9a-f][.:]/i.test(ip)) addUnique(facts.ips, ip.replace(/\/\d+$/, ""));
    } else if (key === "ciuser") addUnique(facts.users, value);
    else if (key === "searchdomain") addUnique(facts.hostnames, value);
    else if (key === "sshkeys" || key === "cipassword" || key === "tags" || key === "description" || key === "args") addUnique(facts.other, value);
    else if (key === "cicustom") for (const [, v] of splitPropertyString(value)) addUnique(facts.paths, v);
  }
  scanForIdentifiers([...raw.entries.values()].map((e) => e.value), facts);
}

import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { markDefault, vmwareSingleCoreSocketsByDefault } from "@/lib/formats/util/defaults";
import { guestFamilyOf, vmwareGuestName } from "@/lib/taxonomy/guest-os";
import { note, notePath } from "@/lib/formats/util/identifying";
import { baseName } from "@/lib/formats/util/text";
import { bytesToGiB, parseCount } from "@/lib/formats/util/units";
import { blankVm, type Disk, type DiskBus, type Nic } from "@/lib/vm/model";
import { vmxBool, vmxGet, vmxLine, type VmxRaw } from "./read";
import { parseVmdkDescriptor, vmdkProvisioning } from "./vmdk";

const DEVICE_KEY = /^(scsi|sata|ide|nvme)(\d+):(\d+)\.(.+)$/;
const NIC_KEY = /^ethernet(\d+)\.(.+)$/;
const NOT_DISK = /cdrom|floppy|passthru|atapi/;
const MAC = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;
const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/;
const IPV6 = /\b[0-9a-f]{1,4}(:[0-9a-f]{0,4}){2,7}\b/i;

interface Device {
  bus: DiskBus;
  controller: string;
  order: number;
  props: Map<string, string>;
}

/** A whole number setting; one that cannot be read is reported and treated as absent, so the rest of the file still counts. */
function count(raw: VmxRaw, fileName: string, key: string, min: number, warnings: string[]): number | null {
  const value = vmxGet(raw, key);
  if (value == null) return null;
  const n = parseCount(value);
  if (n == null || n < min) {
    warnings.push(`${fileName}, line ${vmxLine(raw, key)}: ${key} should be a whole number >= ${min}, found "${value.slice(0, 40)}"; ignored`);
    return null;
  }
  return n;
}

function collectIdentifying(raw: VmxRaw): IdentifyingFacts {
  const facts = emptyIdentifying();
  for (const [key, { value }] of raw.entries) {
    if (key === "displayname" || /hostname/.test(key)) note(facts, "hostnames", value);
    if (/(^|\.)(generatedaddress|address)$/.test(key) && key.startsWith("ethernet")) note(facts, "macs", value);
    if (/uuid|genid|^vc\.|^machine\.id$|^vmci\d+\.id$|dvs\.(switchid|portid|portgroupid|connectionid)/.test(key)) {
      note(facts, "uuids", value);
    }
    if (/filename$|\.dir$|derivedname$|^nvram$|^extendedconfigfile$|hostlog$|vmstate$|^workingdir$|^sched\.swap\.|\.vnet$/.test(key)) {
      notePath(facts, value);
    }
    if (/networkname$/.test(key)) note(facts, "networks", value);
    if (key === "annotation" || key.startsWith("guestinfo.") || key.startsWith("guestinfo")) note(facts, "other", value);
    if (MAC.test(value.trim())) note(facts, "macs", value);
    for (const ip of value.match(new RegExp(IPV4, "g")) ?? []) note(facts, "ips", ip);
    if (key.startsWith("guestinfo")) for (const ip of value.match(new RegExp(IPV6, "gi")) ?? []) note(facts, "ips", ip);
  }
  return facts;
}

function collectDevices(raw: VmxRaw): Device[] {
  const devices = new Map<string, Device>();
  let order = 0;
  for (const [key, { value }] of raw.entries) {
    const m = DEVICE_KEY.exec(key);
    if (!m) continue;
    const id = `${m[1]}${m[2]}:${m[3]}`;
    let d = devices.get(id);
    if (!d) {
      d = { bus: m[1] as DiskBus, controller: `${m[1]}${m[2]}`, order: order++, props: new Map() };
      devices.set(id, d);
    }
    d.props.set(m[4], value);
  }
  return [...devices.values()].sort((a, b) => a.order - b.order);
}

function isDisk(raw: VmxRaw, d: Device): boolean {
  // VMware treats a device or controller without `present = "TRUE"` as absent (present defaults to false).
  if (vmxBool(d.props.get("present") ?? null) !== true) return false;
  if (vmxBool(vmxGet(raw, `${d.controller}.present`)) === false) return false;
  const type = (d.props.get("devicetype") ?? "").toLowerCase();
  if (NOT_DISK.test(type)) return false;
  const file = (d.props.get("filename") ?? "").toLowerCase();
  if (type === "") return file.endsWith(".vmdk");
  return true;
}

function toDisk(raw: VmxRaw, d: Device, companions: Record<string, Uint8Array>, fileName: string, warnings: string[]): Disk {
  const file = d.props.get("filename");
  let sizeGiB: number | null = null;
  let provisioning: Disk["provisioning"] = null;
  if (file) {
    const wanted = baseName(file).toLowerCase();
    const key = Object.keys(companions).find((k) => baseName(k).toLowerCase() === wanted);
    if (key) {
      const descriptor = parseVmdkDescriptor(companions[key]);
      if (descriptor) {
        sizeGiB = bytesToGiB(descriptor.sectors * 512);
        provisioning = vmdkProvisioning(descriptor);
      } else {
        warnings.push(`${fileName}: ${d.controller}: companion ${baseName(key)} is not a text .vmdk descriptor; size unknown`);
      }
    }
  }
  return { sizeGiB, bus: d.bus, provisioning };
}

function collectNics(raw: VmxRaw): Nic[] {
  const indexes = new Set<number>();
  for (const key of raw.entries.keys()) {
    const m = NIC_KEY.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const nics: Nic[] = [];
  for (const n of [...indexes].sort((a, b) => a - b)) {
    const get = (prop: string) => vmxGet(raw, `ethernet${n}.${prop}`);
    if (vmxBool(get("present")) !== true) continue;
    // Without virtualDev the adapter type depends on the host product and version that powers the VM on;
    // VMware documents no single default, so the model stays unknown rather than guessed.
    const model = get("virtualDev")?.trim().toLowerCase() || null;
    const connection = get("connectionType");
    const network = get("networkName") ?? (connection === "custom" ? get("vnet") : connection) ?? null;
    nics.push({ model, network: network?.trim() || null });
  }
  return nics;
}

export function mapVmx(raw: VmxRaw, fileName: string, companions: Record<string, Uint8Array>, warnings: string[]): ParsedVm {
  const vm = blankVm("vmx");
  vm.name = vmxGet(raw, "displayName")?.trim().slice(0, 512) || null;
  vm.hypervisor.vendor = "vmware";

  const hw = count(raw, fileName, "virtualHW.version", 1, warnings);
  vm.hardwareVersion = hw == null ? null : `vmx-${hw}`;

  const firmware = vmxGet(raw, "firmware")?.trim().toLowerCase();
  if (firmware == null) {
    // VMware virtual machines boot BIOS unless `firmware = "efi"` is set (docs/normalized-model.md).
    vm.firmware = "bios";
    markDefault(vm, "firmware");
  } else {
    vm.firmware = firmware === "efi" ? "efi" : firmware === "bios" ? "bios" : null;
    if (vm.firmware == null) warnings.push(`${fileName}, line ${vmxLine(raw, "firmware")}: unknown firmware "${firmware.slice(0, 20)}"; firmware unknown`);
  }

  const guestId = vmxGet(raw, "guestOS")?.trim().slice(0, 128) || null;
  vm.guestOs = { id: guestId, family: guestFamilyOf(guestId), name: vmwareGuestName(guestId) };

  const vcpus = count(raw, fileName, "numvcpus", 1, warnings);
  vm.cpu.vcpus = Math.min(vcpus ?? 1, 1024);
  // A .vmx without numvcpus runs one vCPU (docs/normalized-model.md).
  if (vcpus == null) markDefault(vm, "cpu.vcpus");
  const cores = count(raw, fileName, "cpuid.coresPerSocket", 1, warnings);
  vm.cpu.coresPerSocket = cores != null && cores <= 1024 ? cores : null;
  if (cores == null && vmwareSingleCoreSocketsByDefault(hw)) {
    vm.cpu.coresPerSocket = 1;
    markDefault(vm, "cpu.coresPerSocket");
  }

  const mem = count(raw, fileName, "memsize", 1, warnings);
  // A .vmx without memsize gets 32 MiB (docs/normalized-model.md); marked, so it never passes for a stated size.
  vm.memoryMiB = mem ?? 32;
  if (mem == null) markDefault(vm, "memoryMiB");

  vm.disks = collectDevices(raw)
    .filter((d) => isDisk(raw, d))
    .map((d) => toDisk(raw, d, companions, fileName, warnings));
  vm.nics = collectNics(raw);

  return { vm, identifying: collectIdentifying(raw) };
}

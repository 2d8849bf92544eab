import type { Disk, DiskBus, HypervisorVendor, Nic, NormalizedVm, SourceFormat } from "@/lib/vm/model";
import {
  type DatastoreType, type Environment, type Industry, type OrgSize, type VmContext,
} from "@/lib/vm/context";
import { getApplication } from "@/lib/taxonomy/applications";
import { parseEsxVersion } from "@/lib/checks/esx-version";
import { HARDWARE_VERSION_RELEASES, newestHardwareFor } from "@/lib/checks/hardware-version";
import { plausibilityReasons } from "@/lib/vm/plausibility";
import { lookupGuestOs, type GuestOsInfo } from "@/lib/taxonomy/guest-os";
import { createRandom, numbers, table, type Random, type WeightedTable } from "@/lib/demo/random";
import { WORKLOAD_MIX, type Platform, type WorkloadProfile } from "@/lib/demo/profiles";
import { HOST_MODELS, NUTANIX_NODES, WORKSTATIONS, type HostModel } from "@/lib/demo/hosts";
import { appVersionYear, hostSupportsGuest, versionsForGuest } from "@/lib/demo/support";

/** The seed of the published demo data set (a nod to the 2008 product renames). */
export const DEMO_SEED = 20081;
export const DEFAULT_DEMO_COUNT = 5000;

export interface DemoTag {
  slug: string;
  version: string | null;
  primary: boolean;
}

export interface DemoVm {
  /** Published shape: no name, networks labelled "net-1", "net-2", … */
  vm: NormalizedVm;
  tags: DemoTag[];
  context: VmContext;
  createdAt: Date;
  /**
   * Set on the few VMs generated with a problem on purpose, so the checks have something to find: why.
   * Every other demo VM is a combination that exists (lib/demo/support.ts) and raises no problem.
   */
  example: string | null;
}

export interface DemoOptions {
  count: number;
  seed: number;
}

const START_MS = Date.UTC(2019, 0, 1);
const END_MS = Date.UTC(2026, 9, 31);
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

// ---------------------------------------------------------------------------
// Hypervisor releases, each with the (fractional) year it shipped. A VM created
// at time t most likely runs on a release two or three years old at t.

interface Release { version: string; year: number }

const r = (version: string, year: number): Release => ({ version, year });

const RELEASES: Record<Platform, readonly Release[]> = {
  "esxi": [
    r("5.5", 2013.7), r("6.0", 2015.2), r("6.5", 2016.9), r("6.7", 2018.3), r("6.7 U3", 2019.6), r("7.0", 2020.3),
    r("7.0 U1", 2020.8), r("7.0 U2", 2021.2), r("7.0 U3", 2021.8), r("8.0", 2022.8), r("8.0 U1", 2023.3),
    r("8.0 U2", 2023.7), r("8.0 U3", 2024.5),
  ],
  "hyper-v": [
    r("Windows Server 2012 R2", 2013.8), r("Windows Server 2016", 2016.8), r("Windows Server 2019", 2018.8),
    r("Windows Server 2022", 2021.7), r("Windows Server 2025", 2024.9),
  ],
  "kvm": [r("4.2", 2020.0), r("5.2", 2020.9), r("6.2", 2021.9), r("7.2", 2022.9), r("8.2", 2023.9), r("9.2", 2024.9)],
  "proxmox": [
    r("5.4", 2019.3), r("6.1", 2019.9), r("6.4", 2021.3), r("7.2", 2022.4), r("7.4", 2023.2), r("8.1", 2023.9),
    r("8.2", 2024.3), r("8.3", 2024.9), r("8.4", 2025.3), r("9.0", 2025.6),
  ],
  "xcp-ng": [r("7.6", 2018.9), r("8.0", 2019.6), r("8.1", 2020.3), r("8.2", 2020.9), r("8.3", 2024.8)],
  "xenserver": [r("7.1", 2017.1), r("7.6", 2018.8), r("8.0", 2019.4), r("8.2", 2020.5), r("8", 2023.9)],
  "ahv": [r("20190916", 2019.7), r("20201105", 2020.9), r("20220304", 2022.2), r("20230302", 2023.2), r("10.0", 2024.9)],
  "virtualbox": [r("6.0", 2019.0), r("6.1", 2019.9), r("7.0", 2022.8), r("7.1", 2024.7)],
};

const PLATFORM_PRODUCT: Record<Platform, { vendor: HypervisorVendor; product: string }> = {
  "esxi": { vendor: "vmware", product: "VMware ESXi" },
  "hyper-v": { vendor: "microsoft", product: "Microsoft Hyper-V" },
  "kvm": { vendor: "kvm", product: "KVM/QEMU" },
  "proxmox": { vendor: "proxmox", product: "Proxmox VE" },
  "xcp-ng": { vendor: "xen", product: "XCP-ng" },
  "xenserver": { vendor: "xen", product: "Citrix Hypervisor (XenServer)" },
  "ahv": { vendor: "nutanix", product: "Nutanix AHV" },
  "virtualbox": { vendor: "virtualbox", product: "Oracle VirtualBox" },
};

const FORMATS: Record<Platform, WeightedTable<SourceFormat>> = {
  "esxi": table<SourceFormat>([["vmx", 30], ["rvtools", 25], ["vsphere-json", 20], ["vcenter", 10], ["ovf", 10], ["manual", 5]]),
  "hyper-v": table<SourceFormat>([["hyperv", 80], ["manual", 20]]),
  "kvm": table<SourceFormat>([["libvirt", 85], ["manual", 15]]),
  "proxmox": table<SourceFormat>([["proxmox", 90], ["manual", 10]]),
  "xcp-ng": table<SourceFormat>([["ovf", 60], ["manual", 40]]),
  "xenserver": table<SourceFormat>([["ovf", 60], ["manual", 40]]),
  "ahv": table<SourceFormat>([["manual", 60], ["ovf", 40]]),
  "virtualbox": table<SourceFormat>([["vbox", 85], ["ovf", 15]]),
};

/** QEMU machine version shipped with each Proxmox VE release. */
const PVE_QEMU: Record<string, string> = {
  "5.4": "3.0", "6.1": "4.1", "6.4": "5.2", "7.2": "6.2", "7.4": "7.2", "8.1": "8.1", "8.2": "8.1", "8.3": "9.0",
  "8.4": "9.2", "9.0": "10.0",
};

const HYPERV_CONFIG_VERSION: Record<string, string> = {
  "Windows Server 2012 R2": "5.0", "Windows Server 2016": "8.0", "Windows Server 2019": "9.0",
  "Windows Server 2022": "10.0", "Windows Server 2025": "12.0",
};

// The hardware versions ESXi hosts create, from the hardware-version check's own table.
const VMX_HARDWARE = HARDWARE_VERSION_RELEASES.map((r) => r.hardwareVersion).filter((v) => v >= 7);

/** The newest virtual hardware an ESXi release creates, as the hardware-version check reads it. */
function esxiNewestHardware(version: string): number {
  const parsed = parseEsxVersion(version);
  return (parsed && newestHardwareFor(parsed)) ?? 13;
}

/** First general-availability year of guest systems, so no VM runs an OS before it shipped. */
const GUEST_RELEASE_YEAR: Record<string, number> = {
  windows2019srv_64Guest: 2018.8, windows2019srvNext_64Guest: 2021.7, windows2022srvNext_64Guest: 2024.85,
  windows11_64Guest: 2021.8, rhel8_64Guest: 2019.35, rhel9_64Guest: 2022.4, debian11_64Guest: 2021.6,
  debian12_64Guest: 2023.45, rockylinux_64Guest: 2021.45, almalinux_64Guest: 2021.25, oracleLinux8_64Guest: 2019.55,
  centos8_64Guest: 2019.7, freebsd13_64Guest: 2021.2, freebsd14_64Guest: 2023.9, other5xLinux64Guest: 2019.2,
  sles15_64Guest: 2018.5, coreos64Guest: 2014, vmwarePhoton64Guest: 2016.9,
};

// ---------------------------------------------------------------------------
// Caches: tables are built once per (platform, year) and guest records once per id.

const releaseTables = new Map<string, WeightedTable<Release>>();

function releaseTable(platform: Platform, year: number): WeightedTable<Release> {
  const y = Math.floor(year * 4) / 4;
  const key = `${platform}:${y}`;
  let t = releaseTables.get(key);
  if (!t) {
    const shipped = RELEASES[platform].filter((rel) => rel.year <= y + 0.25);
    const pool = shipped.length > 0 ? shipped : [RELEASES[platform][0]];
    t = table(pool.map((rel) => [rel, Math.exp(-((y - rel.year - 2) ** 2) / 8) + 0.02] as const));
    releaseTables.set(key, t);
  }
  return t;
}

const hostTables = new Map<string, WeightedTable<HostModel>>();

function hostTable(kind: "server" | "nutanix" | "workstation", year: number): WeightedTable<HostModel> {
  const y = Math.floor(year);
  const key = `${kind}:${y}`;
  let t = hostTables.get(key);
  if (!t) {
    const models = kind === "nutanix" ? NUTANIX_NODES : kind === "workstation" ? WORKSTATIONS : HOST_MODELS;
    const shipped = models.filter((m) => m.year <= y + 1);
    t = table((shipped.length ? shipped : models).map((m) => [m, Math.exp(-((y + 0.5 - m.year - 2.5) ** 2) / 12) + 0.01] as const));
    hostTables.set(key, t);
  }
  return t;
}

const guestCache = new Map<string, GuestOsInfo>();

function guest(id: string): GuestOsInfo {
  let g = guestCache.get(id);
  if (!g) {
    const found = lookupGuestOs(id);
    if (!found) throw new Error(`demo profile names unknown guest OS ${id}`);
    g = found;
    guestCache.set(id, g);
  }
  return g;
}

// ---------------------------------------------------------------------------
// How each platform spells a guest OS in its own files.

function proxmoxOstype(id: string, family: GuestOsInfo["family"]): string {
  if (family === "windows") {
    if (/^winXP/.test(id)) return "wxp";
    if (/^winNet/.test(id)) return "w2k3";
    if (/^(winLonghorn|winVista)/.test(id)) return "w2k8";
    if (/^windows7/.test(id)) return "win7";
    if (/^windows8/.test(id)) return "win8";
    if (/^(windows9|windows2019srv_)/.test(id)) return "win10";
    return "win11";
  }
  if (family === "linux") return /^other24x/.test(id) ? "l24" : "l26";
  if (family === "solaris") return "solaris";
  return "other";
}

function libosinfoId(info: GuestOsInfo, rnd: Random): string | null {
  const url = info.aliases.find((a) => a.startsWith("http://"));
  if (url) return url;
  const id = info.id;
  let m: RegExpExecArray | null;
  if ((m = /^rhel(\d+)_64Guest$/.exec(id))) return `http://redhat.com/rhel/${m[1]}.${rnd.int(0, 6)}`;
  if ((m = /^centos([678])_64Guest$/.exec(id))) return `http://centos.org/centos/${m[1]}.0`;
  if (id === "centos9_64Guest") return "http://centos.org/centos-stream/9";
  if ((m = /^debian(\d+)_64Guest$/.exec(id))) return `http://debian.org/debian/${m[1]}`;
  if ((m = /^sles(1[25])_64Guest$/.exec(id))) return `http://suse.com/sles/${m[1]}.${rnd.int(1, 5)}`;
  if ((m = /^oracleLinux([6-9])_64Guest$/.exec(id))) return `http://oracle.com/ol/${m[1]}.${rnd.int(1, 9)}`;
  if ((m = /^freebsd(1[1-4])_64Guest$/.exec(id))) return `http://freebsd.org/freebsd/${m[1]}.${rnd.int(0, 3)}`;
  if (id === "ubuntu64Guest") return `http://ubuntu.com/ubuntu/${rnd.pick(["18.04", "20.04", "22.04", "22.04", "24.04"])}`;
  if (id === "rockylinux_64Guest") return `http://rockylinux.org/rocky/${rnd.pick(["8", "9", "9"])}`;
  if (id === "almalinux_64Guest") return `http://almalinux.org/almalinux/${rnd.pick(["8", "9", "9"])}`;
  return null;
}

function virtualboxOstype(info: GuestOsInfo): string {
  const vbox = info.aliases.find((a) => /^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(a));
  if (vbox) return vbox;
  if (info.family === "windows") return "Windows2019_64";
  if (info.family === "linux") return info.bitness === 32 ? "Linux" : "Linux_64";
  if (info.family === "bsd") return "FreeBSD_64";
  return "Other_64";
}

function guestOsFor(info: GuestOsInfo, platform: Platform, format: SourceFormat, rnd: Random): NormalizedVm["guestOs"] {
  const canonical = { family: info.family, name: info.name };
  switch (format) {
    case "vmx":
      return { id: info.vmxId, ...canonical };
    case "vsphere-json":
    case "vcenter":
      return { id: info.id, ...canonical };
    case "ovf":
      // Only VMware's OVF exports carry vmw:osType.
      return { id: platform === "esxi" ? info.id : null, ...canonical };
    case "proxmox": {
      // Proxmox knows only a few OS groups (a pfSense VM is "other"); report what its parser would.
      const id = proxmoxOstype(info.id, info.family);
      const group = lookupGuestOs(id);
      return { id, family: group?.family ?? info.family, name: id === "other" ? "Other" : group?.name ?? info.name };
    }
    case "libvirt":
      return { id: libosinfoId(info, rnd), ...canonical };
    case "vbox": {
      const id = virtualboxOstype(info);
      return { id, family: info.family, name: lookupGuestOs(id)?.name ?? info.name };
    }
    default:
      // RVTools, Hyper-V and the form carry the OS name but no identifier.
      return { id: null, ...canonical };
  }
}

// ---------------------------------------------------------------------------

const ENVIRONMENT = table<Environment | null>([["production", 62], ["test", 18], ["development", 12], [null, 8]]);
const INDUSTRY = table<Industry | null>([
  ["finance", 12], ["healthcare", 11], ["government", 10], ["education", 10], ["retail", 8], ["manufacturing", 12],
  ["technology", 14], ["telecom", 5], ["energy", 4], ["media", 3], ["hospitality", 3], ["transport", 4],
  ["nonprofit", 2], ["other", 2], [null, 14],
]);
const ORG_SIZE = table<OrgSize | null>([["1-99", 10], ["100-999", 30], ["1000-9999", 35], ["10000+", 25], [null, 10]]);

const DATASTORES: Record<Platform, WeightedTable<DatastoreType>> = {
  "esxi": table<DatastoreType>([["vmfs", 52], ["vsan", 20], ["nfs", 15], ["vvol", 5], ["local", 5], ["iscsi", 2], ["fc", 1]]),
  "hyper-v": table<DatastoreType>([["smb", 25], ["iscsi", 25], ["fc", 25], ["local", 25]]),
  "kvm": table<DatastoreType>([["lvm", 25], ["ceph", 20], ["nfs", 25], ["local", 25], ["zfs", 5]]),
  "proxmox": table<DatastoreType>([["lvm", 30], ["zfs", 30], ["ceph", 20], ["nfs", 12], ["local", 8]]),
  "xcp-ng": table<DatastoreType>([["lvm", 40], ["nfs", 40], ["iscsi", 20]]),
  "xenserver": table<DatastoreType>([["lvm", 40], ["nfs", 35], ["iscsi", 15], ["fc", 10]]),
  "ahv": table<DatastoreType>([["other", 1]]),
  "virtualbox": table<DatastoreType>([["local", 1]]),
};

const OVERSIZE = numbers("1:85 1.5:8 2:5 3:2");

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function clampPct(x: number): number {
  return Math.min(100, Math.max(0, round1(x)));
}

/** Approximately normal (Irwin–Hall of three uniforms), cheap and deterministic. */
function gauss(rnd: Random, mean: number, sd: number): number {
  return mean + sd * ((rnd.next() + rnd.next() + rnd.next() - 1.5) * 2);
}

function firmwareFor(platform: Platform, info: GuestOsInfo, format: SourceFormat, rnd: Random): NormalizedVm["firmware"] {
  if (format === "manual" && rnd.chance(0.3)) return null;
  const modern = /^(windows9Server|windows2019srv_|rhel[89]|oracleLinux[89]|ubuntu|debian1[12]|rocky|alma|sles15)/.test(info.id);
  let efi: number;
  switch (platform) {
    case "esxi": efi = info.prefersEfi ? 0.95 : modern ? 0.5 : 0.08; break;
    case "hyper-v": efi = info.prefersEfi ? 0.97 : modern || /^windows8Server/.test(info.id) ? 0.8 : 0.1; break;
    case "proxmox":
      // Proxmox writes no "bios" line for its SeaBIOS default, so parsers report null.
      if (!info.prefersEfi && rnd.chance(0.6)) return null;
      efi = info.prefersEfi ? 0.9 : 0.35;
      break;
    case "virtualbox": efi = info.prefersEfi ? 0.9 : 0.15; break;
    default: efi = info.prefersEfi ? 0.9 : modern ? 0.35 : 0.1;
  }
  return rnd.chance(efi) ? "efi" : "bios";
}

function diskBus(platform: Platform, firmware: NormalizedVm["firmware"], boot: boolean, rnd: Random): DiskBus | null {
  const x = rnd.next();
  switch (platform) {
    case "esxi": return x < 0.9 ? "scsi" : x < 0.95 ? "sata" : x < 0.99 ? "nvme" : "ide";
    // Generation 1 VMs boot from IDE; generation 2 (UEFI) VMs have only SCSI.
    case "hyper-v": return firmware === "efi" ? "scsi" : boot ? "ide" : "scsi";
    case "kvm": return x < 0.6 ? "virtio" : x < 0.95 ? "scsi" : "sata";
    case "proxmox": return x < 0.65 ? "scsi" : x < 0.9 ? "virtio" : x < 0.98 ? "sata" : "ide";
    case "xcp-ng":
    case "xenserver": return x < 0.6 ? "other" : null;
    case "ahv": return x < 0.95 ? "scsi" : "sata";
    case "virtualbox": return x < 0.8 ? "sata" : x < 0.9 ? "ide" : x < 0.95 ? "nvme" : "scsi";
  }
}

function provisioning(platform: Platform, format: SourceFormat, rnd: Random): Disk["provisioning"] {
  if (format === "manual" && rnd.chance(0.5)) return null;
  switch (platform) {
    case "esxi": return rnd.chance(0.62) ? "thin" : "thick";
    case "hyper-v": return rnd.chance(0.65) ? "thin" : "thick";
    case "kvm": return rnd.chance(0.8) ? "thin" : null;
    case "proxmox": return rnd.chance(0.4) ? "thin" : null;
    case "xcp-ng":
    case "xenserver": return rnd.chance(0.5) ? "thin" : null;
    case "ahv": return rnd.chance(0.9) ? "thin" : null;
    case "virtualbox": return rnd.chance(0.9) ? "thin" : "thick";
  }
}

function nicModel(platform: Platform, info: GuestOsInfo, firmware: NormalizedVm["firmware"], rnd: Random): string | null {
  const x = rnd.next();
  switch (platform) {
    case "esxi":
      if (!info.supportsVmxnet3) return x < 0.8 ? "e1000" : "vlance";
      return x < 0.86 ? "vmxnet3" : x < 0.92 ? "e1000e" : "e1000";
    case "hyper-v": return firmware !== "efi" && x < 0.05 ? "legacy" : "hyperv-synthetic";
    case "kvm":
    case "proxmox":
      if (!info.supportsVirtio) return x < 0.9 ? "e1000" : "rtl8139";
      return x < 0.88 ? "virtio" : x < 0.98 ? "e1000" : "rtl8139";
    case "ahv": return "virtio";
    case "xcp-ng":
    case "xenserver": return x < 0.6 ? null : x < 0.8 ? "rtl8139" : "e1000";
    case "virtualbox": return x < 0.7 ? "e1000" : x < 0.9 ? "virtio" : "pcnet";
  }
}

function coresPerSocket(platform: Platform, vcpus: number, format: SourceFormat, rnd: Random): number | null {
  if (format === "manual" && rnd.chance(0.6)) return null;
  switch (platform) {
    case "esxi": {
      const x = rnd.next();
      if (x < 0.4) return 1;
      if (x < 0.85 || vcpus % 2 !== 0) return vcpus;
      return vcpus / 2;
    }
    case "kvm":
    case "proxmox": return rnd.chance(0.8) ? vcpus : 1;
    case "ahv": return rnd.chance(0.7) ? 1 : vcpus;
    default: return null;
  }
}

function hardwareVersion(platform: Platform, host: string, rnd: Random): string | null {
  switch (platform) {
    case "esxi": {
      const newest = esxiNewestHardware(host);
      const usable = VMX_HARDWARE.filter((v) => v <= newest);
      // Most VMs are on the newest version their host offers; some were never upgraded.
      const x = rnd.next();
      const back = x < 0.55 ? 0 : x < 0.75 ? 1 : x < 0.87 ? 2 : rnd.int(3, Math.max(3, usable.length - 1));
      const v = usable[Math.max(0, usable.length - 1 - back)];
      // Written as the .vmx parser does ("vmx-8", not vSphere's "vmx-08") so both group together.
      return `vmx-${v}`;
    }
    case "hyper-v": return HYPERV_CONFIG_VERSION[host] ? `hyperv-${HYPERV_CONFIG_VERSION[host]}` : null;
    case "kvm": return `pc-${rnd.chance(0.6) ? "q35" : "i440fx"}-${host}`;
    case "proxmox": {
      const x = rnd.next();
      if (x < 0.5) return null;
      if (x < 0.75) return "q35";
      return `pc-${rnd.chance(0.6) ? "q35" : "i440fx"}-${PVE_QEMU[host] ?? "8.1"}`;
    }
    case "virtualbox": return host.startsWith("7.") ? "virtualbox-1.19" : null;
    default: return null;
  }
}

const versionTables = new Map<string, WeightedTable<string>>();

function pickVersion(slug: string, versions: readonly string[] | undefined, rnd: Random): string | null {
  if (!versions || versions.length === 0 || rnd.chance(0.35)) return null;
  let t = versionTables.get(slug);
  if (!t) {
    // Newer releases are more common; weight by position squared.
    t = table(versions.map((v, i) => [v, (i + 1) ** 2] as const));
    versionTables.set(slug, t);
  }
  return rnd.weighted(t);
}

function gib(value: number, rnd: Random): number {
  return Math.round(value * rnd.weighted(OVERSIZE));
}

/** No version of the application runs on the guest drawn: draw again. */
const UNSUPPORTED = Symbol("unsupported");

/** A version of the application that runs on the guest (null: left unknown, as a third of contributors do). */
function versionFor(slug: string, versions: readonly string[] | undefined, guestId: string, rnd: Random): string | null | typeof UNSUPPORTED {
  const supported = versionsForGuest(slug, guestId);
  if (!supported) return pickVersion(slug, versions, rnd);
  if (supported.length === 0) return UNSUPPORTED;
  if (rnd.chance(0.35)) return null;
  // Newer releases are more common; weight by position squared, among those that run here.
  const all = versions ?? supported;
  return rnd.weighted(table(supported.map((v) => [v, (all.indexOf(v) + 2) ** 2] as const)));
}

function monthStartMs(year: number): number {
  return Date.UTC(Math.floor(year), Math.round((year % 1) * 12), 1);
}

interface Placement {
  platform: Platform;
  info: GuestOsInfo;
  version: string | null;
  createdMs: number;
  year: number;
  release: Release;
}

/**
 * Draws application version, guest, date and hypervisor release together, so that only combinations that
 * exist come out: the version runs on the guest, the guest had shipped, the hypervisor release runs it.
 */
function place(profile: WorkloadProfile, rnd: Random): Placement {
  for (let attempt = 0; ; attempt++) {
    const platform = rnd.weighted(profile.platforms);
    const info = guest(rnd.weighted(profile.guestOs));
    const version = versionFor(profile.slug, getApplication(profile.slug)!.versions, info.id, rnd);
    if (version === UNSUPPORTED) {
      if (attempt < 50) continue;
      throw new Error(`demo profile ${profile.slug}: no guest in its pool runs any version of it`);
    }
    let createdMs = START_MS + (END_MS - START_MS) * rnd.next() ** 0.7;
    const guestYear = GUEST_RELEASE_YEAR[info.id];
    const notBefore = Math.max(guestYear ?? 0, appVersionYear(profile.slug, version) ?? 0);
    if (notBefore > 0) {
      const notBeforeMs = monthStartMs(notBefore);
      if (notBeforeMs >= END_MS) {
        if (attempt < 50) continue;
        throw new Error(`demo profile ${profile.slug}: ${info.id} or version ${version} ships after the demo period`);
      }
      if (createdMs < notBeforeMs) createdMs = notBeforeMs + (END_MS - notBeforeMs) * rnd.next();
    }
    createdMs = Math.floor(createdMs / 1000) * 1000;
    const year = 1970 + createdMs / YEAR_MS;
    const runs = (rel: Release) => hostSupportsGuest(platform, rel, info.id, guestYear, info.family === "windows");
    let release = rnd.weighted(releaseTable(platform, year));
    if (!runs(release)) {
      // The newest release out by then that runs the guest, if any.
      const shipped = RELEASES[platform].filter((rel) => rel.year <= year + 0.25 && runs(rel));
      if (shipped.length === 0) {
        if (attempt < 50) continue;
        throw new Error(`demo profile ${profile.slug}: no ${platform} release runs ${info.id}`);
      }
      release = shipped[shipped.length - 1];
    }
    return { platform, info, version, createdMs, year, release };
  }
}

function generateOne(rnd: Random): DemoVm {
  const profile: WorkloadProfile = rnd.weighted(WORKLOAD_MIX);
  const app = getApplication(profile.slug)!;
  const { platform, info, version, createdMs, year, release } = place(profile, rnd);
  const format = rnd.weighted(FORMATS[platform]);
  let firmware = firmwareFor(platform, info, format, rnd);
  // A .vmx only has a firmware line for EFI; its parser reports BIOS VMs as unknown.
  if (format === "vmx" && firmware === "bios" && rnd.chance(0.85)) firmware = null;

  const vcpus = rnd.weighted(profile.vcpus);
  // Admins size memory with the CPU count in mind: redraw pairings like 64 vCPU with 4 GiB.
  let memoryGiB = rnd.weighted(profile.memoryGiB);
  for (let tries = 0; tries < 4 && (memoryGiB < vcpus || memoryGiB > vcpus * 32); tries++) {
    memoryGiB = rnd.weighted(profile.memoryGiB);
  }
  const memoryMiB = Math.round(memoryGiB * 1024);

  const disks: Disk[] = [];
  const diskCount = 1 + rnd.weighted(profile.dataDiskCount);
  for (let i = 0; i < diskCount; i++) {
    const size = i === 0 ? rnd.weighted(profile.osDiskGiB) : gib(rnd.weighted(profile.dataDiskGiB), rnd);
    disks.push({
      sizeGiB: format === "manual" && rnd.chance(0.03) ? null : Math.max(1, size),
      bus: format === "manual" && rnd.chance(0.3) ? null : diskBus(platform, firmware, i === 0, rnd),
      provisioning: provisioning(platform, format, rnd),
    });
  }

  let nicCount = rnd.weighted(profile.nics);
  if (!app.isGateway && nicCount === 1 && rnd.chance(0.03)) nicCount = 2;
  const nics: Nic[] = [];
  for (let i = 0; i < nicCount; i++) {
    // Now and then two adapters share a network (teaming inside the guest).
    const network = i > 0 && rnd.chance(0.04) ? nics[i - 1].network : `net-${new Set(nics.map((n) => n.network)).size + 1}`;
    nics.push({ model: nicModel(platform, info, firmware, rnd), network });
  }

  const vm: NormalizedVm = {
    name: null,
    source: { format },
    // .vmx and OVF files describe the VM, not the host, so they rarely name a host version.
    hypervisor: { ...PLATFORM_PRODUCT[platform], version: (format === "vmx" || format === "ovf") && rnd.chance(0.7) ? null : release.version },
    hardwareVersion: hardwareVersion(platform, release.version, rnd),
    firmware,
    guestOs: guestOsFor(info, platform, format, rnd),
    cpu: { vcpus, coresPerSocket: coresPerSocket(platform, vcpus, format, rnd) },
    memoryMiB,
    disks,
    nics,
    totalDiskGiB: null,
    defaulted: [],
  };
  // A VM too large for old virtual hardware was upgraded by its admin: use the newest its host offers.
  if (platform === "esxi" && plausibilityReasons(vm).some((r) => r.rule.endsWith("-over-hypervisor-max"))) {
    vm.hardwareVersion = `vmx-${esxiNewestHardware(release.version)}`;
  }

  const tags: DemoTag[] = [{ slug: app.slug, version, primary: true }];
  for (const [slug, p] of profile.secondary ?? []) {
    if (rnd.chance(p) && !tags.some((t) => t.slug === slug)) tags.push({ slug, version: null, primary: false });
  }

  const context = contextFor(platform, profile, release.version, year, rnd);
  const example = context.networkRoles.length
    ? `a NIC on the hypervisor's ${context.networkRoles.join(" and ")} network, for the network-zone check to find`
    : null;
  return { vm, tags, context, createdAt: new Date(createdMs), example };
}

function contextFor(platform: Platform, profile: WorkloadProfile, host: string, year: number, rnd: Random): VmContext {
  const environment = profile.slug.endsWith("-desktop") ? "production" : rnd.weighted(ENVIRONMENT);
  const industry = rnd.weighted(INDUSTRY);
  const organizationSize = platform === "virtualbox" ? (rnd.chance(0.7) ? "1-99" : null) : rnd.weighted(ORG_SIZE);

  let hostVendor: string | null = null, hostModel: string | null = null, hostCpuModel: string | null = null;
  const hostKnown = rnd.next();
  if (hostKnown < 0.7) {
    const kind = platform === "ahv" ? "nutanix" : platform === "virtualbox" ? "workstation" : "server";
    const m = rnd.weighted(hostTable(kind, year));
    hostCpuModel = rnd.pick(m.cpus);
    if (hostKnown < 0.6) { hostVendor = m.vendor; hostModel = m.model; }
  }

  const datastoreType = rnd.chance(0.8) ? rnd.weighted(DATASTORES[platform]) : null;
  let datastoreVersion: string | null = null, datastoreBlockSizeMB: number | null = null;
  if (datastoreType === "vmfs") {
    const major = Number.parseFloat(host);
    datastoreVersion = major >= 6.5 && rnd.chance(0.75) ? "6" : "5";
    // Volumes upgraded in place from VMFS 3 keep their old block size.
    datastoreBlockSizeMB = datastoreVersion === "5" && rnd.chance(0.06) ? rnd.pick([2, 4, 8]) : 1;
  }

  let cpuAvgPct: number | null = null, cpuPeakPct: number | null = null, memoryPct: number | null = null;
  if (rnd.chance(0.4)) {
    cpuAvgPct = clampPct(Math.abs(gauss(rnd, profile.load.cpu, profile.load.cpu * 0.6)));
    cpuPeakPct = clampPct(Math.max(cpuAvgPct, cpuAvgPct + 10 + Math.abs(gauss(rnd, 0, 30))));
    memoryPct = clampPct(gauss(rnd, profile.load.memory, 15));
  }

  const networkRoles: VmContext["networkRoles"] = [];
  if ((profile.slug === "vcenter-server" || profile.slug === "jump-host") && rnd.chance(0.5)) networkRoles.push("management");
  if (profile.slug === "veeam-proxy" && rnd.chance(0.3)) networkRoles.push("storage");
  // A few ordinary VMs sit on infrastructure networks by mistake: the checks should find them.
  if (networkRoles.length === 0 && rnd.chance(0.004)) networkRoles.push("management", "vmotion");

  return {
    environment, industry, organizationSize, hostVendor, hostModel, hostCpuModel,
    datastoreType, datastoreVersion, datastoreBlockSizeMB, cpuAvgPct, cpuPeakPct, memoryPct, networkRoles,
  };
}

/**
 * Deterministic, realistic demo VMs: the same seed gives the same list on every
 * run. Records already have the published shape (no names, labelled networks).
 */
export function generateDemoVms(opts: DemoOptions = { count: DEFAULT_DEMO_COUNT, seed: DEMO_SEED }): DemoVm[] {
  const count = Math.max(0, Math.floor(opts.count));
  const rnd = createRandom(opts.seed);
  const out: DemoVm[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = generateOne(rnd);
  return out;
}

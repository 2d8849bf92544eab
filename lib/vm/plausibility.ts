import { resolveHypervisor } from "@/lib/taxonomy/hypervisors";
import type { NormalizedVm } from "./model";

/**
 * Plausibility of a contributed VM: numbers far outside what anyone runs, or
 * beyond what the stated hypervisor allows per VM. Such a VM is not refused —
 * odd VMs exist — but it is stored only after the contributor confirms it, is
 * marked on its page, and stays out of peer statistics until a moderator
 * confirms it (lib/db/plausibility.ts). Pure: no I/O, same answer in the
 * browser and on the server.
 */
export type PlausibilityRule =
  | "memory-per-vcpu-low"
  | "memory-per-vcpu-high"
  | "vcpus-over-hypervisor-max"
  | "memory-over-hypervisor-max"
  | "disk-over-max"
  | "total-disk-over-max";

export interface ImplausibleReason {
  rule: PlausibilityRule;
  /** Path in the normalized VM: "memoryMiB", "cpu.vcpus", "disks.2.sizeGiB", "disks". */
  field: string;
  /** Plain language with the numbers, e.g. "10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; …". */
  message: string;
}

/** Memory per vCPU, in GiB, outside which no real workload we know of is sized (both bounds are plausible). */
export const MIN_GIB_PER_VCPU = 0.25;
export const MAX_GIB_PER_VCPU = 512;
/**
 * Largest single virtual disk: 64 TiB is the VHDX limit (Microsoft, "Plan for Hyper-V scalability in
 * Windows Server": virtual hard disk capacity 64 TB for VHDX) and above VMware's 62 TB VMDK limit.
 */
export const MAX_DISK_GIB = 64 * 1024;
/**
 * Not a vendor limit but a sanity bound: four disks of the largest size. Larger VMs exist only as
 * storage appliances, which are not what peers compare against.
 */
export const MAX_TOTAL_DISK_GIB = 4 * MAX_DISK_GIB;

/** A per-VM maximum as the vendor documents it. `memoryGiB` null: no documented per-VM memory maximum. */
export interface VmLimit {
  /** Who allows it, for the message: "VMware virtual hardware version 14", "Microsoft Hyper-V (Windows Server 2019)". */
  label: string;
  vcpus: number;
  memoryGiB: number | null;
  source: string;
}

const VMWARE_HW_SOURCE =
  "VMware, vSphere Virtual Machine Administration, \"Hardware Features Available with Virtual Machine Compatibility Settings\" (6.5, 6.7, 7.0, 8.0 editions)";
const VMWARE_9_SOURCE = "vInfrastructure, \"VCF and VVF 9.0: virtual hardware version 22\" (960 logical processors; no memory maximum stated)";

/**
 * Per virtual hardware version: [vCPUs, memory GiB]. 4: ESX 3.5, 7: 4.x, 8: 5.0, 9: 5.1, 10: 5.5, 11: 6.0,
 * 13: 6.5, 14: 6.7, 15: 6.7 U2, 17: 7.0, 18: 7.0 U1, 19: 7.0 U2, 20: 8.0, 21: 8.0 U2, 22: 9.0. Versions
 * between two rows (5, 6, 12, 16) take the row below them.
 */
const VMWARE_HW_LIMITS: readonly [hw: number, vcpus: number, memoryGiB: number | null][] = [
  [4, 4, 64], [7, 8, 255], [8, 32, 1011], [9, 64, 1011], [10, 64, 1011], [11, 128, 4080], [13, 128, 6128],
  [14, 128, 6128], [15, 256, 6128], [17, 256, 6128], [18, 768, 24560], [19, 768, 24560], [20, 768, 24560],
  [21, 768, 24560], [22, 960, null],
];

/** Per ESXi release (major.minor), the largest of its updates, so that "7.0" never flags a 7.0 U3 VM. */
const ESXI_NEWEST_HW: Readonly<Record<string, number>> = {
  "3.5": 4, "4.0": 7, "4.1": 7, "5.0": 8, "5.1": 9, "5.5": 10, "6.0": 11, "6.5": 13, "6.7": 15, "7.0": 19, "8.0": 21, "9.0": 22,
};

const HYPERV_SOURCE =
  "Microsoft, \"Plan for Hyper-V scalability in Windows Server\" (maximums for virtual machines, generation 2); Windows Server 2008 R2: \"Requirements and Limits for Virtual Machines and Hyper-V\"";
/** Generation 2 maximums, the larger ones, since the generation is rarely stated. */
const HYPERV_LIMITS: Readonly<Record<string, [vcpus: number, memoryGiB: number]>> = {
  "Windows Server 2008": [4, 64],
  "Windows Server 2008 R2": [4, 64],
  "Windows Server 2012": [64, 1024],
  "Windows Server 2012 R2": [64, 1024],
  "Windows Server 2016": [240, 12 * 1024],
  "Windows Server 2019": [250, 12 * 1024],
  "Windows Server 2022": [1024, 240 * 1024],
  "Windows Server 2025": [2048, 240 * 1024],
};

const VIRTUALBOX: VmLimit = {
  label: "Oracle VirtualBox",
  vcpus: 64,
  memoryGiB: 2048,
  source: "VirtualBox source, include/VBox/param.h: VMM_MAX_CPU_COUNT 64, MM_RAM_MAX_IN_MB 2097152 (2 TiB) on 64-bit hosts",
};

const KVM: VmLimit = {
  label: "KVM",
  vcpus: 4096,
  memoryGiB: null,
  source: "Linux KVM x86: CONFIG_KVM_MAX_NR_VCPUS caps vCPUs per guest at 4096 (commit \"KVM: x86: Add CONFIG_KVM_MAX_NR_VCPUS to allow up to 4096 vCPUs\")",
};

function vmwareHwLimit(hw: number, via: string): VmLimit | null {
  let row: (typeof VMWARE_HW_LIMITS)[number] | null = null;
  for (const r of VMWARE_HW_LIMITS) if (r[0] <= hw) row = r;
  if (!row || hw > VMWARE_HW_LIMITS[VMWARE_HW_LIMITS.length - 1][0]) return null;
  return { label: via, vcpus: row[1], memoryGiB: row[2], source: row[0] === 22 ? VMWARE_9_SOURCE : VMWARE_HW_SOURCE };
}

/**
 * The per-VM maximum of the hypervisor the VM states, or null when it states none we know. A VMware
 * hardware version is the most precise statement (it fixes the maximums); then the product and version.
 */
export function hypervisorLimit(vm: Pick<NormalizedVm, "hypervisor" | "hardwareVersion">): VmLimit | null {
  const hw = /^vmx-0*(\d{1,3})$/i.exec(vm.hardwareVersion?.trim() ?? "");
  if (hw) return vmwareHwLimit(Number(hw[1]), `VMware virtual hardware version ${Number(hw[1])}`);
  const { vendor, product, version } = vm.hypervisor;
  const resolved = resolveHypervisor([product, version].filter(Boolean).join(" "));
  const name = resolved?.product ?? null;
  if (name === "VMware ESXi" || name === "VMware ESX") {
    const minor = /^(\d+\.\d+)/.exec(resolved?.version ?? "")?.[1];
    const newest = minor ? ESXI_NEWEST_HW[minor] : undefined;
    return newest ? vmwareHwLimit(newest, `${name} ${minor}`) : null;
  }
  if (name === "Microsoft Hyper-V") {
    const v = resolved?.version ? HYPERV_LIMITS[resolved.version] : undefined;
    return v ? { label: `Microsoft Hyper-V (${resolved!.version})`, vcpus: v[0], memoryGiB: v[1], source: HYPERV_SOURCE } : null;
  }
  if (name === "Oracle VirtualBox" || vendor === "virtualbox") return VIRTUALBOX;
  if (name === "KVM/QEMU" || name === "Proxmox VE" || vendor === "kvm" || vendor === "proxmox") {
    return { ...KVM, label: name === "Proxmox VE" || vendor === "proxmox" ? "Proxmox VE (KVM)" : KVM.label };
  }
  return null;
}

const fmt = (n: number, digits = 2) => new Intl.NumberFormat("en-US", { maximumFractionDigits: digits }).format(n);
// TiB only when exact, so that a size just over a limit never reads as the limit itself.
const gib = (g: number) => (g >= 1024 && Number.isInteger((g / 1024) * 100) ? `${fmt(g / 1024)} TiB` : `${fmt(g)} GiB`);
const vcpuNoun = (n: number) => `${fmt(n)} vCPU${n === 1 ? "" : "s"}`;

/** Every reason the VM looks implausible, in a stable order; empty when it looks like something people run. */
export function plausibilityReasons(vm: Pick<NormalizedVm, "cpu" | "memoryMiB" | "disks" | "hypervisor" | "hardwareVersion">): ImplausibleReason[] {
  const out: ImplausibleReason[] = [];
  const memGiB = vm.memoryMiB / 1024;
  const perVcpu = memGiB / vm.cpu.vcpus;
  if (perVcpu < MIN_GIB_PER_VCPU) {
    out.push({
      rule: "memory-per-vcpu-low", field: "memoryMiB",
      message: `${gib(memGiB)} of memory for ${vcpuNoun(vm.cpu.vcpus)} is ${fmt(perVcpu, 3)} GiB per vCPU; VMs run with at least ${MIN_GIB_PER_VCPU} GiB per vCPU.`,
    });
  } else if (perVcpu > MAX_GIB_PER_VCPU) {
    out.push({
      rule: "memory-per-vcpu-high", field: "memoryMiB",
      message: `${gib(memGiB)} of memory for ${vcpuNoun(vm.cpu.vcpus)} is ${fmt(perVcpu)} GiB per vCPU; VMs run with at most ${MAX_GIB_PER_VCPU} GiB per vCPU.`,
    });
  }
  const limit = hypervisorLimit(vm);
  if (limit && vm.cpu.vcpus > limit.vcpus) {
    out.push({
      rule: "vcpus-over-hypervisor-max", field: "cpu.vcpus",
      message: `${vcpuNoun(vm.cpu.vcpus)} is more than ${limit.label} allows per VM (${fmt(limit.vcpus)}).`,
    });
  }
  if (limit?.memoryGiB != null && memGiB > limit.memoryGiB) {
    out.push({
      rule: "memory-over-hypervisor-max", field: "memoryMiB",
      message: `${gib(memGiB)} of memory is more than ${limit.label} allows per VM (${gib(limit.memoryGiB)}).`,
    });
  }
  vm.disks.forEach((d, i) => {
    if (d.sizeGiB != null && d.sizeGiB > MAX_DISK_GIB) {
      out.push({
        rule: "disk-over-max", field: `disks.${i}.sizeGiB`,
        message: `Disk ${i + 1} is ${gib(d.sizeGiB)}; no hypervisor offers a virtual disk over ${gib(MAX_DISK_GIB)}.`,
      });
    }
  });
  const total = vm.disks.reduce((s, d) => s + (d.sizeGiB ?? 0), 0);
  if (total > MAX_TOTAL_DISK_GIB) {
    out.push({
      rule: "total-disk-over-max", field: "disks",
      message: `The disks add up to ${gib(total)}, more than the ${gib(MAX_TOTAL_DISK_GIB)} any VM we compare is given.`,
    });
  }
  return out;
}

/** The stored form of the reasons: their messages, which already name the field in words. */
export function reasonMessages(reasons: readonly ImplausibleReason[]): string[] {
  return reasons.map((r) => r.message);
}

import type { NormalizedVm } from "@/lib/vm/model";
import type { Check, CheckFinding, CheckInput, RuleTable } from "./types";
import { identifyVmwareProduct } from "./esx-version";
import { agreed, identifyGuest, normalizeGuestId, type GuestIdentity } from "@/lib/taxonomy/guest-releases";
import { parseVmxHardwareVersion } from "./hardware-version";
import { SOURCES } from "./sources";
import { PARAVIRTUAL_NIC, replaceableNicModels, type NicPlatform } from "@/lib/taxonomy/nic-models";

type Platform = NicPlatform;

/** Emulated adapters with a paravirtual replacement on the same platform (lib/taxonomy/nic-models.ts). */
export const LEGACY_NIC_MODELS: Record<Platform, readonly string[]> = {
  vmware: replaceableNicModels("vmware"),
  kvm: replaceableNicModels("kvm"),
};

/** vmxnet3 arrived with hardware version 7. */
export const VMXNET3_MIN_HARDWARE = 7;
/** VMware sizes guest memory in 4 MB steps. */
export const MEMORY_STEP_MIB = 4;
/** IDE: two channels of two devices each, CD-ROMs included. */
export const IDE_MAX_DEVICES = 4;

/** Guests too old for a paravirtual NIC driver (DOS, Windows 9x/NT/2000, Linux 2.4, "other"). */
const PRE_PARAVIRTUAL_IDS = /^(dos|win31|win95|win98|winme|winnt|win2000|w2k|other|other24xlinux|l24)$|^(win2000|winnt|other24xlinux)/;

const ID = "layout-devices";

function platformOf(vm: NormalizedVm): Platform | null {
  const v = vm.hypervisor.vendor;
  if (v === "vmware" || identifyVmwareProduct(vm.hypervisor.product)) return "vmware";
  // Nutanix AHV is KVM underneath and uses the same VirtIO drivers.
  if (v === "kvm" || v === "proxmox" || v === "nutanix") return "kvm";
  return null;
}

function supportsParavirtualNic(vm: NormalizedVm, identity: GuestIdentity | null, platform: Platform): boolean {
  if (vm.guestOs.family !== "windows" && vm.guestOs.family !== "linux") return false;
  if (identity && identity.candidates.some((c) => c.key === "windows-2000")) return false;
  if (vm.guestOs.id && PRE_PARAVIRTUAL_IDS.test(normalizeGuestId(vm.guestOs.id))) return false;
  if (platform === "vmware") {
    const hw = parseVmxHardwareVersion(vm.hardwareVersion);
    if (hw != null && hw < VMXNET3_MIN_HARDWARE) return false;
  }
  return true;
}

function isServerGuest(vm: NormalizedVm, identity: GuestIdentity | null): boolean {
  if (identity) {
    const kind = agreed(identity, (g) => g.kind);
    if (kind) return kind !== "windows-desktop";
  }
  const f = vm.guestOs.family;
  if (f === "linux" || f === "bsd" || f === "solaris") return true;
  if (f === "windows") return /server|srv|winnet|longhorn/i.test(`${vm.guestOs.id ?? ""} ${vm.guestOs.name ?? ""}`);
  return false;
}

function cpuLayout(vm: NormalizedVm): CheckFinding[] {
  const { vcpus, coresPerSocket } = vm.cpu;
  if (coresPerSocket == null || vcpus % coresPerSocket === 0) return [];
  return [{
    checkId: ID, severity: "problem",
    title: `${vcpus} vCPUs is not a multiple of ${coresPerSocket} cores per socket`,
    explanation: `The VM has ${vcpus} vCPUs with ${coresPerSocket} cores per socket, which does not divide into whole sockets. vSphere refuses the configuration (the VM will not power on), and other hypervisors present an odd topology to the guest.`,
    action: `Set cores per socket to a divisor of ${vcpus} (for example ${largestDivisorAtMost(vcpus, coresPerSocket)}), ideally matching the host's NUMA node size, or change the vCPU count.`,
    source: SOURCES.coresPerSocket,
  }];
}

function largestDivisorAtMost(n: number, max: number): number {
  for (let d = Math.min(n, max); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

function legacyNics(vm: NormalizedVm, identity: GuestIdentity | null, platform: Platform | null): CheckFinding[] {
  if (!platform || !supportsParavirtualNic(vm, identity, platform)) return [];
  const legacy = vm.nics
    .map((nic, i) => ({ n: i + 1, model: nic.model?.toLowerCase() ?? null }))
    .filter((x): x is { n: number; model: string } => x.model != null && LEGACY_NIC_MODELS[platform].includes(x.model));
  if (legacy.length === 0) return [];
  const pv = PARAVIRTUAL_NIC[platform];
  const list = legacy.map((x) => `NIC ${x.n} (${x.model})`).join(", ");
  return [{
    checkId: ID, severity: "warning",
    title: `Emulated network adapter${legacy.length > 1 ? "s" : ""} where ${pv} is available`,
    explanation: `${list} ${legacy.length > 1 ? "emulate" : "emulates"} physical hardware. The guest${vm.guestOs.name ? ` (${vm.guestOs.name})` : ""} supports the paravirtual ${pv} adapter, which costs less CPU per packet, supports higher throughput and offloads, and is the recommended choice on this platform.`,
    action: platform === "vmware"
      ? "Install VMware Tools, add a vmxnet3 adapter, move the IP configuration to it, then remove the old adapter (plan a short outage; the guest sees a new NIC)."
      : "Install the VirtIO drivers (virtio-win for Windows; built into Linux), switch the model to virtio and re-apply the IP configuration if the guest sees a new NIC.",
    source: platform === "vmware" ? SOURCES.nicChoice : SOURCES.proxmoxQemu,
  }];
}

function ideDisks(vm: NormalizedVm, identity: GuestIdentity | null, platform: Platform | null): CheckFinding[] {
  const ide = vm.disks.map((d, i) => ({ n: i + 1, bus: d.bus })).filter((d) => d.bus === "ide");
  if (ide.length === 0 || !isServerGuest(vm, identity)) return [];
  const better = platform === "kvm" ? "VirtIO SCSI or VirtIO block" : platform === "vmware" ? "a SCSI controller (VMware Paravirtual or LSI Logic SAS)" : "a SCSI or paravirtual controller";
  return [{
    checkId: ID, severity: "warning",
    title: `IDE disk${ide.length > 1 ? "s" : ""} on a server guest`,
    explanation: `Disk${ide.length > 1 ? "s" : ""} ${ide.map((d) => d.n).join(", ")} ${ide.length > 1 ? "use" : "uses"} the IDE bus. Emulated IDE handles one request at a time per channel and is slower than ${better}; it is limited to ${IDE_MAX_DEVICES} devices (two channels of two, CD-ROMs included) and does not support hot-add.`,
    action: `Install the guest's driver for ${better}, add that controller, and move the disks to it (for a boot disk, add a small disk on the new controller first so the driver loads, then switch).`,
    source: platform === "kvm" ? SOURCES.proxmoxQemu : SOURCES.vmAdminIde,
  }];
}

function memoryStep(vm: NormalizedVm, platform: Platform | null): CheckFinding[] {
  if (platform !== "vmware" || vm.memoryMiB % MEMORY_STEP_MIB === 0) return [];
  const down = vm.memoryMiB - (vm.memoryMiB % MEMORY_STEP_MIB);
  return [{
    checkId: ID, severity: "warning",
    title: `Memory ${vm.memoryMiB} MiB is not a multiple of ${MEMORY_STEP_MIB} MB`,
    explanation: `The VM is configured with ${vm.memoryMiB} MiB of memory. VMware requires memory in multiples of ${MEMORY_STEP_MIB} MB; vSphere rejects the value when the VM is edited or powered on.`,
    action: `Set memory to ${down} MiB or ${down + MEMORY_STEP_MIB} MiB.`,
    source: SOURCES.vmAdminMemory,
  }];
}

function firmware(vm: NormalizedVm, identity: GuestIdentity | null): CheckFinding[] {
  if (vm.firmware !== "bios" || !identity || agreed(identity, (g) => g.expectsEfi) !== true) return [];
  const guest = identity.candidates.map((c) => c.label).join(" / ");
  const win11 = identity.candidates.every((c) => c.key === "windows-11");
  return [{
    checkId: ID, severity: "warning",
    title: `${guest} on BIOS firmware`,
    explanation: `The VM boots with legacy BIOS, but ${guest} expects UEFI firmware: ${win11 ? "Windows 11 setup requires UEFI with Secure Boot capability and a TPM 2.0" : "Secure Boot, virtualization-based security and Credential Guard need it"}, and the hypervisor's defaults for this guest use EFI.`,
    action: "Switch the firmware to EFI (convert the boot disk from MBR to GPT first, e.g. with mbr2gpt in Windows), then enable Secure Boot and, if needed, add a virtual TPM.",
    source: win11 ? SOURCES.windows11Requirements : SOURCES.windowsServerRequirements,
  }];
}

function run(input: CheckInput): CheckFinding[] {
  const { vm } = input;
  const identity = identifyGuest(vm);
  const platform = platformOf(vm);
  return [
    ...cpuLayout(vm),
    ...legacyNics(vm, identity, platform),
    ...ideDisks(vm, identity, platform),
    ...memoryStep(vm, platform),
    ...firmware(vm, identity),
  ];
}

const table: RuleTable = {
  title: "Layout and device rules",
  columns: ["Rule", "Finding"],
  rows: [
    ["vCPUs not a multiple of cores per socket", "Problem"],
    [`Legacy NIC (VMware: ${LEGACY_NIC_MODELS.vmware.join(", ")}; KVM/Proxmox: ${LEGACY_NIC_MODELS.kvm.join(", ")}) where the guest supports vmxnet3 / virtio`, "Warning"],
    [`IDE disks on a server guest (slower; at most ${IDE_MAX_DEVICES} IDE devices)`, "Warning"],
    [`Memory not a multiple of ${MEMORY_STEP_MIB} MB on VMware`, "Warning"],
    ["BIOS firmware for Windows 11, Windows Server 2022 or 2025 (they expect UEFI)", "Warning"],
  ],
};

export const layoutDevicesCheck: Check = {
  id: ID,
  title: "CPU layout, memory and devices",
  summary:
    "Checks that vCPUs divide evenly into sockets, that NICs use the paravirtual model (vmxnet3 on VMware, virtio on KVM and Proxmox) when the guest supports it, that server guests do not boot from IDE disks, that VMware memory sizes are multiples of 4 MB, and that guests which expect UEFI (Windows 11, Windows Server 2022 and 2025) do not run on BIOS firmware. Facts the source does not state are not judged.",
  sources: [SOURCES.coresPerSocket, SOURCES.nicChoice, SOURCES.proxmoxQemu, SOURCES.vmAdminIde, SOURCES.vmAdminMemory,
    SOURCES.windows11Requirements, SOURCES.windowsServerRequirements],
  tables: [table],
  run,
};

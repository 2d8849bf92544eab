import { z } from "zod";

/**
 * The normalized VM: the contract every parser, the form and the agent produce
 * (../shared/DESIGN.md). `null` means "the source does not say"; never guess.
 * Every field, the platform defaults a parser may apply (with their sources) and
 * the CPU topology rule are written down once in docs/normalized-model.md.
 */
export const SOURCE_FORMATS = [
  "vmx", "ovf", "libvirt", "proxmox", "vbox", "vsphere-json", "rvtools", "hyperv", "manual", "vcenter",
] as const;
export const HYPERVISOR_VENDORS = ["vmware", "microsoft", "kvm", "xen", "proxmox", "virtualbox", "nutanix", "other"] as const;
export const GUEST_FAMILIES = ["windows", "linux", "bsd", "solaris", "macos", "other"] as const;
export const DISK_BUSES = ["scsi", "sata", "ide", "nvme", "virtio", "usb", "other"] as const;
export const FIRMWARES = ["bios", "efi"] as const;
export const PROVISIONING = ["thin", "thick"] as const;
/** Fields a parser may fill with a platform's documented default (see `defaulted`). */
export const DEFAULTABLE_FIELDS = [
  "firmware", "cpu.vcpus", "cpu.coresPerSocket", "memoryMiB", "hardwareVersion", "disks.bus", "disks.provisioning", "nics.model",
] as const;
export type DefaultableField = (typeof DEFAULTABLE_FIELDS)[number];

export type SourceFormat = (typeof SOURCE_FORMATS)[number];
export type HypervisorVendor = (typeof HYPERVISOR_VENDORS)[number];
export type GuestFamily = (typeof GUEST_FAMILIES)[number];
export type DiskBus = (typeof DISK_BUSES)[number];

export const diskSchema = z.object({
  sizeGiB: z.number().nonnegative().max(1024 * 1024).nullable().describe("Capacity in GiB (2^30 bytes)"),
  bus: z.enum(DISK_BUSES).nullable(),
  provisioning: z.enum(PROVISIONING).nullable(),
});

export const nicSchema = z.object({
  model: z.string().max(64).nullable().describe('Lower case adapter model, e.g. "vmxnet3", "e1000", "virtio"'),
  network: z.string().max(256).nullable(),
});

export const normalizedVmSchema = z.object({
  name: z.string().max(512).nullable(),
  source: z.object({ format: z.enum(SOURCE_FORMATS) }),
  hypervisor: z.object({
    vendor: z.enum(HYPERVISOR_VENDORS).nullable(),
    product: z.string().max(128).nullable(),
    version: z.string().max(64).nullable(),
  }),
  hardwareVersion: z.string().max(64).nullable(),
  firmware: z.enum(FIRMWARES).nullable(),
  guestOs: z.object({
    id: z.string().max(128).nullable(),
    family: z.enum(GUEST_FAMILIES).nullable(),
    name: z.string().max(256).nullable(),
  }),
  cpu: z.object({
    vcpus: z.number().int().min(1).max(1024),
    coresPerSocket: z.number().int().min(1).max(1024).nullable(),
    /** Hardware threads per core as the platform states it (libvirt `<topology threads>`); null when not stated. */
    threadsPerCore: z.number().int().min(1).max(8).nullable().optional(),
  }),
  memoryMiB: z.number().int().min(1).max(64 * 1024 * 1024),
  disks: z.array(diskSchema).max(256),
  nics: z.array(nicSchema).max(64),
  /**
   * Capacity of all disks in GiB as the SOURCE states it (RVTools `Total disk capacity MiB`), so that a total
   * survives when per-disk sizes are unknown; null when the source states no total. The total used by stats
   * is derived from this and the disks in one function; unknown is never 0.
   */
  totalDiskGiB: z.number().nonnegative().max(64 * 1024 * 1024).nullable().default(null)
    .describe("Total disk capacity in GiB as the source states it; null when the source does not state a total"),
  /**
   * Fields whose value is the platform's documented default because the source is silent (e.g. "firmware":
   * a .vmx without a `firmware` key is BIOS). Shown as a default in the preview and on the record.
   */
  defaulted: z.array(z.enum(DEFAULTABLE_FIELDS)).max(16).default([]),
});

export type Disk = z.infer<typeof diskSchema>;
export type Nic = z.infer<typeof nicSchema>;
export type NormalizedVm = z.infer<typeof normalizedVmSchema>;

/** An empty VM with every optional fact unknown; parsers fill in what their source says. */
export function blankVm(format: SourceFormat): NormalizedVm {
  return {
    name: null,
    source: { format },
    hypervisor: { vendor: null, product: null, version: null },
    hardwareVersion: null,
    firmware: null,
    guestOs: { id: null, family: null, name: null },
    cpu: { vcpus: 1, coresPerSocket: null, threadsPerCore: null },
    memoryMiB: 1,
    disks: [],
    nics: [],
    totalDiskGiB: null,
    defaulted: [],
  };
}

/**
 * The VM's total disk capacity in GiB, the one derivation used everywhere (database column, statistics,
 * pages, exports): the total the source states when it states one; otherwise the sum of the disks when
 * there is at least one disk and every disk's size is known; otherwise null. A VM without disks or with a
 * disk of unknown size has an unknown total, never 0 and never a partial sum that would read as the whole.
 */
export function totalDiskGiB(vm: Pick<NormalizedVm, "disks"> & { totalDiskGiB?: number | null }): number | null {
  if (vm.totalDiskGiB != null) return Math.round(vm.totalDiskGiB * 100) / 100;
  if (vm.disks.length === 0) return null;
  let sum = 0;
  for (const d of vm.disks) {
    if (d.sizeGiB == null) return null;
    sum += d.sizeGiB;
  }
  return Math.round(sum * 100) / 100;
}

/**
 * A disk of 0 GiB does not exist, so a source that says 0 gives no size: such sizes (and a stated total
 * of 0) become null. Applied where parsed VMs enter the site (lib/formats parseFile, the bulk import) and
 * before anything is stored, so that no stored or shown value is a 0 that meant "unknown".
 */
export function zeroSizesAsUnknown<T extends Pick<NormalizedVm, "disks"> & { totalDiskGiB?: number | null }>(vm: T): T {
  const zeroDisk = vm.disks.some((d) => d.sizeGiB != null && d.sizeGiB <= 0);
  const zeroTotal = vm.totalDiskGiB != null && vm.totalDiskGiB <= 0;
  if (!zeroDisk && !zeroTotal) return vm;
  return {
    ...vm,
    disks: vm.disks.map((d) => (d.sizeGiB != null && d.sizeGiB <= 0 ? { ...d, sizeGiB: null } : d)),
    ...(zeroTotal ? { totalDiskGiB: null } : {}),
  };
}

/** Disks whose size the source does not give. */
export function unknownDiskSizes(vm: Pick<NormalizedVm, "disks">): number {
  return vm.disks.filter((d) => d.sizeGiB == null).length;
}

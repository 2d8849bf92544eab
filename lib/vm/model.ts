import { z } from "zod";
import { lineText } from "@/lib/text/control-chars";

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
  model: lineText(64).nullable().describe('Lower case adapter model, e.g. "vmxnet3", "e1000", "virtio"'),
  network: lineText(256).nullable(),
});

/**
 * Utilization metrics: a small closed list so that figures from different sources compare (definitions and
 * units in docs/normalized-model.md). Percentages are 0-100 of the VM's own configured capacity unless the
 * definition says otherwise; ".mib" figures are binary megabytes; rates are per second.
 */
export const UTILIZATION_METRICS = [
  "cpu.usage.pct", "cpu.ready.pct",
  "mem.active.pct", "mem.consumed.pct", "mem.demand.pct",
  "mem.demand.mib", "mem.assigned.mib", "mem.ballooned.mib", "mem.swapped.mib",
  "disk.iops", "disk.throughput.kbps", "net.throughput.kbps",
] as const;
/** "sample" is one reading at one moment (a 20-second quickStats value, an RVTools cell): never an average. */
export const UTILIZATION_STATISTICS = ["average", "p95", "max", "sample"] as const;
export const UTILIZATION_SOURCES = ["rvtools", "hyperv", "vcenter", "manual"] as const;
export type UtilizationMetric = (typeof UTILIZATION_METRICS)[number];
export type UtilizationStatistic = (typeof UTILIZATION_STATISTICS)[number];
export type UtilizationSource = (typeof UTILIZATION_SOURCES)[number];

/** ISO-8601 duration in days, hours or minutes ("P30D", "PT24H", "P1DT12H"); what the statistic was taken over. */
const ISO_DURATION = /^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$/;

export const utilizationSchema = z.object({
  metric: z.enum(UTILIZATION_METRICS),
  statistic: z.enum(UTILIZATION_STATISTICS),
  window: z.string().max(32).regex(ISO_DURATION, 'an ISO-8601 duration such as "P30D"').nullable()
    .describe('Period the statistic covers, e.g. "P30D"; null for a point-in-time sample'),
  source: z.enum(UTILIZATION_SOURCES),
  value: z.number().finite().min(0).max(1e12),
}).superRefine((u, ctx) => {
  // A sample has no window and anything else needs one: "average" without a period is not an average.
  if (u.statistic === "sample" && u.window !== null) ctx.addIssue({ code: "custom", path: ["window"], message: "a sample has no window" });
  if (u.statistic !== "sample" && u.window === null) ctx.addIssue({ code: "custom", path: ["window"], message: `a ${u.statistic} needs the window it covers` });
});
export type Utilization = z.infer<typeof utilizationSchema>;

/** What makes a figure distinct: a VM has at most one value per metric, statistic, window and source. */
export function utilizationKey(u: Pick<Utilization, "metric" | "statistic" | "window" | "source">): string {
  return `${u.metric} ${u.statistic} ${u.window ?? "-"} ${u.source}`;
}

export const normalizedVmSchema = z.object({
  name: lineText(512).nullable(),
  source: z.object({ format: z.enum(SOURCE_FORMATS) }),
  hypervisor: z.object({
    vendor: z.enum(HYPERVISOR_VENDORS).nullable(),
    product: lineText(128).nullable(),
    version: lineText(64).nullable(),
  }),
  hardwareVersion: lineText(64).nullable(),
  firmware: z.enum(FIRMWARES).nullable(),
  guestOs: z.object({
    id: lineText(128).nullable(),
    family: z.enum(GUEST_FAMILIES).nullable(),
    name: lineText(256).nullable(),
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
  /**
   * Utilization figures with their provenance (metric, statistic, window, source). Absent means none, exactly
   * like []: left optional so that parsers whose source carries no usage keep their output unchanged.
   */
  utilization: z.array(utilizationSchema).max(64).optional().superRefine((list, ctx) => {
    const seen = new Set<string>();
    list?.forEach((u, i) => {
      const key = utilizationKey(u);
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i], message: `${key} is given twice` });
      seen.add(key);
    });
  }),
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

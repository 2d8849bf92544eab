import { formatGiB, plural } from "@/lib/text/display";
import { totalDiskGiB, unknownDiskSizes, type NormalizedVm } from "./model";

type DiskFacts = Pick<NormalizedVm, "disks"> & { totalDiskGiB?: number | null };

/**
 * The total disk in words for a VM's page: "500 GiB in 2 disks", or why it is unknown:
 * "unknown (2 disks, 1 of unknown size)", "unknown (no disks listed)". Never "0 GiB" for unknown.
 */
export function describeTotalDisk(vm: DiskFacts): string {
  const total = totalDiskGiB(vm);
  const disks = plural(vm.disks.length, "disk");
  if (total != null) return vm.disks.length ? `${formatGiB(total)} in ${disks}` : formatGiB(total);
  if (vm.disks.length === 0) return "unknown (no disks listed)";
  const unknown = unknownDiskSizes(vm);
  return unknown === vm.disks.length ? `unknown (${disks}, sizes not given)` : `unknown (${disks}, ${unknown} of unknown size)`;
}

/** For one-line summaries: "500 GiB disk" or "disk size unknown". */
export function shortTotalDisk(vm: DiskFacts): string {
  const total = totalDiskGiB(vm);
  return total == null ? "disk size unknown" : `${formatGiB(total)} disk`;
}

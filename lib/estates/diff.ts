import { formatGiB, formatMemory, label, trim } from "@/lib/text/display";
import { totalDiskGiB, type NormalizedVm } from "@/lib/vm/model";
import type { FieldChange } from "./describe";

export { describeChange, describeChanges, type FieldChange } from "./describe";

export interface EstateTotals {
  vms: number;
  vcpus: number;
  memoryMiB: number;
  /** Sum of the totals that are known; VMs whose total is unknown are counted in diskUnknown instead. */
  diskGiB: number;
  /** VMs whose total disk is unknown (absent in imports recorded before it was counted). */
  diskUnknown?: number;
}

const NONE = "none";
const text = (v: string | null | undefined) => (v == null || v === "" ? NONE : v);
const num = (v: number | null | undefined) => (v == null ? NONE : trim(v));
const size = (v: number | null | undefined) => (v == null ? "unknown size" : formatGiB(v));

/**
 * What changed in one VM's configuration between two imports, in a fixed
 * order (CPU, memory, disks, NICs, platform), so that two diffs of the same
 * pair read the same. Names are not compared: both sides are redacted.
 */
export function diffVm(before: NormalizedVm, after: NormalizedVm): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: string, lbl: string, from: string, to: string) => {
    if (from !== to) out.push({ field, label: lbl, from, to });
  };

  add("cpu.vcpus", "vCPU", num(before.cpu.vcpus), num(after.cpu.vcpus));
  add("cpu.coresPerSocket", "cores per socket", num(before.cpu.coresPerSocket), num(after.cpu.coresPerSocket));
  add("memoryMiB", "memory", formatMemory(before.memoryMiB), formatMemory(after.memoryMiB));

  add("disks.length", "disks", String(before.disks.length), String(after.disks.length));
  const multiDisk = Math.max(before.disks.length, after.disks.length) > 1;
  for (let i = 0; i < Math.min(before.disks.length, after.disks.length); i++) {
    const [b, a] = [before.disks[i], after.disks[i]];
    const name = multiDisk ? `disk ${i + 1}` : "disk";
    add(`disks.${i}.sizeGiB`, name, size(b.sizeGiB), size(a.sizeGiB));
    add(`disks.${i}.bus`, `${name} bus`, label(b.bus), label(a.bus));
    add(`disks.${i}.provisioning`, `${name} provisioning`, label(b.provisioning), label(a.provisioning));
  }
  if (before.disks.length !== after.disks.length) {
    add("totalDiskGiB", "total disk", formatGiB(totalDiskGiB(before)), formatGiB(totalDiskGiB(after)));
  }

  add("nics.length", "NICs", String(before.nics.length), String(after.nics.length));
  const multiNic = Math.max(before.nics.length, after.nics.length) > 1;
  for (let i = 0; i < Math.min(before.nics.length, after.nics.length); i++) {
    const [b, a] = [before.nics[i], after.nics[i]];
    const name = multiNic ? `NIC ${i + 1}` : "NIC";
    add(`nics.${i}.model`, name, text(b.model), text(a.model));
    add(`nics.${i}.network`, `${name} network`, text(b.network), text(a.network));
  }

  add("firmware", "firmware", label(before.firmware), label(after.firmware));
  add("hardwareVersion", "hardware version", text(before.hardwareVersion), text(after.hardwareVersion));
  add("guestOs.name", "guest OS", text(before.guestOs.name ?? before.guestOs.id), text(after.guestOs.name ?? after.guestOs.id));
  add("hypervisor.product", "hypervisor", text(before.hypervisor.product), text(after.hypervisor.product));
  add("hypervisor.version", "hypervisor version", text(before.hypervisor.version), text(after.hypervisor.version));
  return out;
}

export function estateTotals(vms: NormalizedVm[]): EstateTotals {
  let vcpus = 0;
  let memoryMiB = 0;
  let disk = 0;
  let diskUnknown = 0;
  for (const vm of vms) {
    vcpus += vm.cpu.vcpus;
    memoryMiB += vm.memoryMiB;
    const t = totalDiskGiB(vm);
    if (t == null) diskUnknown += 1;
    else disk += t;
  }
  return { vms: vms.length, vcpus, memoryMiB, diskGiB: Math.round(disk * 100) / 100, diskUnknown };
}

export function totalsDelta(before: EstateTotals | null, after: EstateTotals): EstateTotals {
  const b = before ?? { vms: 0, vcpus: 0, memoryMiB: 0, diskGiB: 0 };
  return {
    vms: after.vms - b.vms,
    vcpus: after.vcpus - b.vcpus,
    memoryMiB: after.memoryMiB - b.memoryMiB,
    diskGiB: Math.round((after.diskGiB - b.diskGiB) * 100) / 100,
    diskUnknown: (after.diskUnknown ?? 0) - (b.diskUnknown ?? 0),
  };
}

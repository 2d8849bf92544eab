import type { NormalizedVm } from "@/lib/vm/model";

const cut = (s: string | null, n: number) => (s === null ? null : s.slice(0, n));

/**
 * Trims a mapped VM to the limits of normalizedVmSchema (string lengths,
 * device counts, disk size), so one odd record never fails a whole export.
 */
export function fitVm(vm: NormalizedVm): NormalizedVm {
  vm.name = cut(vm.name, 512);
  vm.hypervisor = { vendor: vm.hypervisor.vendor, product: cut(vm.hypervisor.product, 128), version: cut(vm.hypervisor.version, 64) };
  vm.hardwareVersion = cut(vm.hardwareVersion, 64);
  vm.guestOs = { id: cut(vm.guestOs.id, 128), family: vm.guestOs.family, name: cut(vm.guestOs.name, 256) };
  vm.disks = vm.disks.slice(0, 256).map((d) => ({ ...d, sizeGiB: d.sizeGiB !== null && d.sizeGiB <= 1024 * 1024 ? d.sizeGiB : null }));
  vm.nics = vm.nics.slice(0, 64).map((n) => ({ model: cut(n.model, 64), network: cut(n.network, 256) }));
  return vm;
}

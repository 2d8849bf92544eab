import type { NormalizedVm } from "@/lib/vm/model";

function gib(n: number): string {
  return Number.isInteger(n) ? `${n}` : n >= 10 ? n.toFixed(1) : `${Math.round(n * 1000) / 1000}`;
}

/** One line that says what a redacted record holds, for the confirmation before publishing. */
export function describeVm(vm: NormalizedVm): string {
  const parts: string[] = [];
  parts.push(`${vm.cpu.vcpus} vCPU${vm.cpu.coresPerSocket ? ` (${vm.cpu.coresPerSocket}/socket)` : ""}`);
  parts.push(vm.memoryMiB % 1024 === 0 ? `${vm.memoryMiB / 1024} GiB RAM` : `${vm.memoryMiB} MiB RAM`);
  parts.push(
    vm.disks.length === 0
      ? "no disks"
      : `disks ${vm.disks.map((d) => [d.sizeGiB === null ? "?" : `${gib(d.sizeGiB)} GiB`, d.bus, d.provisioning].filter(Boolean).join(" ")).join(", ")}`,
  );
  parts.push(vm.nics.length === 0 ? "no NICs" : `NICs ${vm.nics.map((n) => [n.model ?? "?", n.network].filter(Boolean).join(" on ")).join(", ")}`);
  const guest = vm.guestOs.name ?? vm.guestOs.id;
  if (guest) parts.push(guest);
  const platform = [vm.firmware, vm.hardwareVersion, [vm.hypervisor.product, vm.hypervisor.version].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  if (platform) parts.push(platform);
  return parts.join("; ");
}

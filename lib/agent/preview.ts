import type { NormalizedVm } from "@/lib/vm/model";
import { windowText } from "@/lib/vm/utilization-text";

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
  const usage = usageText(vm);
  if (usage) parts.push(usage);
  return parts.join("; ");
}

/** "CPU 12% average, 40% p95 over 30 days" from history, or "CPU 35% (20-second sample)"; null without figures. */
function usageText(vm: NormalizedVm): string | null {
  const cpu = (vm.utilization ?? []).filter((u) => u.metric === "cpu.usage.pct");
  const avg = cpu.find((u) => u.statistic === "average");
  const p95 = cpu.find((u) => u.statistic === "p95");
  if (avg) return `CPU ${avg.value}% average${p95 ? `, ${p95.value}% p95` : ""} over ${windowText(avg.window ?? "")}`;
  const sample = cpu.find((u) => u.statistic === "sample");
  return sample ? `CPU ${sample.value}% (20-second sample)` : null;
}

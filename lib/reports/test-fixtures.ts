import { applyPoint, emptyGroupStats, type GroupPoint, type GroupStats } from "@/lib/compare/frequency";
import { getApplication } from "@/lib/taxonomy/applications";
import { workloadApp, type WorkloadApp } from "./workload";

export const point = (over: Partial<GroupPoint> = {}): GroupPoint => ({
  vcpus: 4, memoryMiB: 16384, totalDiskGiB: 100, diskCount: 2, nicCount: 1,
  hypervisor: "VMware ESXi", guestOs: "windows", firmware: "efi", nicModels: ["vmxnet3"], year: 2024, ...over,
});

/**
 * Ten SQL Server VMs with known answers: vCPUs 2,2,4,4,4,4,8,8,8,16; memory
 * 8 GiB x4, 16 GiB x4, 32 GiB x2; one of them on Hyper-V with a synthetic NIC
 * and BIOS; years 2023 (4 VMs) and 2024 (6 VMs).
 */
export function sqlStats(): GroupStats {
  const s = emptyGroupStats();
  const vcpus = [2, 2, 4, 4, 4, 4, 8, 8, 8, 16];
  const memGiB = [8, 8, 8, 8, 16, 16, 16, 16, 32, 32];
  vcpus.forEach((v, i) => {
    const hyperv = i === 9;
    applyPoint(s, point({
      vcpus: v,
      memoryMiB: memGiB[i] * 1024,
      totalDiskGiB: 100 * (i + 1),
      year: i < 4 ? 2023 : 2024,
      hypervisor: hyperv ? "Microsoft Hyper-V" : "VMware ESXi",
      nicModels: hyperv ? ["synthetic"] : ["vmxnet3"],
      firmware: hyperv ? "bios" : "efi",
    }), 1);
  });
  return s;
}

export const sqlApp = (): WorkloadApp => workloadApp(getApplication("mssql")!);

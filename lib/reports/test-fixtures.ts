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

import type { VmComparison } from "@/lib/compare/report-model";
import { blankVm } from "@/lib/vm/model";
import { emptyContext } from "@/lib/vm/context";

/** A VmComparison with known numbers: 8 vCPUs and 24 GiB among 10 SQL Server peers. */
export function comparison(id: string | null = "abcd2345efgh", vcpus = 8, memoryGiB = 24): VmComparison {
  const { name: _name, ...config } = {
    ...blankVm("vmx"),
    cpu: { vcpus, coresPerSocket: 2 },
    memoryMiB: memoryGiB * 1024,
    disks: [{ sizeGiB: 120, bus: "scsi" as const, provisioning: "thin" as const }],
    nics: [{ model: "e1000", network: "net-1" }],
    guestOs: { id: "windows2019srv-64", family: "windows" as const, name: "Microsoft Windows Server 2019 (64-bit)" },
    hypervisor: { vendor: "vmware" as const, product: "VMware ESXi", version: "7.0.3" },
    hardwareVersion: "vmx-13",
    firmware: "bios" as const,
  };
  const row = (key: VmComparison["metrics"][number]["key"], lab: string, unit: string, value: number, percentile: number, p25: number, p50: number, p75: number, min: number, max: number, bins: [number, number, number][]) => ({
    key, label: lab, unit, value, percentile, p25, p50, p75, min, max, n: 10, unknown: 0,
    histogram: bins.map(([x0, x1, count]) => ({ x0, x1, label: String(x0), count })),
  });
  return {
    version: 1,
    generatedAt: "2026-11-20T08:00:00.000Z",
    vm: {
      id,
      summary: `${vcpus} vCPUs, ${memoryGiB} GiB memory, 120 GiB disk, Windows`,
      config,
      tags: [{ slug: "mssql", name: "Microsoft SQL Server", version: "2019", primary: true }],
      context: emptyContext(),
    },
    app: { slug: "mssql", name: "Microsoft SQL Server", version: "2019" },
    peerGroup: {
      rule: "app", description: "Published VMs tagged Microsoft SQL Server, any version (n = 10)", n: 10, minN: 20, key: "app:mssql",
      considered: [{ rule: "app-version", n: 4 }, { rule: "app", n: 10 }],
    },
    metrics: [
      row("vcpus", "vCPUs", "", vcpus, 75, 4, 4, 8, 2, 16, [[2, 3, 2], [4, 5, 4], [8, 9, 3], [16, 17, 1]]),
      row("memoryMiB", "Memory", "GiB", memoryGiB, 85, 8, 16, 16, 8, 32, [[8, 16, 4], [16, 32, 4], [32, 64, 2]]),
      row("totalDiskGiB", "Total disk", "GiB", 120, 15, 325, 550, 775, 100, 1000, [[100, 1000, 10]]),
      row("diskCount", "Disks", "", 1, 5, 2, 2, 2, 2, 2, [[2, 3, 10]]),
      row("nicCount", "NICs", "", 1, 50, 1, 1, 1, 1, 1, [[1, 2, 10]]),
    ],
    scatter: [],
    similar: [],
    findings: [
      { id: "memoryMiB-high", metric: "memoryMiB", severity: "info", text: `This Microsoft SQL Server VM has ${memoryGiB} GiB of memory; 8 of 10 Microsoft SQL Server VMs (80%) have 16 GiB or less.`, numbers: { count: 8, of: 10, pct: 80, threshold: 16, comparator: "<=" } },
      { id: "nic-model", metric: "nicModel", severity: "notable", text: "9 of 10 Microsoft SQL Server VMs (90%) use vmxnet3 NICs; this VM uses e1000.", numbers: { count: 9, of: 10, pct: 90, threshold: 70, comparator: "=", category: "vmxnet3" } },
    ],
    checks: [
      { checkId: "hardware-version", severity: "warning", title: "Old virtual hardware", explanation: "vmx-13 is older than the host supports.", action: "Upgrade the virtual hardware.", source: { title: "VMware KB 1003746" } },
    ],
    checksRun: 6,
  };
}

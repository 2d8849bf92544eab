import { sampleSpec, writeWorkbook, type TruthVm, type WorkbookSpec } from "@/lib/formats/rvtools/workbook-generator.test-support";

/**
 * RVTools workbooks with usage columns for estate-report tests and the benchmark. Deterministic: VM i gets
 * sizes and CPU use from its index. Two VMs are there to be flagged whatever the size of the workbook:
 * "sql-big-01" (16 vCPUs, 64 GiB, CPU 4%, active memory 5%: oversized) and "busy-app-01" (2 vCPUs at 96% CPU:
 * undersized).
 */
const WINDOWS = "Microsoft Windows Server 2022 (64-bit)";
const LINUX = "Red Hat Enterprise Linux 9 (64-bit)";

function vm(i: number, over: Partial<TruthVm> & { cpuPct?: number; activePct?: number } = {}): TruthVm {
  const cpus = over.cpus ?? [2, 4, 4, 8][i % 4];
  const memoryMiB = over.memoryMiB ?? [4096, 8192, 16384, 16384][i % 4];
  const cpuPct = over.cpuPct ?? 10 + ((i * 7) % 50);
  const activePct = over.activePct ?? 20 + ((i * 11) % 40);
  const maxMHz = cpus * 2600;
  const { cpuPct: _c, activePct: _a, ...rest } = over;
  return {
    name: `estate-vm-${String(i).padStart(5, "0")}`,
    uuid: `4215${i.toString(16).padStart(4, "0")}-aaaa-4bbb-8ccc-${i.toString(16).padStart(12, "0")}`,
    template: false, cpus, coresPerSocket: 1, memoryMiB, firmware: "efi", hwVersion: 19,
    osConfig: i % 3 === 2 ? LINUX : WINDOWS,
    disks: [{ capacityMiB: 102400, thin: true, controller: "SCSI controller 0" }],
    nics: [{ adapter: i % 10 === 0 ? "E1000" : "Vmxnet3", network: `VLAN${100 + (i % 5)}` }],
    inVDisk: true, totalDiskMiB: 102400,
    usage: {
      readiness: "0.5%", infoActiveMiB: Math.round((memoryMiB * activePct) / 100), overallMHz: Math.round((maxMHz * cpuPct) / 100), maxMHz,
      consumedMiB: Math.round(memoryMiB * 0.8), activeMiB: Math.round((memoryMiB * activePct) / 100), balloonedMiB: 0, swappedMiB: 0,
    },
    ...rest,
  };
}

export const FLAGGED = { oversized: "sql-big-01", undersized: "busy-app-01" } as const;

export function estateWorkbookSpec(count: number): WorkbookSpec {
  const vms: TruthVm[] = [
    vm(0, { name: FLAGGED.oversized, cpus: 16, memoryMiB: 65536, cpuPct: 4, activePct: 5, osConfig: WINDOWS }),
    vm(1, { name: FLAGGED.undersized, cpus: 2, memoryMiB: 4096, cpuPct: 96, activePct: 50, osConfig: WINDOWS }),
  ];
  for (let i = 2; i < count; i++) vms.push(vm(i));
  return sampleSpec({ vms, style: "excel" });
}

export function estateWorkbook(count: number): Buffer {
  return writeWorkbook(estateWorkbookSpec(count));
}

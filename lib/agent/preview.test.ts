import { describe, expect, it } from "vitest";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { describeVm } from "./preview";

describe("describeVm", () => {
  it("summarizes a redacted record on one line", () => {
    const vm: NormalizedVm = {
      ...blankVm("vcenter"),
      hypervisor: { vendor: "vmware", product: "VMware ESXi", version: "8.0 U2" },
      hardwareVersion: "vmx-19",
      firmware: "efi",
      guestOs: { id: "windows2019srv_64Guest", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" },
      cpu: { vcpus: 4, coresPerSocket: 2 },
      memoryMiB: 16384,
      disks: [{ sizeGiB: 100, bus: "scsi", provisioning: "thin" }, { sizeGiB: 0.001, bus: "nvme", provisioning: null }],
      nics: [{ model: "vmxnet3", network: "net-1" }],
    };
    expect(describeVm(vm)).toBe(
      "4 vCPU (2/socket); 16 GiB RAM; disks 100 GiB scsi thin, 0.001 GiB nvme; NICs vmxnet3 on net-1; " +
        "Microsoft Windows Server 2019 (64-bit); efi, vmx-19, VMware ESXi 8.0 U2",
    );
  });

  it("says what is missing rather than leaving gaps", () => {
    expect(describeVm({ ...blankVm("vcenter"), memoryMiB: 1500 })).toBe("1 vCPU; 1500 MiB RAM; no disks; no NICs");
  });

  it("states the CPU usage it will publish: history with its window, or a sample labelled as one", () => {
    const base = { ...blankVm("vcenter"), memoryMiB: 2048 };
    expect(describeVm({ ...base, utilization: [
      { metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "vcenter", value: 7.5 },
      { metric: "cpu.usage.pct", statistic: "p95", window: "P30D", source: "vcenter", value: 21 },
    ] })).toBe("1 vCPU; 2 GiB RAM; no disks; no NICs; CPU 7.5% average, 21% p95 over 30 days");
    expect(describeVm({ ...base, utilization: [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "vcenter", value: 35 }] }))
      .toBe("1 vCPU; 2 GiB RAM; no disks; no NICs; CPU 35% (20-second sample)");
  });
});

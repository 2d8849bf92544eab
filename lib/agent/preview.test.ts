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
});

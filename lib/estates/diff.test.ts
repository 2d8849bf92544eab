import { describe, expect, it } from "vitest";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { describeChange, describeChanges, diffVm, estateTotals, totalsDelta } from "./diff";

function vm(patch: (v: NormalizedVm) => void): NormalizedVm {
  const v = blankVm("rvtools");
  v.cpu = { vcpus: 2, coresPerSocket: 2 };
  v.memoryMiB = 8192;
  v.disks = [{ sizeGiB: 40, bus: "scsi", provisioning: "thin" }];
  v.nics = [{ model: "e1000", network: "net-1" }];
  v.firmware = "bios";
  patch(v);
  return v;
}

describe("diffVm", () => {
  it("finds nothing between equal VMs", () => {
    expect(diffVm(vm(() => {}), vm(() => {}))).toEqual([]);
  });

  it("words CPU, memory and NIC changes as the issue asks", () => {
    const before = vm(() => {});
    const after = vm((v) => {
      v.cpu.vcpus = 4;
      v.memoryMiB = 16384;
      v.nics[0].model = "vmxnet3";
    });
    expect(describeChanges(diffVm(before, after))).toBe("vCPU 2 → 4, memory 8 → 16 GiB, NIC e1000 → vmxnet3");
  });

  it("numbers disks when there are several and reports a new disk with the total", () => {
    const before = vm(() => {});
    const after = vm((v) => {
      v.disks[0].sizeGiB = 60;
      v.disks.push({ sizeGiB: 100, bus: "scsi", provisioning: "thick" });
    });
    expect(diffVm(before, after).map(describeChange)).toEqual([
      "disks 1 → 2",
      "disk 1: 40 → 60 GiB",
      "total disk 40 → 160 GiB",
    ]);
  });

  it("keeps both units when they differ and names unknown values", () => {
    const changes = diffVm(vm((v) => (v.memoryMiB = 512)), vm((v) => {
      v.memoryMiB = 2048;
      v.firmware = "efi";
      v.hardwareVersion = "vmx-19";
    }));
    expect(changes.map(describeChange)).toEqual(["memory 512 MiB → 2 GiB", "firmware BIOS → EFI", "hardware version none → vmx-19"]);
    expect(changes.map((c) => c.field)).toEqual(["memoryMiB", "firmware", "hardwareVersion"]);
  });
});

describe("estateTotals", () => {
  it("sums VMs, vCPUs, memory and disk", () => {
    const t = estateTotals([vm(() => {}), vm((v) => { v.cpu.vcpus = 4; v.disks.push({ sizeGiB: 10.5, bus: null, provisioning: null }); })]);
    expect(t).toEqual({ vms: 2, vcpus: 6, memoryMiB: 16384, diskGiB: 90.5, diskUnknown: 0 });
    expect(totalsDelta(null, t)).toEqual(t);
    expect(totalsDelta(t, estateTotals([vm(() => {})]))).toEqual({ vms: -1, vcpus: -4, memoryMiB: -8192, diskGiB: -50.5, diskUnknown: 0 });
  });

  it("leaves a VM whose total disk is unknown out of the disk sum and counts it", () => {
    const t = estateTotals([vm(() => {}), vm((v) => { v.disks.push({ sizeGiB: null, bus: null, provisioning: null }); })]);
    expect(t).toEqual({ vms: 2, vcpus: 4, memoryMiB: 16384, diskGiB: 40, diskUnknown: 1 });
  });
});

import { describe, expect, it } from "vitest";
import { blankVm, type NormalizedVm } from "./model";
import { hypervisorLimit, MAX_DISK_GIB, MAX_TOTAL_DISK_GIB, plausibilityReasons } from "./plausibility";

function vm(over: { vcpus?: number; memoryGiB?: number; memoryMiB?: number; disks?: (number | null)[]; hw?: string | null; hv?: Partial<NormalizedVm["hypervisor"]> } = {}): NormalizedVm {
  const v = blankVm("manual");
  v.cpu = { vcpus: over.vcpus ?? 2, coresPerSocket: null, threadsPerCore: null };
  v.memoryMiB = over.memoryMiB ?? Math.round((over.memoryGiB ?? 8) * 1024);
  v.disks = (over.disks ?? [40]).map((sizeGiB) => ({ sizeGiB, bus: null, provisioning: null }));
  v.hardwareVersion = over.hw ?? null;
  v.hypervisor = { vendor: null, product: null, version: null, ...over.hv };
  return v;
}
const rules = (v: NormalizedVm) => plausibilityReasons(v).map((r) => r.rule);

describe("memory per vCPU", () => {
  it("accepts exactly 0.25 and exactly 512 GiB per vCPU", () => {
    expect(rules(vm({ vcpus: 4, memoryGiB: 1 }))).toEqual([]);
    expect(rules(vm({ vcpus: 2, memoryGiB: 1024 }))).toEqual([]);
  });
  it("flags just below 0.25 and just above 512 GiB per vCPU", () => {
    expect(rules(vm({ vcpus: 4, memoryMiB: 1023 }))).toEqual(["memory-per-vcpu-low"]);
    expect(rules(vm({ vcpus: 2, memoryMiB: 1024 * 1024 + 1 }))).toEqual(["memory-per-vcpu-high"]);
  });
  it("states the numbers: the issue's 1 vCPU with 10 TiB", () => {
    const [r] = plausibilityReasons(vm({ vcpus: 1, memoryGiB: 10 * 1024 }));
    expect(r).toEqual({
      rule: "memory-per-vcpu-high",
      field: "memoryMiB",
      message: "10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU.",
    });
  });
  it("says a tiny VM's ratio with three decimals", () => {
    expect(plausibilityReasons(vm({ vcpus: 8, memoryMiB: 512 }))[0].message)
      .toBe("0.5 GiB of memory for 8 vCPUs is 0.063 GiB per vCPU; VMs run with at least 0.25 GiB per vCPU.");
  });
});

describe("per-VM maximum of the stated hypervisor", () => {
  it("VMware by hardware version: the vSphere compatibility table", () => {
    expect(hypervisorLimit({ hardwareVersion: "vmx-8", hypervisor: { vendor: "vmware", product: null, version: null } }))
      .toMatchObject({ vcpus: 32, memoryGiB: 1011 });
    expect(hypervisorLimit({ hardwareVersion: "vmx-14", hypervisor: { vendor: null, product: null, version: null } }))
      .toMatchObject({ vcpus: 128, memoryGiB: 6128 });
    expect(hypervisorLimit({ hardwareVersion: "vmx-15", hypervisor: { vendor: null, product: null, version: null } }))
      .toMatchObject({ vcpus: 256 });
    expect(hypervisorLimit({ hardwareVersion: "vmx-19", hypervisor: { vendor: null, product: null, version: null } }))
      .toMatchObject({ vcpus: 768, memoryGiB: 24560 });
    // 12 sits between 11 and 13 and takes 11's maximums.
    expect(hypervisorLimit({ hardwareVersion: "vmx-12", hypervisor: { vendor: null, product: null, version: null } }))
      .toMatchObject({ vcpus: 128, memoryGiB: 4080 });
    expect(hypervisorLimit({ hardwareVersion: "vmx-99", hypervisor: { vendor: null, product: null, version: null } })).toBeNull();
  });
  it("vmx-8 allows exactly 32 vCPUs and not 33", () => {
    expect(rules(vm({ vcpus: 32, memoryGiB: 64, hw: "vmx-8" }))).toEqual([]);
    const r = plausibilityReasons(vm({ vcpus: 33, memoryGiB: 66, hw: "vmx-08" }));
    expect(r).toEqual([{ rule: "vcpus-over-hypervisor-max", field: "cpu.vcpus", message: "33 vCPUs is more than VMware virtual hardware version 8 allows per VM (32)." }]);
  });
  it("ESXi by release, taking the newest update of a release", () => {
    const esxi = (version: string) => hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: "vmware", product: "VMware ESXi", version } });
    expect(esxi("5.0")).toMatchObject({ vcpus: 32 });
    expect(esxi("6.7")).toMatchObject({ vcpus: 256, memoryGiB: 6128 });
    expect(esxi("7.0.3")).toMatchObject({ vcpus: 768 });
    expect(esxi("7.0")).toMatchObject({ vcpus: 768 });
    expect(rules(vm({ vcpus: 129, memoryGiB: 512, hv: { vendor: "vmware", product: "VMware ESXi", version: "6.5" } }))).toEqual(["vcpus-over-hypervisor-max"]);
    expect(rules(vm({ vcpus: 128, memoryGiB: 512, hv: { vendor: "vmware", product: "VMware ESXi", version: "6.5" } }))).toEqual([]);
  });
  it("Hyper-V by Windows Server release (generation 2 maximums)", () => {
    const hv = (version: string) => hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: "microsoft", product: "Microsoft Hyper-V", version } });
    expect(hv("Windows Server 2012 R2")).toMatchObject({ vcpus: 64, memoryGiB: 1024 });
    expect(hv("Windows Server 2016")).toMatchObject({ vcpus: 240, memoryGiB: 12288 });
    expect(hv("Windows Server 2019")).toMatchObject({ vcpus: 250 });
    expect(hv("Windows Server 2022")).toMatchObject({ vcpus: 1024, memoryGiB: 240 * 1024 });
    expect(rules(vm({ vcpus: 64, memoryGiB: 64, hv: { vendor: "microsoft", product: "Hyper-V", version: "2012 R2" } }))).toEqual([]);
    expect(rules(vm({ vcpus: 65, memoryGiB: 65, hv: { vendor: "microsoft", product: "Hyper-V", version: "2012 R2" } }))).toEqual(["vcpus-over-hypervisor-max"]);
  });
  it("memory above the hypervisor's per-VM maximum", () => {
    const r = plausibilityReasons(vm({ vcpus: 8, memoryGiB: 1012, hw: "vmx-10" }));
    expect(r).toEqual([{ rule: "memory-over-hypervisor-max", field: "memoryMiB", message: "1,012 GiB of memory is more than VMware virtual hardware version 10 allows per VM (1,011 GiB)." }]);
    expect(rules(vm({ vcpus: 8, memoryGiB: 1011, hw: "vmx-10" }))).toEqual([]);
  });
  it("VirtualBox: 64 vCPUs and 2 TiB; KVM and Proxmox: 4096 vCPUs", () => {
    expect(rules(vm({ vcpus: 64, memoryGiB: 64, hv: { vendor: "virtualbox" } }))).toEqual([]);
    expect(rules(vm({ vcpus: 65, memoryGiB: 65, hv: { vendor: "virtualbox" } }))).toEqual(["vcpus-over-hypervisor-max"]);
    expect(rules(vm({ vcpus: 8, memoryGiB: 2049, hv: { vendor: "virtualbox", product: "Oracle VirtualBox" } }))).toEqual(["memory-over-hypervisor-max"]);
    expect(hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: "proxmox", product: "Proxmox VE", version: "8.2" } })).toMatchObject({ vcpus: 4096, memoryGiB: null });
  });
  it("no limit for a hypervisor it does not know or a version it cannot place", () => {
    expect(hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: "xen", product: "XCP-ng", version: "8.2" } })).toBeNull();
    expect(hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: "vmware", product: "VMware vSphere", version: null } })).toBeNull();
    expect(hypervisorLimit({ hardwareVersion: null, hypervisor: { vendor: null, product: null, version: null } })).toBeNull();
  });
});

describe("disks", () => {
  it("a disk of exactly 64 TiB is plausible; one GiB more is not", () => {
    expect(rules(vm({ disks: [MAX_DISK_GIB] }))).toEqual([]);
    const r = plausibilityReasons(vm({ disks: [40, MAX_DISK_GIB + 1] }));
    expect(r).toEqual([{ rule: "disk-over-max", field: "disks.1.sizeGiB", message: "Disk 2 is 65,537 GiB; no hypervisor offers a virtual disk over 64 TiB." }]);
  });
  it("a total over 256 TiB is flagged; unknown sizes count as nothing, not as zero-sized proof", () => {
    expect(rules(vm({ disks: [MAX_DISK_GIB, MAX_DISK_GIB, MAX_DISK_GIB, MAX_DISK_GIB, null] }))).toEqual([]);
    expect(MAX_TOTAL_DISK_GIB).toBe(262144);
    expect(rules(vm({ disks: [MAX_DISK_GIB, MAX_DISK_GIB, MAX_DISK_GIB, MAX_DISK_GIB, 1] }))).toEqual(["total-disk-over-max"]);
  });
  it("reports every reason at once, in a stable order", () => {
    expect(rules(vm({ vcpus: 1, memoryGiB: 2048, disks: [70000], hw: "vmx-13" }))).toEqual([
      "memory-per-vcpu-high", "disk-over-max",
    ]);
    expect(rules(vm({ vcpus: 200, memoryGiB: 20, disks: [70000, 70000, 70000, 70000], hw: "vmx-11" }))).toEqual([
      "memory-per-vcpu-low", "vcpus-over-hypervisor-max", "disk-over-max", "disk-over-max", "disk-over-max", "disk-over-max", "total-disk-over-max",
    ]);
  });
});

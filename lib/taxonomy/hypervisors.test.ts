import { describe, expect, it } from "vitest";
import { HYPERVISOR_VENDORS } from "@/lib/vm/model";
import {
  ESXI_NEWEST_HARDWARE, HYPERVISOR_PRODUCTS, PRODUCT_RENAMES, getHypervisorProduct, resolveHypervisor,
} from "@/lib/taxonomy/hypervisors";

describe("hypervisor products", () => {
  it("use only the model's vendor enum and unique ids", () => {
    for (const p of HYPERVISOR_PRODUCTS) expect(HYPERVISOR_VENDORS).toContain(p.vendor);
    expect(new Set(HYPERVISOR_PRODUCTS.map((p) => p.id)).size).toBe(HYPERVISOR_PRODUCTS.length);
  });

  it("list ESXi releases through 8.0 U3 with a newest hardware version for each", () => {
    const esxi = getHypervisorProduct("esxi")!;
    expect(esxi.versions).toContain("8.0 U3");
    expect(esxi.versions).toContain("6.7");
    for (const v of esxi.versions) expect(ESXI_NEWEST_HARDWARE[v]).toBeGreaterThan(0);
    expect(ESXI_NEWEST_HARDWARE["7.0 U2"]).toBe(19);
    expect(ESXI_NEWEST_HARDWARE["8.0 U2"]).toBe(21);
  });

  it("record VMware's 2008 renames", () => {
    const renamed = Object.fromEntries(PRODUCT_RENAMES.filter((r) => r.year === 2008).map((r) => [r.from, r.to]));
    expect(renamed).toMatchObject({
      "VirtualCenter": "vCenter Server",
      "VMware VDI": "VMware View",
      "VDM": "View Manager",
      "Lab Manager": "vCenter Lab Manager",
      "Converter": "vCenter Converter",
      "VMFS": "vStorage VMFS",
    });
  });
});

describe("resolveHypervisor", () => {
  it.each([
    ["VMware ESXi 7.0U3", "vmware", "VMware ESXi", "7.0 U3"],
    ["ESXi 8.0 Update 2", "vmware", "VMware ESXi", "8.0 U2"],
    ["esxi 6.7.0", "vmware", "VMware ESXi", "6.7"],
    ["VMware ESXi 7.0.3 build-20036589", "vmware", "VMware ESXi", "7.0 U3"],
    ["VMware vCenter Server 8.0.2 build-22385739", "vmware", "VMware vCenter Server", "8.0 U2"],
    ["VMware ESXi 8.0.0 build-20513097", "vmware", "VMware ESXi", "8.0"],
    ["VMware ESX Server 3.5", "vmware", "VMware ESX", "3.5"],
    ["ESX 5.5", "vmware", "VMware ESXi", "5.5"],
    ["VirtualCenter 2.5", "vmware", "VMware vCenter Server", "2.5"],
    ["vCenter Server 7.0", "vmware", "VMware vCenter Server", "7.0"],
    ["Hyper-V 2019", "microsoft", "Microsoft Hyper-V", "Windows Server 2019"],
    ["hyper-v on 2012 R2", "microsoft", "Microsoft Hyper-V", "Windows Server 2012 R2"],
    ["Citrix XenServer 7.1", "xen", "Citrix Hypervisor (XenServer)", "7.1"],
    ["Xen 4.17", "xen", "Xen", "4.17"],
    ["XCP-ng 8.2", "xen", "XCP-ng", "8.2"],
    ["pve 8.1", "proxmox", "Proxmox VE", "8.1"],
    ["QEMU/KVM", "kvm", "KVM/QEMU", null],
    ["RHV 4.4", "kvm", "oVirt / Red Hat Virtualization", "4.4"],
    ["VirtualBox 7.0.14", "virtualbox", "Oracle VirtualBox", "7.0.14"],
    ["Nutanix AHV", "nutanix", "Nutanix AHV", null],
    ["VMware Workstation 17 Pro", "vmware", "VMware Workstation", "17"],
  ])("%s", (text, vendor, product, version) => {
    expect(resolveHypervisor(text)).toEqual({ vendor, product, version });
  });

  it("returns null when no product is named", () => {
    expect(resolveHypervisor("bare metal")).toBeNull();
    expect(resolveHypervisor("")).toBeNull();
  });
});

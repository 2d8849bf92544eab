import { describe, expect, it } from "vitest";
import { recordLabel, rowLabel, shortHypervisor, vmLabel, vmLabelWithId } from "./label";

describe("vmLabel", () => {
  it("names a VM by application, size and platform", () => {
    expect(vmLabel({
      appName: "Microsoft SQL Server", appVersion: "2022", vcpus: 8, memoryMib: 32768,
      hypervisorVendor: "vmware", hypervisorProduct: "VMware ESXi", hypervisorVersion: "8.0",
    })).toBe("Microsoft SQL Server 2022 · 8 vCPU · 32 GiB · ESXi 8.0");
  });

  it("leaves unknown facts out instead of writing 0", () => {
    expect(vmLabel({ appName: null, vcpus: 2, memoryMib: 0, hypervisorProduct: null, hypervisorVendor: null })).toBe("2 vCPU");
    expect(vmLabel({ vcpus: null, memoryMib: null })).toBe("VM");
    expect(vmLabel({ appName: "  ", vcpus: 0, memoryMib: 512 })).toBe("512 MiB");
    expect(vmLabel({ vcpus: 4, memoryMib: 4096 })).not.toMatch(/\b0 GiB|undefined|null/);
  });

  it("does not repeat a version the name already holds", () => {
    expect(vmLabel({ appName: "Apache HTTP Server 2.4", appVersion: "2.4", vcpus: 2 })).toBe("Apache HTTP Server 2.4 · 2 vCPU");
    expect(vmLabel({ hypervisorProduct: "Proxmox VE 8.1", hypervisorVersion: "8.1" })).toBe("Proxmox VE 8.1");
  });

  it("shortens hypervisor products and falls back to the vendor", () => {
    expect(shortHypervisor("Microsoft Hyper-V", "microsoft")).toBe("Hyper-V");
    expect(shortHypervisor("KVM (libvirt)", "kvm")).toBe("KVM");
    expect(shortHypervisor(null, "microsoft")).toBe("Hyper-V");
    expect(shortHypervisor(null, "other")).toBeNull();
    expect(shortHypervisor("", null)).toBeNull();
    expect(vmLabel({ vcpus: 1, memoryMib: 2048, hypervisorVendor: "kvm", hypervisorVersion: "8.2" })).toBe("1 vCPU · 2 GiB · KVM 8.2");
  });

  it("puts the id second", () => {
    expect(vmLabelWithId({ appName: "Redis", vcpus: 2, memoryMib: 8192 }, "2c5jqvemuuxt")).toBe("Redis · 2 vCPU · 8 GiB (2c5jqvemuuxt)");
  });

  it("labels records and browse rows alike", () => {
    const rec = {
      vm: { cpu: { vcpus: 4 }, memoryMiB: 16384, hypervisor: { vendor: "microsoft", product: "Microsoft Hyper-V", version: "2022" } },
      tags: [{ name: "Nginx", version: null, primary: false }, { name: "PostgreSQL", version: "16", primary: true }],
    };
    expect(recordLabel(rec)).toBe("PostgreSQL 16 · 4 vCPU · 16 GiB · Hyper-V 2022");
    expect(rowLabel({
      primaryAppName: "PostgreSQL", primaryApp: "postgresql", primaryAppVersion: "16", vcpus: 4, memoryMib: 16384,
      hypervisorVendor: "microsoft", hypervisorProduct: "Microsoft Hyper-V", hypervisorVersion: "2022",
    })).toBe(recordLabel(rec));
    expect(recordLabel({ ...rec, tags: [] })).toBe("4 vCPU · 16 GiB · Hyper-V 2022");
  });
});

import { describe, expect, it } from "vitest";
import type { NormalizedVm } from "@/lib/vm/model";
import { layoutDevicesCheck } from "./layout-devices";
import { esxi, makeInput } from "./test-input";

const linux = { id: "centos7-64", family: "linux" as const, name: "CentOS 7 (64-bit)" };
const ws2019 = { id: "windows2019srv-64", family: "windows" as const, name: "Microsoft Windows Server 2019 (64-bit)" };
const run = (vm: Partial<NormalizedVm>) =>
  layoutDevicesCheck.run(makeInput({ hypervisor: esxi("7.0 U3"), hardwareVersion: "vmx-19", guestOs: ws2019, ...vm }));
const titles = (vm: Partial<NormalizedVm>) => run(vm).map((f) => `${f.severity}: ${f.title}`);

describe("layoutDevicesCheck: CPU layout", () => {
  it("accepts vCPUs that divide into sockets and an unknown layout", () => {
    expect(run({ cpu: { vcpus: 4, coresPerSocket: 2 } })).toEqual([]);
    expect(run({ cpu: { vcpus: 8, coresPerSocket: 8 } })).toEqual([]);
    expect(run({ cpu: { vcpus: 6, coresPerSocket: null } })).toEqual([]);
  });

  it("reports 6 vCPUs with 4 cores per socket as a problem and suggests a divisor", () => {
    const [f] = run({ cpu: { vcpus: 6, coresPerSocket: 4 } });
    expect(f.severity).toBe("problem");
    expect(f.title).toBe("6 vCPUs is not a multiple of 4 cores per socket");
    expect(f.action).toContain("for example 3");
  });
});

describe("layoutDevicesCheck: network adapters", () => {
  it("warns about e1000, vlance and flexible on VMware, naming each NIC", () => {
    const [f] = run({ nics: [{ model: "vmxnet3", network: "net-1" }, { model: "e1000", network: "net-1" }, { model: "flexible", network: null }] });
    expect(f.severity).toBe("warning");
    expect(f.explanation).toContain("NIC 2 (e1000), NIC 3 (flexible)");
    expect(f.explanation).toContain("vmxnet3");
  });

  it("accepts vmxnet3 and e1000e on VMware", () => {
    expect(run({ nics: [{ model: "vmxnet3", network: null }, { model: "e1000e", network: null }] })).toEqual([]);
  });

  it("does not suggest vmxnet3 to guests or hardware that cannot use it", () => {
    const e1000 = [{ model: "e1000", network: null }];
    expect(run({ nics: e1000, hardwareVersion: "vmx-4" })).toEqual([]);
    expect(run({ nics: e1000, guestOs: { id: "win2000Serv", family: "windows", name: null } })).toEqual([]);
    expect(run({ nics: e1000, guestOs: { id: "other", family: "other", name: null } })).toEqual([]);
    expect(run({ nics: e1000, guestOs: { id: null, family: null, name: null } })).toEqual([]);
  });

  it("suggests virtio for e1000 and rtl8139 on Proxmox and KVM, but not on Hyper-V", () => {
    const [f] = run({ hypervisor: { vendor: "proxmox", product: "Proxmox VE", version: "8.2" }, hardwareVersion: null, guestOs: { id: "l26", family: "linux", name: null }, nics: [{ model: "rtl8139", network: null }] });
    expect(f.severity).toBe("warning");
    expect(f.title).toContain("virtio");
    expect(run({ hypervisor: { vendor: "kvm", product: "QEMU/KVM", version: null }, hardwareVersion: "pc-q35-8.2", guestOs: linux, nics: [{ model: "virtio", network: null }] })).toEqual([]);
    expect(run({ hypervisor: { vendor: "microsoft", product: "Hyper-V", version: "10.0" }, hardwareVersion: null, nics: [{ model: "e1000", network: null }] })).toEqual([]);
  });
});

describe("layoutDevicesCheck: disks", () => {
  const ide = [{ sizeGiB: 40, bus: "ide" as const, provisioning: null }, { sizeGiB: 10, bus: "scsi" as const, provisioning: null }];

  it("warns about IDE disks on server guests, Windows or Linux", () => {
    const [f] = run({ disks: ide });
    expect(f.severity).toBe("warning");
    expect(f.explanation).toContain("Disk 1 uses the IDE bus");
    expect(f.explanation).toContain("4 devices");
    expect(run({ disks: ide, guestOs: linux })).toHaveLength(1);
  });

  it("accepts IDE on desktop guests and SCSI on servers", () => {
    expect(run({ disks: ide, guestOs: { id: "windows9-64", family: "windows", name: "Microsoft Windows 10 (64-bit)" } })).toEqual([]);
    expect(run({ disks: [{ sizeGiB: 40, bus: "scsi", provisioning: null }] })).toEqual([]);
  });
});

describe("layoutDevicesCheck: memory", () => {
  it("accepts 4096 MiB and warns about 4098 MiB on VMware", () => {
    expect(run({ memoryMiB: 4096 })).toEqual([]);
    const [f] = run({ memoryMiB: 4098 });
    expect(f.severity).toBe("warning");
    expect(f.action).toBe("Set memory to 4096 MiB or 4100 MiB.");
  });

  it("does not apply VMware's 4 MB rule to other hypervisors", () => {
    expect(run({ memoryMiB: 4098, hypervisor: { vendor: "kvm", product: "QEMU/KVM", version: null } })).toEqual([]);
  });
});

describe("layoutDevicesCheck: firmware", () => {
  it("warns about BIOS for Windows 11 and Windows Server 2022/2025", () => {
    expect(titles({ firmware: "bios", guestOs: { id: "windows11-64", family: "windows", name: null } })).toEqual(["warning: Windows 11 on BIOS firmware"]);
    expect(titles({ firmware: "bios", guestOs: { id: "windows2019srvNext_64Guest", family: "windows", name: null } })).toEqual(["warning: Windows Server 2022 on BIOS firmware"]);
    expect(titles({ firmware: "bios", guestOs: { id: null, family: "windows", name: "Microsoft Windows Server 2025 (64-bit)" } })).toEqual(["warning: Windows Server 2025 on BIOS firmware"]);
  });

  it("accepts EFI, unknown firmware, and BIOS for guests that do not expect EFI", () => {
    const win11 = { id: "windows11-64", family: "windows" as const, name: null };
    expect(run({ firmware: "efi", guestOs: win11 })).toEqual([]);
    expect(run({ firmware: null, guestOs: win11 })).toEqual([]);
    expect(run({ firmware: "bios" })).toEqual([]);
  });

  it("treats Proxmox win11 (11, 2022 and 2025) as expecting EFI", () => {
    const found = run({ source: { format: "proxmox" }, hypervisor: { vendor: "proxmox", product: "Proxmox VE", version: "8.2" }, hardwareVersion: null, firmware: "bios", guestOs: { id: "win11", family: "windows", name: null } });
    expect(found).toHaveLength(1);
    expect(found[0].title).toBe("Windows 11 / Windows Server 2022 / Windows Server 2025 on BIOS firmware");
  });
});

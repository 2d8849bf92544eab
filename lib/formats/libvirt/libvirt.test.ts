import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { readFixture, thrown, withElementPrefix } from "@/lib/formats/util/testing";
import { libvirtParser } from "./index";

const dir = path.join(__dirname, "__fixtures__");
const enc = (s: string) => new TextEncoder().encode(s);
const parseText = (xml: string) => libvirtParser.parse({ fileName: "d.xml", data: enc(xml) }).vms[0].vm;

describe("libvirt parser", () => {
  it("reads a q35 + OVMF Windows Server 2019 domain", () => {
    const { vm, identifying } = libvirtParser.parse({ fileName: "w.xml", data: readFixture(dir, "win2k19-q35-ovmf.xml") }).vms[0];
    expect(vm.hypervisor.vendor).toBe("kvm");
    expect(vm.hardwareVersion).toBe("pc-q35-8.2");
    expect(vm.firmware).toBe("efi");
    expect(vm.guestOs).toEqual({ id: "http://microsoft.com/win/2k19", family: "windows", name: "Microsoft Windows Server 2019" });
    // <topology sockets='1' cores='2' threads='2'>: cores per socket is cores; threads stay their own field.
    expect(vm.cpu).toEqual({ vcpus: 4, coresPerSocket: 2, threadsPerCore: 2 });
    expect(vm.defaulted).toEqual([]);
    expect(vm.memoryMiB).toBe(8192);
    expect(vm.disks).toEqual([
      { sizeGiB: null, bus: "sata", provisioning: null },
      { sizeGiB: null, bus: "virtio", provisioning: null },
    ]);
    expect(vm.nics).toEqual([
      { model: "e1000e", network: "default" },
      { model: "virtio", network: "br-mgmt" },
    ]);
    expect(identifying.ips).toEqual(["10.0.8.21"]);
    expect(identifying.paths).toContain("/dev/vg_vms/ad-dc-02-sysvol");
  });

  it("reads a Xen PV Linux domain (KiB default unit, xen bus, NIC without model)", () => {
    const { vm, identifying } = libvirtParser.parse({ fileName: "x.xml", data: readFixture(dir, "xen-pv-debian.xml") }).vms[0];
    expect(vm.hypervisor.vendor).toBe("xen");
    expect(vm.memoryMiB).toBe(2048);
    expect(vm.firmware).toBeNull();
    expect(vm.guestOs).toEqual({ id: null, family: null, name: null });
    expect(vm.disks.map((d) => d.bus)).toEqual(["other", "other"]);
    expect(vm.nics).toEqual([{ model: null, network: "xenbr0" }]);
    expect(identifying.ips).toEqual(["203.0.113.25"]);
  });

  it("converts memory units as libvirt documents them", () => {
    const mem = (unit: string, n: number) => parseText(`<domain type='kvm'><memory unit='${unit}'>${n}</memory></domain>`).memoryMiB;
    expect(mem("GiB", 4)).toBe(4096);
    expect(mem("G", 2)).toBe(2048);
    expect(mem("MiB", 1536)).toBe(1536);
    expect(mem("bytes", 1073741824)).toBe(1024);
    expect(mem("MB", 1000)).toBe(954);
    expect(mem("KiB", 1048576)).toBe(1024);
  });

  it("knows EFI from os firmware= and from the loader path, and BIOS as the default of an hvm domain naming neither", () => {
    const fw = (os: string) => {
      const vm = parseText(`<domain type='kvm'><memory>1048576</memory>${os}</domain>`);
      return [vm.firmware, vm.defaulted.includes("firmware")];
    };
    expect(fw("<os firmware='efi'><type>hvm</type></os>")).toEqual(["efi", false]);
    expect(fw("<os><loader>/usr/share/edk2/ovmf/OVMF_CODE.fd</loader></os>")).toEqual(["efi", false]);
    expect(fw("<os><type>hvm</type><loader>/usr/share/seabios/bios-256k.bin</loader></os>")).toEqual(["bios", false]);
    expect(fw("<os><type>hvm</type></os>")).toEqual(["bios", true]);
    // A loader that cannot be recognised names a firmware we do not know; a PV guest has none.
    expect(fw("<os><type>hvm</type><loader type='pflash'>/path/to/loader/file</loader></os>")).toEqual([null, false]);
    expect(fw("<os><type>linux</type></os>")).toEqual([null, false]);
  });

  it("keeps threads per core apart from cores per socket", () => {
    const cpu = (topology: string) => parseText(`<domain type='kvm'><memory>1048576</memory><vcpu>16</vcpu><cpu>${topology}</cpu></domain>`).cpu;
    expect(cpu("<topology sockets='2' cores='4' threads='2'/>")).toEqual({ vcpus: 16, coresPerSocket: 4, threadsPerCore: 2 });
    expect(cpu("<topology sockets='16' cores='1' threads='1'/>")).toEqual({ vcpus: 16, coresPerSocket: 1, threadsPerCore: 1 });
    expect(cpu("<topology sockets='1'/>")).toEqual({ vcpus: 16, coresPerSocket: null, threadsPerCore: null });
  });

  it("reads elements under any namespace prefix, or none", () => {
    const ns = "http://libvirt.org/schemas/domain/1.0";
    const base = readFixture(dir, "win2k19-q35-ovmf.xml");
    const expected = libvirtParser.parse({ fileName: "w.xml", data: base }).vms[0].vm;
    const text = new TextDecoder().decode(base);
    for (const prefix of ["lv", "domain", "x1"]) {
      const prefixed = withElementPrefix(text, prefix, ns);
      expect(libvirtParser.sniff({ fileName: "w.xml", data: enc(prefixed) })).toBeGreaterThan(0.9);
      expect(libvirtParser.parse({ fileName: "w.xml", data: enc(prefixed) }).vms[0].vm).toEqual(expected);
    }
    const defaultNs = text.replace("<domain ", `<domain xmlns='${ns}' `);
    expect(libvirtParser.parse({ fileName: "w.xml", data: enc(defaultNs) }).vms[0].vm).toEqual(expected);
  });

  it("infers a disk's bus from its target name as libvirt does, and marks it a default", () => {
    const vm = parseText("<domain type='kvm'><memory>1048576</memory><devices><disk device='disk'><target dev='vda'/></disk><disk><target dev='hdb'/></disk></devices></domain>");
    expect(vm.disks.map((d) => d.bus)).toEqual(["virtio", "ide"]);
    expect(vm.defaulted).toEqual(expect.arrayContaining(["disks.bus", "cpu.vcpus"]));
  });

  it("reports an unreadable count with its line and reads the rest", () => {
    const { vms, warnings } = libvirtParser.parse({ fileName: "d.xml", data: enc("<domain type='kvm'>\n  <memory>1048576</memory>\n  <vcpu>two</vcpu>\n</domain>") });
    expect(vms[0].vm.memoryMiB).toBe(1024);
    expect(warnings).toEqual([expect.stringMatching(/^d\.xml, line 3: <vcpu> should be a whole number/)]);
  });

  it("names the field when memory is missing or not a number", () => {
    expect((thrown(() => parseText("<domain type='kvm'><vcpu>2</vcpu></domain>")) as AppError).field).toBe("memory");
    expect((thrown(() => parseText("<domain type='kvm'><memory>lots</memory></domain>")) as AppError).field).toBe("memory");
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { expectGolden, fuzzParser, readFixture, thrown } from "@/lib/formats/util/testing";
import { libvirtParser } from "./index";

const dir = path.join(__dirname, "__fixtures__");
const FIXTURES = ["win2k19-q35-ovmf.xml", "xen-pv-debian.xml"];
const enc = (s: string) => new TextEncoder().encode(s);
const parseText = (xml: string) => libvirtParser.parse({ fileName: "d.xml", data: enc(xml) }).vms[0].vm;

describe("libvirt parser", () => {
  it("reads a q35 + OVMF Windows Server 2019 domain", () => {
    const { vm, identifying } = libvirtParser.parse({ fileName: "w.xml", data: readFixture(dir, "win2k19-q35-ovmf.xml") }).vms[0];
    expect(vm.hypervisor.vendor).toBe("kvm");
    expect(vm.hardwareVersion).toBe("pc-q35-8.2");
    expect(vm.firmware).toBe("efi");
    expect(vm.guestOs).toEqual({ id: "http://microsoft.com/win/2k19", family: "windows", name: "Microsoft Windows Server 2019" });
    expect(vm.cpu).toEqual({ vcpus: 4, coresPerSocket: 4, threadsPerCore: null });
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

  it("knows EFI from os firmware= and from the loader path", () => {
    expect(parseText("<domain type='kvm'><memory>1048576</memory><os firmware='efi'><type>hvm</type></os></domain>").firmware).toBe("efi");
    expect(parseText("<domain type='kvm'><memory>1048576</memory><os><loader>/usr/share/edk2/ovmf/OVMF_CODE.fd</loader></os></domain>").firmware).toBe("efi");
    expect(parseText("<domain type='kvm'><memory>1048576</memory><os><type>hvm</type></os></domain>").firmware).toBeNull();
  });

  it("names the field when memory is missing or not a number", () => {
    expect((thrown(() => parseText("<domain type='kvm'><vcpu>2</vcpu></domain>")) as AppError).field).toBe("memory");
    expect((thrown(() => parseText("<domain type='kvm'><memory>lots</memory></domain>")) as AppError).field).toBe("memory");
  });

  it("matches the golden outputs", () => {
    for (const name of FIXTURES) expectGolden(dir, name, libvirtParser.parse({ fileName: name, data: readFixture(dir, name) }));
  });

  it("never throws anything but AppError on arbitrary or damaged input", () => {
    fuzzParser(libvirtParser, FIXTURES.map((n) => readFixture(dir, n)), "fuzz.xml");
  });
});

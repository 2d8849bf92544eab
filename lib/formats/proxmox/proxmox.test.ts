import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { expectGolden, expectIdentifying, expectValidVms, fuzzParser } from "@/lib/formats/vsphere-json/golden.test-support";
import { proxmoxParser } from "./index";
import { proxmoxSizeGiB } from "./map";

const dir = path.join(__dirname, "fixtures");
const SHARED_SAMPLES = path.join(__dirname, "..", "__fixtures__", "shared-samples");
const load = (name: string) => readFileSync(path.join(dir, name));
const parse = (name: string) => proxmoxParser.parse({ fileName: name, data: load(name) });
const parseText = (text: string) => proxmoxParser.parse({ fileName: "t.conf", data: new TextEncoder().encode(text) });

describe("proxmox parser", () => {
  it.each(["ci-runner-104.conf", "win2022-sql.conf", "legacy-minimal.conf"])("matches the golden output for %s", (name) => {
    const result = parse(name);
    expectValidVms(result);
    expectGolden(path.join(dir, name), result);
  });

  it("reads the shared 104.conf sample as expected.json says", () => {
    const expected = JSON.parse(readFileSync(path.join(SHARED_SAMPLES, "expected.json"), "utf8"))["104.conf"];
    const { vms, warnings } = proxmoxParser.parse({ fileName: "104.conf", data: readFileSync(path.join(SHARED_SAMPLES, "104.conf")) });
    expect(vms).toHaveLength(1);
    const { vm, identifying } = vms[0];
    expect(vm.cpu.vcpus).toBe(expected.vcpus);
    expect(vm.cpu.coresPerSocket).toBe(4);
    expect(vm.memoryMiB).toBe(expected.memoryMiB);
    expect(vm.disks).toHaveLength(expected.disks);
    expect(vm.disks.map((d) => d.sizeGiB)).toEqual([80, 200]);
    expect(vm.nics).toEqual([{ model: "virtio", network: "vmbr0" }]);
    expect(vm.firmware).toBe("efi");
    expect(vm.hardwareVersion).toBe("q35");
    expect(vm.guestOs).toMatchObject({ id: "l26", family: "linux" });
    expectIdentifying(identifying, expected.identifying);
    expect(warnings.join()).toContain("[before-upgrade]");
  });

  it("uses vcpus over cores x sockets, skips cdrom/tpm/efi disks, appends VLAN tags", () => {
    const { vm, identifying } = parse("win2022-sql.conf").vms[0];
    expect(vm.cpu).toEqual({ vcpus: 6, coresPerSocket: 4 });
    expect(vm.memoryMiB).toBe(32768);
    expect(vm.firmware).toBe("bios");
    expect(vm.hardwareVersion).toBe("pc-q35-8.1");
    expect(vm.guestOs.family).toBe("windows");
    expect(vm.disks).toEqual([
      { sizeGiB: 128, bus: "sata", provisioning: null },
      { sizeGiB: 1024, bus: "sata", provisioning: null },
    ]);
    expect(vm.nics).toEqual([{ model: "e1000", network: "vmbr1.120" }, { model: "vmxnet3", network: "vmbr2" }]);
    expectIdentifying(identifying, ["fin-sql-02", "BC:24:11:AA:10:02", "BC:24:11:AA:10:03", "3f2a9c10-5b7d", "a1b2c3d4-e5f6", "vm-211-disk-0", "vm-211-disk-2", "m.jansen@example.org", "vmbr1", "RklOLVNRTC0wMg=="]);
  });

  it("applies Proxmox defaults and leaves firmware unknown when bios is absent", () => {
    const { vm, identifying } = parse("legacy-minimal.conf").vms[0];
    expect(vm.cpu).toEqual({ vcpus: 1, coresPerSocket: 1 });
    expect(vm.memoryMiB).toBe(512);
    expect(vm.firmware).toBeNull();
    expect(vm.guestOs).toEqual({ id: "other", family: "other", name: "Other OS types" });
    expect(vm.disks.map((d) => [d.bus, d.sizeGiB])).toEqual([["ide", 0.5], ["ide", 3726.023], ["virtio", 32]]);
    expect(vm.nics).toEqual([{ model: "rtl8139", network: "vmbr0.20" }]);
    expectIdentifying(identifying, ["2A:5C:3F:00:11:22", "192.168.20.15", "192.168.20.2", "deploy", "lab.example.net", "ssh-rsa", "vm-100-disk-3", "ZFN0ABCD"]);
  });

  it("converts Proxmox size suffixes to GiB", () => {
    expect(proxmoxSizeGiB("32G")).toBe(32);
    expect(proxmoxSizeGiB("512M")).toBe(0.5);
    expect(proxmoxSizeGiB("1T")).toBe(1024);
    expect(proxmoxSizeGiB("104857600K")).toBe(100);
    expect(proxmoxSizeGiB("lots")).toBeNull();
  });

  it("names the line and field of a bad value", () => {
    try {
      parseText("name: x\ncores: four\nmemory: 1024\n");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).describe()).toBe('t.conf, line 2, field cores: expected a whole number from 1 to 1024, found "four"');
    }
    expect(() => parseText("memory: current=lots\n")).toThrow(/memory/);
    expect(() => parseText("# only a comment\n")).toThrow(AppError);
    expect(() => parseText("this is not a config\n")).toThrow(expect.objectContaining({ code: "parse_error", line: 1 }));
  });

  it("sniffs Proxmox configs but not JSON or XML", () => {
    expect(proxmoxParser.sniff({ fileName: "104.conf", data: load("ci-runner-104.conf") })).toBeGreaterThan(0.8);
    expect(proxmoxParser.sniff({ fileName: "x.json", data: new TextEncoder().encode('{"cores": 2}') })).toBe(0);
    expect(proxmoxParser.sniff({ fileName: "x.txt", data: new TextEncoder().encode("hello world") })).toBe(0);
  });

  it("returns a result or an AppError for arbitrary and mutated input", () => {
    fuzzParser(proxmoxParser, [load("ci-runner-104.conf"), load("win2022-sql.conf"), load("legacy-minimal.conf")]);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { expectIdentifying } from "@/lib/formats/util/testing";
import { proxmoxParser } from "./index";
import { proxmoxSizeGiB } from "./map";

const dir = path.join(__dirname, "__fixtures__");
const SHARED_SAMPLES = path.join(__dirname, "..", "__fixtures__", "shared-samples");
const load = (name: string) => readFileSync(path.join(dir, name));
const parse = (name: string) => proxmoxParser.parse({ fileName: name, data: load(name) });
const parseText = (text: string) => proxmoxParser.parse({ fileName: "t.conf", data: new TextEncoder().encode(text) });

describe("proxmox parser", () => {
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
    expect(vm.cpu).toEqual({ vcpus: 6, coresPerSocket: 4, threadsPerCore: null });
    expect(vm.memoryMiB).toBe(32768);
    expect(vm.firmware).toBe("bios");
    expect(vm.defaulted).toEqual([]);
    expect(vm.hardwareVersion).toBe("pc-q35-8.1");
    expect(vm.guestOs.family).toBe("windows");
    expect(vm.disks).toEqual([
      { sizeGiB: 128, bus: "sata", provisioning: null },
      { sizeGiB: 1024, bus: "sata", provisioning: null },
    ]);
    expect(vm.nics).toEqual([{ model: "e1000", network: "vmbr1.120" }, { model: "vmxnet3", network: "vmbr2" }]);
    expectIdentifying(identifying, ["fin-sql-02", "BC:24:11:AA:10:02", "BC:24:11:AA:10:03", "3f2a9c10-5b7d", "a1b2c3d4-e5f6", "vm-211-disk-0", "vm-211-disk-2", "m.jansen@example.org", "vmbr1", "RklOLVNRTC0wMg=="]);
  });

  it("applies Proxmox's documented defaults (SeaBIOS, 1 core, 1 socket, 512 MiB) and marks them", () => {
    const { vm, identifying } = parse("legacy-minimal.conf").vms[0];
    expect(vm.cpu).toEqual({ vcpus: 1, coresPerSocket: 1, threadsPerCore: null });
    expect(vm.memoryMiB).toBe(512);
    expect(vm.firmware).toBe("bios");
    expect([...vm.defaulted].sort()).toEqual(["cpu.coresPerSocket", "cpu.vcpus", "firmware", "memoryMiB"]);
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

  it("warns about a bad value or line, naming file and line, and reads the rest", () => {
    const { vms, warnings } = parseText("name: x\ncores: four\nmemory: 1024\nthis is not a setting\nscsi0: local:vm-1-disk-0,size=lots\nsockets: 2\n");
    expect(vms[0].vm.cpu).toEqual({ vcpus: 2, coresPerSocket: 1, threadsPerCore: null });
    expect(vms[0].vm.memoryMiB).toBe(1024);
    expect(vms[0].vm.disks).toEqual([{ sizeGiB: null, bus: "scsi", provisioning: null }]);
    expect(warnings).toEqual([
      't.conf, line 4: not a "key: value" setting; ignored',
      't.conf, line 2: cores should be a whole number from 1 to 1024, found "four"; ignored',
      't.conf, line 5: scsi0 has an unreadable size "lots"; size unknown',
    ]);
    expect(parseText("memory: current=lots\n").warnings.join()).toMatch(/line 1: memory/);
    expect(() => parseText("# only a comment\n")).toThrow(AppError);
    expect(() => parseText("this is not a config\n")).toThrow(expect.objectContaining({ code: "parse_error" }));
  });

  it("sniffs Proxmox configs but not JSON or XML", () => {
    expect(proxmoxParser.sniff({ fileName: "104.conf", data: load("ci-runner-104.conf") })).toBeGreaterThan(0.8);
    expect(proxmoxParser.sniff({ fileName: "x.json", data: new TextEncoder().encode('{"cores": 2}') })).toBe(0);
    expect(proxmoxParser.sniff({ fileName: "x.txt", data: new TextEncoder().encode("hello world") })).toBe(0);
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { concatBytes } from "@/lib/formats/util/bytes";
import { readFixture, thrown } from "@/lib/formats/util/testing";
import { vmxParser } from "./index";
import { parseVmdkDescriptor, vmdkProvisioning } from "./vmdk";

const dir = path.join(__dirname, "__fixtures__");
const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => concatBytes(parts);

function companionsFor(...names: string[]): Record<string, Uint8Array> {
  return Object.fromEntries(names.map((n) => [n, readFixture(dir, n)]));
}

describe("vmx parser", () => {
  it("reads an ESXi 8 Windows Server 2022 VM with its .vmdk descriptors", () => {
    const result = vmxParser.parse({
      fileName: "esxi8-win2022.vmx",
      data: readFixture(dir, "esxi8-win2022.vmx"),
      companions: companionsFor("sql-prod-01.vmdk", "sql-prod-01_2.vmdk"),
    });
    const { vm, identifying } = result.vms[0];
    expect(vm.hardwareVersion).toBe("vmx-20");
    expect(vm.firmware).toBe("efi");
    expect(vm.cpu).toEqual({ vcpus: 8, coresPerSocket: 4, threadsPerCore: null });
    expect(vm.memoryMiB).toBe(32768);
    expect(vm.guestOs).toEqual({ id: "windows2019srvNext-64", family: "windows", name: "Microsoft Windows Server 2022 (64-bit)" });
    // 209715200 sectors * 512 = 100 GiB thin; 1073741824 sectors = 512 GiB, "vmfs" without thin flag = thick.
    expect(vm.disks).toEqual([
      { sizeGiB: 100, bus: "scsi", provisioning: "thin" },
      { sizeGiB: null, bus: "scsi", provisioning: null },
      { sizeGiB: 512, bus: "scsi", provisioning: "thick" },
      { sizeGiB: null, bus: "nvme", provisioning: null },
    ]);
    expect(vm.nics).toEqual([
      { model: "vmxnet3", network: "PG-SQL-VLAN120" },
      { model: "e1000e", network: "Backup-VLAN40" },
      // ethernet2 has no virtualDev: VMware documents no default, so the model is unknown, not guessed.
      { model: null, network: null },
    ]);
    expect(result.warnings).toEqual([]);
    expect(vm.defaulted).toEqual([]);
    expect(identifying.macs).toEqual(["00:50:56:a1:2b:3c", "00:50:56:3f:00:12", "00:50:56:a1:77:e0"]);
    expect(identifying.ips).toContain("10.20.120.15");
    expect(identifying.hostnames).toContain("SQLPROD01.corp.example.com");
  });

  it("reads a Workstation 6.5 era Windows XP VM (hardware 7, IDE, NIC without virtualDev, split sparse disk)", () => {
    const result = vmxParser.parse({
      fileName: "ws65-winxp.vmx",
      data: readFixture(dir, "ws65-winxp.vmx"),
      companions: companionsFor("Windows XP Professional.vmdk"),
    });
    const { vm, identifying } = result.vms[0];
    expect(vm.hardwareVersion).toBe("vmx-7");
    // No firmware key: VMware boots BIOS; no numvcpus: one vCPU; hardware 7 without cpuid.coresPerSocket:
    // one core per socket. All three are marked as platform defaults.
    expect(vm.firmware).toBe("bios");
    expect([...vm.defaulted].sort()).toEqual(["cpu.coresPerSocket", "cpu.vcpus", "firmware"]);
    expect(vm.memoryMiB).toBe(512);
    expect(vm.cpu).toEqual({ vcpus: 1, coresPerSocket: 1, threadsPerCore: null });
    // 5 * 8323072 + 2 sectors = 41615362 * 512 bytes = 19.84375 GiB (19.844 to the MiB); sparse = thin. The atapi-cdrom is not a disk.
    expect(vm.disks).toEqual([{ sizeGiB: 19.844, bus: "ide", provisioning: "thin" }]);
    expect(vm.nics).toEqual([{ model: null, network: "nat" }]);
    expect(vm.guestOs.family).toBe("windows");
    expect(identifying.other).toContain("Lab machine of J. Doe\ndo not delete");
  });

  it("accepts unquoted values and odd key casing, and counts only devices that are present", () => {
    const { vm } = vmxParser.parse({ fileName: "m.vmx", data: readFixture(dir, "minimal-linux.vmx") }).vms[0];
    expect(vm.memoryMiB).toBe(2048);
    expect(vm.hardwareVersion).toBeNull();
    // scsi0:0 names a .vmdk but no `present = "TRUE"`, and present defaults to false; scsi0:1 is present = FALSE.
    expect(vm.disks).toEqual([]);
    const present = vmxParser.parse({ fileName: "p.vmx", data: enc('memsize = "64"\nscsi0.present = "TRUE"\nscsi0:0.present = "TRUE"\nscsi0:0.fileName = "a.vmdk"\nscsi0:1.fileName = "b.vmdk"\n') }).vms[0].vm;
    expect(present.disks).toEqual([{ sizeGiB: null, bus: "scsi", provisioning: null }]);
    expect(vm.nics).toEqual([{ model: "vmxnet3", network: null }]);
    expect(vm.guestOs).toEqual({ id: "other5xlinux-64", family: "linux", name: "Other 5.x Linux (64-bit)" });
  });

  it("warns about lines it does not understand, naming file and line, and reads the rest", () => {
    const text = 'memsize = "1024"\n# ok\nthis is not a setting\nnumvcpus = "4"\ndisplayName = "open\nguestOS = "rhel9-64" trailing\n';
    const { vms, warnings } = vmxParser.parse({ fileName: "bad.vmx", data: enc(text) });
    expect(vms[0].vm.memoryMiB).toBe(1024);
    expect(vms[0].vm.cpu.vcpus).toBe(4);
    expect(vms[0].vm.guestOs.id).toBe("rhel9-64");
    expect(vms[0].vm.name).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(/^bad\.vmx, line 3: not a `key = "value"` setting/),
      expect.stringMatching(/^bad\.vmx, line 5: displayName has an unterminated quoted value/),
      expect.stringMatching(/^bad\.vmx, line 6: unexpected text after the quoted value of guestOS/),
    ]);
  });

  it("warns about an unreadable number, applies the documented defaults, and refuses only a file without settings", () => {
    const { vms, warnings } = vmxParser.parse({ fileName: "b.vmx", data: enc('memsize = "1024"\nnumvcpus = "four"\n') });
    expect(vms[0].vm.cpu.vcpus).toBe(1);
    expect(vms[0].vm.defaulted).toContain("cpu.vcpus");
    expect(warnings).toEqual([expect.stringMatching(/^b\.vmx, line 2: numvcpus should be a whole number/)]);
    const noMemory = vmxParser.parse({ fileName: "b.vmx", data: enc('numvcpus = "2"\n') }).vms[0].vm;
    expect([noMemory.memoryMiB, noMemory.defaulted]).toEqual([32, ["firmware", "memoryMiB"]]);
    const empty = thrown(() => vmxParser.parse({ fileName: "e.vmx", data: enc("# nothing here\nnot a setting\n") })) as AppError;
    expect(empty).toBeInstanceOf(AppError);
    expect(empty.describe()).toMatch(/^e\.vmx: no `key = "value"` settings found/);
  });

  it("keeps a NIC without virtualDev unknown whatever the guest", () => {
    const nic = (guest: string) =>
      vmxParser.parse({ fileName: "n.vmx", data: enc(`memsize = "64"\nguestOS = "${guest}"\nethernet0.present = "TRUE"\n`) }).vms[0].vm;
    for (const guest of ["windows9-64", "rhel7-64", "otherlinux"]) {
      expect(nic(guest).nics).toEqual([{ model: null, network: null }]);
      expect(nic(guest).defaulted).not.toContain("nics.model");
    }
  });

  it("gives hardware before version 20 one core per socket by default, and leaves version 20 and unknown versions unknown", () => {
    const cpu = (text: string) => vmxParser.parse({ fileName: "c.vmx", data: enc(`memsize = "64"\nnumvcpus = "4"\n${text}`) }).vms[0].vm;
    expect([cpu('virtualHW.version = "19"\n').cpu.coresPerSocket, cpu('virtualHW.version = "19"\n').defaulted]).toEqual([1, ["firmware", "cpu.coresPerSocket"]]);
    expect(cpu('virtualHW.version = "19"\ncpuid.coresPerSocket = "2"\n').cpu.coresPerSocket).toBe(2);
    expect(cpu('virtualHW.version = "20"\n').cpu.coresPerSocket).toBeNull();
    expect(cpu("").cpu.coresPerSocket).toBeNull();
  });

  it("states firmware as written and marks the BIOS default only when the key is absent", () => {
    const vm = (extra: string) => vmxParser.parse({ fileName: "f.vmx", data: enc(`memsize = "64"\nnumvcpus = "2"\n${extra}`) }).vms[0].vm;
    expect([vm('firmware = "efi"\n').firmware, vm('firmware = "efi"\n').defaulted]).toEqual(["efi", []]);
    expect([vm('firmware = "bios"\n').firmware, vm('firmware = "bios"\n').defaulted]).toEqual(["bios", []]);
    expect([vm("").firmware, vm("").defaulted]).toEqual(["bios", ["firmware"]]);
  });

  it("decodes display text in the character set the .encoding line declares", () => {
    const cases: [string, Uint8Array, string][] = [
      // "Café" in windows-1252: é = 0xE9.
      ["windows-1252", new Uint8Array([0x43, 0x61, 0x66, 0xe9]), "Café"],
      // "日本" in Shift_JIS: 0x93FA 0x967B; 0x7B is "{", so bytes must not be read as ASCII first.
      ["Shift_JIS", new Uint8Array([0x93, 0xfa, 0x96, 0x7b]), "日本"],
      // "中文" in GBK: 0xD6D0 0xCEC4.
      ["GBK", new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]), "中文"],
      ["UTF-8", enc("Ünïcödé ✓"), "Ünïcödé ✓"],
    ];
    for (const [encoding, nameBytes, expected] of cases) {
      const data = concat(enc(`.encoding = "${encoding}"\ndisplayName = "`), nameBytes, enc('"\nmemsize = "512"\nannotation = "'), nameBytes, enc('"\n'));
      const { vms, warnings } = vmxParser.parse({ fileName: "e.vmx", data });
      expect(vms[0].vm.name).toBe(expected);
      expect(vms[0].identifying.other).toContain(expected);
      expect(warnings).toEqual([]);
    }
    // Shift_JIS whose second byte is "|" (0x7C) must not be taken for a "|XX" escape: "ポ" is 0x837C.
    const sjis = concat(enc('.encoding = "Shift_JIS"\ndisplayName = "'), new Uint8Array([0x83, 0x7c, 0x33, 0x31]), enc('"\nmemsize = "512"\n'));
    expect(vmxParser.parse({ fileName: "e.vmx", data: sjis }).vms[0].vm.name).toBe("ポ31");
    // Without a declaration, bytes that are not UTF-8 are read as windows-1252, with a warning.
    const legacy = concat(enc('displayName = "Caf'), new Uint8Array([0xe9]), enc('"\nmemsize = "512"\n'));
    const result = vmxParser.parse({ fileName: "l.vmx", data: legacy });
    expect(result.vms[0].vm.name).toBe("Café");
    expect(result.warnings).toEqual([expect.stringMatching(/not UTF-8; read as windows-1252/)]);
  });

  it("sniffs .vmx content and not other text", () => {
    expect(vmxParser.sniff({ fileName: "x", data: readFixture(dir, "esxi8-win2022.vmx") })).toBeGreaterThan(0.8);
    expect(vmxParser.sniff({ fileName: "x", data: enc("memory: 2048\ncores: 2\n") })).toBe(0);
    expect(vmxParser.sniff({ fileName: "x", data: enc("<domain type='kvm'/>") })).toBe(0);
  });
});

describe("vmdk descriptor", () => {
  it("sums extents and reads provisioning", () => {
    const d = parseVmdkDescriptor(readFixture(dir, "sql-prod-01.vmdk"))!;
    expect(d.sectors).toBe(209715200);
    expect(vmdkProvisioning(d)).toBe("thin");
    expect(vmdkProvisioning({ sectors: 1, createType: "monolithicFlat", thinProvisioned: null })).toBe("thick");
    expect(vmdkProvisioning({ sectors: 1, createType: "streamOptimized", thinProvisioned: null })).toBe("thin");
    expect(parseVmdkDescriptor(new Uint8Array([0x4b, 0x44, 0x4d, 0x56, 0, 0, 0, 1]))).toBeNull();
  });
});

import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { expectGolden, fuzzParser, readFixture, thrown } from "@/lib/formats/util/testing";
import { vmxParser } from "./index";
import { parseVmdkDescriptor, vmdkProvisioning } from "./vmdk";

const dir = path.join(__dirname, "__fixtures__");
const enc = (s: string) => new TextEncoder().encode(s);

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
      { model: "e1000e", network: null },
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/ethernet2 has no virtualDev/);
    expect(identifying.macs).toEqual(["00:50:56:a1:2b:3c", "00:50:56:3f:00:12", "00:50:56:a1:77:e0"]);
    expect(identifying.ips).toContain("10.20.120.15");
    expect(identifying.hostnames).toContain("SQLPROD01.corp.example.com");
  });

  it("reads a Workstation 6.5 era Windows XP VM (hardware 7, IDE, default vlance NIC, split sparse disk)", () => {
    const result = vmxParser.parse({
      fileName: "ws65-winxp.vmx",
      data: readFixture(dir, "ws65-winxp.vmx"),
      companions: companionsFor("Windows XP Professional.vmdk"),
    });
    const { vm, identifying } = result.vms[0];
    expect(vm.hardwareVersion).toBe("vmx-7");
    expect(vm.firmware).toBeNull();
    expect(vm.memoryMiB).toBe(512);
    expect(vm.cpu).toEqual({ vcpus: 1, coresPerSocket: null, threadsPerCore: null });
    // 5 * 8323072 + 2 sectors = 41615362 * 512 bytes = 19.84 GiB; sparse = thin. The atapi-cdrom is not a disk.
    expect(vm.disks).toEqual([{ sizeGiB: 19.84, bus: "ide", provisioning: "thin" }]);
    expect(vm.nics).toEqual([{ model: "vlance", network: "nat" }]);
    expect(vm.guestOs.family).toBe("windows");
    expect(identifying.other).toContain("Lab machine of J. Doe\ndo not delete");
  });

  it("accepts unquoted values and odd key casing, and honours present = FALSE", () => {
    const { vm } = vmxParser.parse({ fileName: "m.vmx", data: readFixture(dir, "minimal-linux.vmx") }).vms[0];
    expect(vm.memoryMiB).toBe(2048);
    expect(vm.hardwareVersion).toBeNull();
    expect(vm.disks).toEqual([{ sizeGiB: null, bus: "scsi", provisioning: null }]);
    expect(vm.nics).toEqual([{ model: "vmxnet3", network: null }]);
    expect(vm.guestOs).toEqual({ id: "other5xlinux-64", family: "linux", name: "Other 5.x Linux (64-bit)" });
  });

  it("reports a line that is not key = value with its line number", () => {
    const e = thrown(() => vmxParser.parse({ fileName: "bad.vmx", data: enc('memsize = "1024"\n# ok\nthis is not a setting\n') }));
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).line).toBe(3);
    expect((e as AppError).describe()).toMatch(/^bad\.vmx, line 3: /);
  });

  it("names the field of a bad number and of a missing memsize", () => {
    const bad = thrown(() => vmxParser.parse({ fileName: "b.vmx", data: enc('memsize = "1024"\nnumvcpus = "four"\n') })) as AppError;
    expect([bad.code, bad.field, bad.line]).toEqual(["parse_error", "numvcpus", 2]);
    const missing = thrown(() => vmxParser.parse({ fileName: "b.vmx", data: enc('numvcpus = "2"\n') })) as AppError;
    expect(missing.field).toBe("memsize");
  });

  it("uses VMware's default NIC per guest when virtualDev is absent", () => {
    const nic = (guest: string) =>
      vmxParser.parse({ fileName: "n.vmx", data: enc(`memsize = "64"\nguestOS = "${guest}"\nethernet0.present = "TRUE"\n`) }).vms[0].vm.nics[0].model;
    expect(nic("windows9-64")).toBe("e1000e");
    expect(nic("windows8srv-64")).toBe("e1000e");
    expect(nic("rhel7-64")).toBe("e1000");
    expect(nic("winvista")).toBe("e1000");
    expect(nic("otherlinux")).toBe("vlance");
  });

  it("sniffs .vmx content and not other text", () => {
    expect(vmxParser.sniff({ fileName: "x", data: readFixture(dir, "esxi8-win2022.vmx") })).toBeGreaterThan(0.8);
    expect(vmxParser.sniff({ fileName: "x", data: enc("memory: 2048\ncores: 2\n") })).toBe(0);
    expect(vmxParser.sniff({ fileName: "x", data: enc("<domain type='kvm'/>") })).toBe(0);
  });

  it("matches the golden outputs", () => {
    const cases: [string, string[]][] = [
      ["esxi8-win2022.vmx", ["sql-prod-01.vmdk", "sql-prod-01_2.vmdk"]],
      ["ws65-winxp.vmx", ["Windows XP Professional.vmdk"]],
      ["minimal-linux.vmx", []],
    ];
    for (const [name, companions] of cases) {
      const result = vmxParser.parse({ fileName: name, data: readFixture(dir, name), companions: companionsFor(...companions) });
      expectGolden(dir, name, result);
    }
  });

  it("never throws anything but AppError on arbitrary or damaged input", () => {
    const seeds = ["esxi8-win2022.vmx", "ws65-winxp.vmx", "minimal-linux.vmx"].map((n) => readFixture(dir, n));
    fuzzParser(vmxParser, seeds, "fuzz.vmx");
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

import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { readFixture, thrown, withElementPrefix } from "@/lib/formats/util/testing";
import { vboxParser } from "./index";

const dir = path.join(__dirname, "__fixtures__");
const FIXTURES = ["win11-efi.vbox", "ubuntu-bios.vbox"];

const enc = (s: string) => new TextEncoder().encode(s);

describe("vbox parser", () => {
  it("reads every fixture with any namespace prefix, or none", () => {
    for (const name of FIXTURES) {
      const text = new TextDecoder().decode(readFixture(dir, name));
      const expected = vboxParser.parse({ fileName: name, data: enc(text) }).vms[0].vm;
      for (const prefix of ["vbox", "v", "settings"]) {
        const prefixed = withElementPrefix(text, prefix, "http://www.virtualbox.org/");
        expect(prefixed).toContain(`<${prefix}:VirtualBox`);
        expect(vboxParser.sniff({ fileName: name, data: enc(prefixed) })).toBeGreaterThan(0.9);
        expect(vboxParser.parse({ fileName: name, data: enc(prefixed) }).vms[0].vm).toEqual(expected);
      }
    }
  });

  it("applies VirtualBox's defaults for what a settings file leaves out, and marks them", () => {
    const xml = `<VirtualBox xmlns="http://www.virtualbox.org/" version="1.19-linux"><Machine name="m" OSType="Debian_64">
      <Hardware><CPU/><Memory RAMSize="1024"/><Network><Adapter slot="0" enabled="true"><NAT/></Adapter></Network></Hardware>
    </Machine></VirtualBox>`;
    const { vm } = vboxParser.parse({ fileName: "d.vbox", data: enc(xml) }).vms[0];
    expect([vm.firmware, vm.cpu.vcpus, vm.nics[0].model]).toEqual(["bios", 1, "pcnet"]);
    expect([...vm.defaulted].sort()).toEqual(["cpu.vcpus", "firmware", "nics.model"]);
    const efi = vboxParser.parse({ fileName: "e.vbox", data: enc(xml.replace("<CPU/>", '<CPU count="2"/><Firmware type="EFI"/>')) }).vms[0].vm;
    expect([efi.firmware, efi.cpu.vcpus, efi.defaulted]).toEqual(["efi", 2, ["nics.model"]]);
  });

  it("reads the disks of VirtualBox 2.x files, attached to the machine with their bus", () => {
    const xml = `<VirtualBox xmlns="http://www.innotek.de/VirtualBox-settings" version="1.5-linux"><Machine name="old" OSType="WindowsXP">
      <Hardware><CPU count="1"/><Memory RAMSize="512"/></Hardware>
      <HardDiskAttachments><HardDiskAttachment hardDisk="{1}" bus="IDE" channel="0" device="0"/><HardDiskAttachment hardDisk="{2}" bus="SATA" channel="0" device="0"/></HardDiskAttachments>
    </Machine></VirtualBox>`;
    expect(vboxParser.parse({ fileName: "o.vbox", data: enc(xml) }).vms[0].vm.disks.map((d) => d.bus)).toEqual(["ide", "sata"]);
  });

  it("decodes the file in the character set its XML declaration names", () => {
    const head = enc('<?xml version="1.0" encoding="ISO-8859-1"?>\n<VirtualBox xmlns="http://www.innotek.de/VirtualBox-settings" version="1.12-linux"><Machine name="Caf');
    const tail = enc('" OSType="Other"><Hardware><Memory RAMSize="192"/></Hardware></Machine></VirtualBox>');
    const data = new Uint8Array([...head, 0xe9, ...tail]);
    expect(vboxParser.parse({ fileName: "l.vbox", data }).vms[0].vm.name).toBe("Café");
  });

  it("warns about an unreadable count with its line and reads the rest", () => {
    const xml = `<VirtualBox xmlns="http://www.virtualbox.org/" version="1.19-linux">\n<Machine name="m">\n<Hardware>\n<CPU count="many"/>\n<Memory RAMSize="1024"/>\n</Hardware>\n</Machine>\n</VirtualBox>`;
    const { vms, warnings } = vboxParser.parse({ fileName: "w.vbox", data: enc(xml) });
    expect(vms[0].vm.memoryMiB).toBe(1024);
    expect(warnings).toEqual([expect.stringMatching(/^w\.vbox, line 4: <CPU count> should be a whole number/)]);
  });

  it("reads a VirtualBox 7 Windows 11 machine with EFI, NVMe and SATA", () => {
    const { vm, identifying } = vboxParser.parse({ fileName: "w.vbox", data: readFixture(dir, "win11-efi.vbox") }).vms[0];
    expect(vm.name).toBe("DEV-WIN11-MARIA");
    expect(vm.hypervisor.vendor).toBe("virtualbox");
    expect(vm.hardwareVersion).toBe("virtualbox-1.19");
    expect(vm.firmware).toBe("efi");
    expect(vm.guestOs).toEqual({ id: "Windows11_64", family: "windows", name: null });
    expect(vm.cpu.vcpus).toBe(4);
    expect(vm.memoryMiB).toBe(8192);
    // The DVD is not a disk; sizes are not stored in a .vbox.
    expect(vm.disks).toEqual([
      { sizeGiB: null, bus: "nvme", provisioning: null },
      { sizeGiB: null, bus: "sata", provisioning: null },
    ]);
    // Slot 2 has no enabled="true" and is left out.
    expect(vm.nics).toEqual([
      { model: "e1000", network: "NAT" },
      { model: "e1000", network: "Intel(R) Ethernet Connection I219-LM" },
    ]);
    expect(identifying.macs).toContain("08:00:27:A1:B2:C3");
    expect(identifying.paths).toContain("D:/vmdata/dev-scratch.vdi");
  });

  it("reads an older BIOS machine, ignoring snapshot hardware and disabled adapters", () => {
    const { vm, identifying } = vboxParser.parse({ fileName: "u.vbox", data: readFixture(dir, "ubuntu-bios.vbox") }).vms[0];
    expect(vm.hardwareVersion).toBe("virtualbox-1.16");
    expect(vm.firmware).toBe("bios");
    expect(vm.cpu.vcpus).toBe(2);
    expect(vm.memoryMiB).toBe(4096);
    expect(vm.guestOs.family).toBe("linux");
    expect(vm.disks).toEqual([
      { sizeGiB: null, bus: "ide", provisioning: null },
      { sizeGiB: null, bus: "scsi", provisioning: null },
    ]);
    // An adapter without type= is VirtualBox's default Am79C973 (PCnet-FAST III).
    expect(vm.nics).toEqual([
      { model: "virtio", network: "NAT" },
      { model: "pcnet", network: "vboxnet0" },
    ]);
    expect(identifying.other).toContain("Build agent for team Falcon, owner r.singh");
    expect(identifying.paths).toContain("/home/rsingh/workspace");
  });

  it("requires RAMSize and a <VirtualBox> root", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const noRam = '<VirtualBox xmlns="http://www.virtualbox.org/"><Machine name="x"><Hardware><CPU/></Hardware></Machine></VirtualBox>';
    expect((thrown(() => vboxParser.parse({ fileName: "a.vbox", data: enc(noRam) })) as AppError).field).toBe("Memory.RAMSize");
    expect((thrown(() => vboxParser.parse({ fileName: "a.vbox", data: enc("<domain/>") })) as AppError).code).toBe("parse_error");
  });
});

import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { privateCompareSchema, subjectFromFile, tagsFromFields } from "./private-input";

const VMX = `.encoding = "UTF-8"
config.version = "8"
virtualHW.version = "19"
displayName = "payroll-db-07"
numvcpus = "4"
memSize = "16384"
guestOS = "windows2019srv-64"
firmware = "efi"
ethernet0.present = "TRUE"
ethernet0.virtualDev = "e1000"
ethernet0.networkName = "Corp-LAN-12"
ethernet0.address = "00:50:56:aa:bb:cc"
`;

const enc = (s: string) => new TextEncoder().encode(s);

describe("private comparison input", () => {
  it("parses and redacts a .vmx, keeping the sizing and dropping the name and network", () => {
    const s = subjectFromFile({ fileName: "payroll.vmx", data: enc(VMX) }, { tag: "microsoft-sql-server", version: "2019" });
    expect(s.vm.cpu.vcpus).toBe(4);
    expect(s.vm.memoryMiB).toBe(16384);
    expect(s.vm.nics.map((n) => n.model)).toEqual(["e1000"]);
    expect(s.vm.name).toBeNull();
    expect(JSON.stringify(s.vm)).not.toMatch(/payroll-db-07|Corp-LAN-12|00:50:56/i);
    expect(s.tags).toEqual([{ slug: "microsoft-sql-server", version: "2019", primary: true }]);
    expect(s.vmCount).toBe(1);
  });

  it("refuses an out-of-range index and content that is no configuration", () => {
    expect(() => subjectFromFile({ fileName: "a.vmx", data: enc(VMX) }, { index: "1" })).toThrow(/index must be 0 to 0/);
    expect(() => subjectFromFile({ fileName: "notes.txt", data: enc("hello world") })).toThrow(AppError);
  });

  it("reads tags as a JSON array or a single slug", () => {
    expect(tagsFromFields({ tags: '[{"slug":"nginx","version":null,"primary":true}]' })).toEqual([{ slug: "nginx", version: null, primary: true }]);
    expect(tagsFromFields({})).toEqual([]);
    expect(() => tagsFromFields({ tags: "nope" })).toThrow(/JSON array/);
    expect(() => tagsFromFields({ tag: "Not A Slug" })).toThrow(/tag/);
  });

  it("accepts JSON without tags or context", () => {
    const vm = {
      name: null, source: { format: "manual" }, hypervisor: { vendor: null, product: null, version: null }, hardwareVersion: null,
      firmware: null, guestOs: { id: null, family: "linux", name: null }, cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB: 4096, disks: [], nics: [],
    };
    expect(privateCompareSchema.parse({ vm })).toMatchObject({ tags: [], context: null });
    expect(privateCompareSchema.safeParse({ vm: { ...vm, memoryMiB: 0 } }).success).toBe(false);
  });
});

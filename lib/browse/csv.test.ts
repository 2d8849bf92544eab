import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import type { VmRow } from "@/lib/vm/record";
import { csvField, csvFields, csvHeader, csvLine, csvRow } from "./csv";

const ROW: VmRow = {
  id: "vm1", primaryApp: "mssql", primaryAppName: "Microsoft SQL Server", primaryAppVersion: "2019", vcpus: 8, coresPerSocket: 4,
  memoryMib: 65536 + 512, totalDiskGib: 120.5, diskCount: 2, nicCount: 1, guestFamily: "windows",
  guestOsName: 'Windows "Server", 2019', hypervisorVendor: "vmware", hypervisorProduct: "VMware ESXi", hypervisorVersion: "8.0",
  hardwareVersion: "vmx-19", firmware: "efi", sourceFormat: "vmx", environment: null, industry: "=cmd|' /C calc'!A0",
  organizationSize: "1000-9999", nicModels: ["vmxnet3", "e1000e"], createdAt: "2024-05-01T10:00:00.000Z",
};

describe("CSV", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", now')).toBe('"say ""hi"", now"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(-3.5)).toBe("-3.5");
    expect(csvField("=SUM(A1)")).toBe(`"'=SUM(A1)"`);
    expect(csvField(Number.NaN)).toBe("");
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("writes the fields of the chosen columns, id first, and reads back", () => {
    const fields = csvFields(["app", "vcpus", "memory", "sockets", "os", "industry", "nicModels", "created"]);
    const text = csvHeader(fields) + csvRow(fields, ROW);
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([{
      id: "vm1", application: "Microsoft SQL Server", application_slug: "mssql", application_version: "2019", vcpus: "8",
      memory_gib: "64.5", sockets: "2", guest_os: 'Windows "Server", 2019', guest_family: "windows",
      industry: "'=cmd|' /C calc'!A0", nic_models: "vmxnet3 e1000e", contributed: "2024-05-01",
    }]);
  });
});

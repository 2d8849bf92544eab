import { describe, expect, it } from "vitest";
import { hardwareVersionCheck, firstReleaseFor, generationsBehind, newestHardwareFor, parseVmxHardwareVersion } from "./hardware-version";
import { esxi, makeInput } from "./test-input";

const run = (hw: string | null, version: string | null, product = "VMware ESXi") =>
  hardwareVersionCheck.run(makeInput({ hardwareVersion: hw, hypervisor: esxi(version, product) }));

describe("hardware version tables", () => {
  it("parses vmx-N and ignores other platforms' machine types", () => {
    expect(parseVmxHardwareVersion("vmx-19")).toBe(19);
    expect(parseVmxHardwareVersion("VMX-07")).toBe(7);
    expect(parseVmxHardwareVersion("pc-q35-8.2")).toBeNull();
    expect(parseVmxHardwareVersion(null)).toBeNull();
  });

  it("knows which release introduced each version, including the Workstation-only 12 and 16", () => {
    expect(firstReleaseFor(19)?.label).toBe("ESXi 7.0 U2");
    expect(firstReleaseFor(15)?.label).toBe("ESXi 6.7 U2");
    expect(firstReleaseFor(12)?.label).toBe("ESXi 6.5");
    expect(firstReleaseFor(16)?.label).toBe("ESXi 7.0");
    expect(firstReleaseFor(99)).toBeNull();
    expect(newestHardwareFor({ major: 7, minor: 0, update: 3 })).toBe(19);
    expect(newestHardwareFor({ major: 8, minor: 0, update: 1 })).toBe(20);
    expect(newestHardwareFor({ major: 6, minor: 7, update: 0 })).toBe(14);
    expect(generationsBehind(17, 21)).toBe(4);
    expect(generationsBehind(13, 21)).toBe(7);
  });
});

describe("hardwareVersionCheck", () => {
  it("accepts vmx-19 on 7.0 U2 and later, in every spelling", () => {
    for (const v of ["7.0 U2", "7.0U2", "7.0 Update 2", "7.0.2", "7.0 U3", "8.0.2"]) expect(run("vmx-19", v)).toEqual([]);
  });

  it("reports vmx-19 on 7.0 U1 as a problem: the VM cannot run there", () => {
    const [f] = run("vmx-19", "7.0 U1");
    expect(f.severity).toBe("problem");
    expect(f.title).toContain("Hardware version 19");
    expect(f.explanation).toContain("ESXi 7.0 U2 or later");
    expect(f.explanation).toContain("ESXi 7.0 U1");
    expect(run("vmx-19", "7.0.1")[0].severity).toBe("problem");
  });

  it("reports hardware from a newer major release as a problem even when the update is unknown", () => {
    expect(run("vmx-20", "7.0")[0].severity).toBe("problem");
    expect(run("vmx-21", "8.0.1")[0].severity).toBe("problem");
    expect(run("vmx-21", "8.0.2")).toEqual([]);
  });

  it("only warns when the host version does not say which update it runs", () => {
    const [f] = run("vmx-15", "6.7.0");
    expect(f.severity).toBe("warning");
    expect(f.title).toContain("ESXi 6.7 U2");
    expect(run("vmx-19", "7.0")[0].severity).toBe("warning");
    expect(run("vmx-14", "6.7.0")).toEqual([]);
  });

  it("reads the version from the product when the version field is empty", () => {
    expect(run("vmx-19", null, "VMware ESXi 7.0.1 build-16850804")[0].severity).toBe("problem");
  });

  it("says nothing for hardware up to 3 generations behind, information from 4, a warning from 8", () => {
    expect(run("vmx-18", "8.0.2")).toEqual([]); // 19, 20, 21
    const info = run("vmx-17", "8.0.2"); // 18, 19, 20, 21
    expect(info).toHaveLength(1);
    expect(info[0].severity).toBe("info");
    expect(info[0].title).toContain("4 generations");
    expect(run("vmx-11", "8.0.2")[0].severity).toBe("warning"); // 13 … 21: 8 rows
    expect(run("vmx-13", "8.0.2")[0].severity).toBe("info"); // 7 rows
  });

  it("reports version 3 hardware on ESXi 5.0 and later as a problem", () => {
    expect(run("vmx-3", "5.0")[0].severity).toBe("problem");
    expect(run("vmx-3", "4.1")).toEqual([]);
  });

  it("returns nothing when the host is not ESX/ESXi or a fact is unknown", () => {
    expect(run("vmx-19", "7.0 U1", "Proxmox VE")).toEqual([]);
    expect(run(null, "7.0 U1")).toEqual([]);
    expect(run("vmx-19", null)).toEqual([]);
    expect(run("pc-q35-8.2", "7.0 U1")).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { compareEsxVersions, formatEsxVersion, identifyVmwareProduct, parseEsxVersion } from "./esx-version";

describe("parseEsxVersion", () => {
  it.each([
    ["7.0 U2", 7, 0, 2, true],
    ["7.0U2", 7, 0, 2, true],
    ["7.0 Update 2", 7, 0, 2, true],
    ["7.0.2", 7, 0, 2, true],
    ["8.0.2", 8, 0, 2, true],
    ["8.0.2 build-22380479", 8, 0, 2, true],
    ["VMware ESXi 7.0.3 build-19193900", 7, 0, 3, true],
    ["ESXi 6.5 Update 1", 6, 5, 1, true],
    ["7.0 Update 3c", 7, 0, 3, true],
    ["3.5 U3", 3, 5, 3, true],
    ["3.0.2", 3, 0, 2, true],
    ["7.0.0", 7, 0, 0, true],
    ["VMware ESX Server 3i 3.5.0 Update 2", 3, 5, 2, true],
  ])("%s -> %d.%d U%d", (text, major, minor, update, known) => {
    expect(parseEsxVersion(text)).toEqual({ major, minor, update, updateKnown: known });
  });

  it("does not trust the third number of a 6.x version, which every update reports as 0", () => {
    expect(parseEsxVersion("6.7.0")).toEqual({ major: 6, minor: 7, update: 0, updateKnown: false });
  });

  it("treats a bare major.minor as an unknown update", () => {
    expect(parseEsxVersion("7.0")).toEqual({ major: 7, minor: 0, update: 0, updateKnown: false });
  });

  it("returns null for missing or number-less text", () => {
    expect(parseEsxVersion(null)).toBeNull();
    expect(parseEsxVersion("")).toBeNull();
    expect(parseEsxVersion("latest")).toBeNull();
  });
});

describe("compareEsxVersions and formatEsxVersion", () => {
  it("orders by major, minor, update", () => {
    expect(compareEsxVersions({ major: 7, minor: 0, update: 1 }, { major: 7, minor: 0, update: 2 })).toBeLessThan(0);
    expect(compareEsxVersions({ major: 6, minor: 7, update: 3 }, { major: 7, minor: 0, update: 0 })).toBeLessThan(0);
    expect(compareEsxVersions({ major: 8, minor: 0, update: 2 }, { major: 8, minor: 0, update: 2 })).toBe(0);
  });

  it("formats updates as U<n> and ESX 3.0.x as point releases", () => {
    expect(formatEsxVersion({ major: 7, minor: 0, update: 2 })).toBe("7.0 U2");
    expect(formatEsxVersion({ major: 8, minor: 0, update: 0 })).toBe("8.0");
    expect(formatEsxVersion({ major: 3, minor: 0, update: 2 })).toBe("3.0.2");
    expect(formatEsxVersion({ major: 6, minor: 7, update: 0, updateKnown: false })).toBe("6.7");
  });
});

describe("identifyVmwareProduct", () => {
  it.each([
    ["VMware ESXi", "esx"],
    ["VMware ESX Server", "esx"],
    ["ESXi", "esx"],
    ["VMware Server", "vmware-server"],
    ["VMware GSX Server", "gsx"],
    ["Proxmox VE", null],
    ["VMware vCenter Server", null],
    [null, null],
  ])("%s -> %s", (product, line) => {
    expect(identifyVmwareProduct(product)).toBe(line);
  });
});

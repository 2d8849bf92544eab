import { describe, expect, it } from "vitest";
import { GUEST_FAMILIES } from "@/lib/vm/model";
import {
  cimOsFamily, GUEST_OS_CATALOGUE, guessGuestFamily, guestFamilyOf, isPastEndOfSupport, libosinfoName, lookupGuestOs, proxmoxOstype, vmwareGuestName,
} from "@/lib/taxonomy/guest-os";

describe("guest OS catalogue", () => {
  it("covers VMware's identifier list with unique ids and valid families", () => {
    const vmware = GUEST_OS_CATALOGUE.filter((g) => !g.id.includes(":"));
    expect(vmware.length).toBeGreaterThanOrEqual(150);
    expect(new Set(GUEST_OS_CATALOGUE.map((g) => g.id)).size).toBe(GUEST_OS_CATALOGUE.length);
    for (const g of GUEST_OS_CATALOGUE) {
      expect(GUEST_FAMILIES).toContain(g.family);
      if (g.endOfSupport) expect(g.endOfSupport).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(g.name.length).toBeGreaterThan(2);
    }
    for (const g of vmware) expect(g.id).toMatch(/Guest(64)?$/);
  });

  it("gives every VMware id a distinct .vmx spelling", () => {
    const vmx = GUEST_OS_CATALOGUE.filter((g) => g.vmxId !== null).map((g) => g.vmxId);
    expect(new Set(vmx).size).toBe(vmx.length);
  });
});

describe("lookupGuestOs", () => {
  it.each([
    // VMware enum, .vmx, and odd spellings
    ["windows2019srv_64Guest", "windows2019srv_64Guest"],
    ["windows2019srv-64", "windows2019srv_64Guest"],
    ["WINDOWS2019SRV-64", "windows2019srv_64Guest"],
    ["rhel8_64Guest", "rhel8_64Guest"],
    ["rhel8-64", "rhel8_64Guest"],
    ["otherLinux64Guest", "otherLinux64Guest"],
    ["otherlinux-64", "otherLinux64Guest"],
    ["other-linux-64", "otherLinux64Guest"],
    ["windows7srv-64", "windows7Server64Guest"],
    ["windows9srv-64", "windows9Server64Guest"],
    ["longhorn", "winLonghornGuest"],
    ["winnetstandard", "winNetStandardGuest"],
    ["other-64", "otherGuest64"],
    ["vmware-photon-64", "vmwarePhoton64Guest"],
    ["winhyperv", "windowsHyperVGuest"],
    // Proxmox ostype
    ["l26", "proxmox:l26"],
    ["win11", "proxmox:win11"],
    ["w2k8", "proxmox:w2k8"],
    // libosinfo
    ["http://microsoft.com/win/2k19", "windows2019srv_64Guest"],
    ["http://microsoft.com/win/2k12r2", "windows8Server64Guest"],
    ["http://redhat.com/rhel/8.6", "rhel8_64Guest"],
    ["http://ubuntu.com/ubuntu/22.04", "ubuntu64Guest"],
    ["http://debian.org/debian/12", "debian12_64Guest"],
    ["http://centos.org/centos/7.0", "centos7_64Guest"],
    ["http://rockylinux.org/rocky/9", "rockylinux_64Guest"],
    ["rhel9.2", "rhel9_64Guest"],
    ["win2k22", "windows2019srvNext_64Guest"],
    // VirtualBox OSType
    ["Windows2019_64", "windows2019srv_64Guest"],
    ["Windows2022_64", "windows2019srvNext_64Guest"],
    ["Ubuntu_64", "ubuntu64Guest"],
    ["Ubuntu22_LTS_64", "ubuntu64Guest"],
    ["RedHat_64", "virtualbox:RedHat_64"],
    ["RedHat9_64", "rhel9_64Guest"],
    ["Windows7_64", "windows7_64Guest"],
  ])("%s -> %s", (spelling, id) => {
    expect(lookupGuestOs(spelling)?.id).toBe(id);
  });

  it("returns readable names, bitness and known end-of-support dates", () => {
    expect(lookupGuestOs("windows2019srv-64")).toMatchObject({
      name: "Microsoft Windows Server 2019 (64-bit)", family: "windows", bitness: 64, vmxId: "windows2019srv-64",
    });
    expect(lookupGuestOs("winNetStandardGuest")?.endOfSupport).toBe("2015-07-14");
    expect(lookupGuestOs("windows7Server64Guest")?.endOfSupport).toBe("2020-01-14");
    expect(lookupGuestOs("windows8Server64Guest")?.endOfSupport).toBe("2023-10-10");
    expect(lookupGuestOs("centos7-64")?.endOfSupport).toBe("2024-06-30");
    expect(lookupGuestOs("centos8_64Guest")?.endOfSupport).toBe("2021-12-31");
    expect(lookupGuestOs("rhel6-64")?.endOfSupport).toBe("2020-11-30");
    expect(lookupGuestOs("windows7Guest")).toMatchObject({ endOfSupport: "2020-01-14", bitness: 32 });
  });

  it("hints firmware and paravirtual device support", () => {
    expect(lookupGuestOs("windows11_64Guest")?.prefersEfi).toBe(true);
    expect(lookupGuestOs("windows2019srvNext_64Guest")?.prefersEfi).toBe(true);
    expect(lookupGuestOs("windows2019srv_64Guest")?.prefersEfi).toBe(false);
    expect(lookupGuestOs("winNTGuest")?.supportsVmxnet3).toBe(false);
    expect(lookupGuestOs("windows9Server64Guest")?.supportsVmxnet3).toBe(true);
    expect(lookupGuestOs("rhel8_64Guest")).toMatchObject({ supportsVmxnet3: true, supportsVirtio: true });
    expect(lookupGuestOs("rhel4Guest")?.supportsVirtio).toBe(false);
    expect(lookupGuestOs("winXPProGuest")?.supportsVirtio).toBe(false);
  });

  it("returns null for unknown or empty identifiers", () => {
    expect(lookupGuestOs("plan9")).toBeNull();
    expect(lookupGuestOs("  ")).toBeNull();
  });
});

describe("isPastEndOfSupport", () => {
  it("compares against the given date", () => {
    const centos7 = lookupGuestOs("centos7_64Guest")!;
    expect(isPastEndOfSupport(centos7, new Date("2024-06-29T00:00:00Z"))).toBe(false);
    expect(isPastEndOfSupport(centos7, new Date("2024-07-01T00:00:00Z"))).toBe(true);
    expect(isPastEndOfSupport(lookupGuestOs("windows11_64Guest")!, new Date("2100-01-01"))).toBe(false);
  });
});

describe("guessGuestFamily", () => {
  it.each([
    ["windows2019srv-64", "windows"],
    ["Microsoft Windows Server 2022 Datacenter", "windows"],
    ["darwin23_64Guest", "macos"],
    ["Apple Darwin kernel", "macos"],
    ["Rocky Linux 9.3 (Blue Onyx)", "linux"],
    ["l26", "linux"],
    ["FreeBSD 14.0-RELEASE", "bsd"],
    ["SunOS 5.11", "solaris"],
    ["netware6", "other"],
  ])("%s -> %s", (text, family) => {
    expect(guessGuestFamily(text)).toBe(family);
  });

  it("returns null when nothing names a family", () => {
    expect(guessGuestFamily("appliance")).toBeNull();
  });
});

describe("what parsers ask the catalogue", () => {
  it.each([
    ["windows2019srvNext-64", "windows"], ["darwin21-64", "macos"], ["freebsd13-64", "bsd"], ["solaris11-64", "solaris"],
    ["RedHat_64", "linux"], ["l26", "linux"], ["http://ubuntu.com/ubuntu/22.04", "linux"], ["other-64", "other"], ["zzz", null],
  ])("%s is %s", (id, family) => {
    expect(guestFamilyOf(id)).toBe(family);
  });

  it("names VMware ids only, in either spelling, and Proxmox ostypes by their GUI labels", () => {
    expect(vmwareGuestName("windows2019srvNext-64")).toBe("Microsoft Windows Server 2022 (64-bit)");
    expect(vmwareGuestName("windows2019srvNext_64Guest")).toBe("Microsoft Windows Server 2022 (64-bit)");
    expect([vmwareGuestName("l26"), vmwareGuestName("zzz"), vmwareGuestName(null)]).toEqual([null, null, null]);
    expect(proxmoxOstype("win11")).toMatchObject({ name: "Microsoft Windows 11/2022/2025", family: "windows" });
    expect(proxmoxOstype("other")).toMatchObject({ name: "Other OS types", family: "other" });
    expect(proxmoxOstype("windows")).toBeNull();
  });

  it("reads CIM OS type numbers (OVF) only where the family is unambiguous", () => {
    expect([cimOsFamily("103"), cimOsFamily("94"), cimOsFamily("78"), cimOsFamily("110"), cimOsFamily("x"), cimOsFamily(null)]).toEqual(["windows", "linux", "bsd", null, null, null]);
  });

  it("names libosinfo ids", () => {
    expect(libosinfoName("http://microsoft.com/win/2k22")).toBe("Microsoft Windows Server 2022");
    expect(libosinfoName("http://debian.org/debian/12")).toBe("Debian 12");
    expect(libosinfoName("http://example.org/x/1")).toBeNull();
  });
});

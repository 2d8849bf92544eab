import { describe, expect, it } from "vitest";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { guestOsSupportCheck } from "./guest-os-support";
import { identifyGuest, normalizeGuestId } from "@/lib/taxonomy/guest-releases";
import { esxi, makeInput } from "./test-input";

const keys = (guestOs: Partial<NormalizedVm["guestOs"]>, format: NormalizedVm["source"]["format"] = "vmx") =>
  identifyGuest({ ...blankVm(format), guestOs: { id: null, family: null, name: null, ...guestOs } })?.candidates.map((c) => c.key) ?? [];

describe("identifyGuest", () => {
  it("normalizes VMware, vSphere API and libvirt ids", () => {
    expect(normalizeGuestId("windows2019srv_64Guest")).toBe("windows2019srv-64");
    expect(normalizeGuestId("winLonghorn64Guest")).toBe("winlonghorn64");
    expect(normalizeGuestId("http://microsoft.com/win/2k19")).toBe("win2k19");
    expect(normalizeGuestId("http://centos.org/centos/7.0")).toBe("centos7.0");
  });

  it.each([
    ["windows2019srv-64", "windows-server-2019"],
    ["windows2019srv_64Guest", "windows-server-2019"],
    ["winNetStandard", "windows-server-2003"],
    ["winNetEnterpriseGuest", "windows-server-2003"],
    ["longhorn-64", "windows-server-2008"],
    ["winLonghorn64Guest", "windows-server-2008"],
    ["windows7srv-64", "windows-server-2008-r2"],
    ["windows7Server64Guest", "windows-server-2008-r2"],
    ["windows8srv-64", "windows-server-2012"],
    ["windows2019srvNext_64Guest", "windows-server-2022"],
    ["windows11-64", "windows-11"],
    ["centos7-64", "centos-7"],
    ["centos7_64Guest", "centos-7"],
    ["rhel6-64", "rhel-6"],
    ["http://centos.org/centos/7.0", "centos-7"],
    ["http://microsoft.com/win/2k8r2", "windows-server-2008-r2"],
  ])("id %s -> %s", (id, key) => {
    expect(keys({ id })).toEqual([key]);
  });

  it("reads the human name, and prefers it to a less precise id", () => {
    expect(keys({ name: "Microsoft Windows Server 2008 R2 (64-bit)" })).toEqual(["windows-server-2008-r2"]);
    expect(keys({ name: "Microsoft Windows Server 2008 (64-bit)" })).toEqual(["windows-server-2008"]);
    expect(keys({ id: "windows8srv-64", name: "Microsoft Windows Server 2012 R2 (64-bit)" })).toEqual(["windows-server-2012-r2"]);
    expect(keys({ name: "Red Hat Enterprise Linux 7.9 (Maipo)" })).toEqual(["rhel-7"]);
  });

  it("does not read a release out of VMware's range names", () => {
    expect(keys({ name: "CentOS 4/5/6/7 (64-bit)" })).toEqual([]);
    expect(keys({ name: "Microsoft Windows Server 2016 or later (64-bit)" })).toEqual([]);
    expect(keys({ name: "CentOS Stream 8" })).toEqual([]);
  });

  it("expands Proxmox groups into all their releases", () => {
    expect(keys({ id: "win7" }, "proxmox")).toEqual(["windows-7", "windows-server-2008-r2"]);
    expect(keys({ id: "win7" }, "libvirt")).toEqual(["windows-7"]);
  });

  it("reads the guest's width from id or name", () => {
    const vm = { ...blankVm("vmx"), guestOs: { id: "longhorn-64", family: "windows" as const, name: null } };
    expect(identifyGuest(vm)?.bits).toBe(64);
    expect(identifyGuest({ ...vm, guestOs: { ...vm.guestOs, id: "longhorn" } })?.bits).toBeNull();
  });
});

const now = new Date("2026-01-15T12:00:00Z");
const run = (guestOs: Partial<NormalizedVm["guestOs"]>, hypervisor: NormalizedVm["hypervisor"], when = now) =>
  guestOsSupportCheck.run(makeInput({ guestOs: { id: null, family: null, name: null, ...guestOs }, hypervisor }, {}, { now: when }));
const vmwareServer = (version: string): NormalizedVm["hypervisor"] => ({ vendor: "vmware", product: "VMware Server", version });
const future = new Date("2010-01-01T00:00:00Z");

describe("guestOsSupportCheck: VMware support rules", () => {
  it("warns for Windows Server 2003 on VMware Server 2.0 unless the name shows SP1, SP2 or R2", () => {
    const [f] = run({ id: "winNetStandard", name: "Microsoft Windows Server 2003 Standard (32-bit)" }, vmwareServer("2.0.2"), future);
    expect(f.severity).toBe("warning");
    expect(f.title).toContain("Service Pack 1, Service Pack 2 or R2");
    expect(run({ id: "winNetStandard", name: "Windows Server 2003 Standard SP2" }, vmwareServer("2.0.2"), future)).toEqual([]);
    expect(run({ id: "winNetStandard", name: "Windows Server 2003 R2 Enterprise" }, vmwareServer("2.0"), future)).toEqual([]);
  });

  it("has no condition for Windows Server 2003 on ESX 2.0 to 3.5 U3", () => {
    expect(run({ id: "winNetStandard" }, esxi("3.5 U3", "VMware ESX Server"), future)).toEqual([]);
    expect(run({ id: "winNetStandard" }, esxi("2.5", "VMware ESX Server"), future)).toEqual([]);
  });

  it("reports 64-bit Windows Server 2008 on ESX 2.x, ESX 3.0.x and GSX Server as a problem", () => {
    for (const h of [esxi("3.0.2", "VMware ESX Server"), esxi("2.5.4", "VMware ESX Server"), { vendor: "vmware" as const, product: "VMware GSX Server", version: "3.2" }]) {
      const found = run({ id: "longhorn-64" }, h, future);
      expect(found).toHaveLength(1);
      expect(found[0].severity).toBe("problem");
      expect(found[0].title).toContain("Windows Server 2008 (64-bit)");
    }
  });

  it("accepts 64-bit Windows Server 2008 on ESX 3.5 and 32-bit on ESX 3.0.x", () => {
    expect(run({ id: "winLonghorn64Guest" }, esxi("3.5", "VMware ESX Server"), future)).toEqual([]);
    expect(run({ id: "longhorn" }, esxi("3.0.2", "VMware ESX Server"), future)).toEqual([]);
    expect(run({ id: "windows7srv-64" }, esxi("3.0.2", "VMware ESX Server"), future)).toEqual([]);
  });
});

describe("guestOsSupportCheck: end of support", () => {
  it.each([
    [{ id: "winNetEnterprise" }, "2015-07-14"],
    [{ id: "longhorn-64" }, "2020-01-14"],
    [{ name: "Microsoft Windows Server 2008 R2 (64-bit)" }, "2020-01-14"],
    [{ id: "windows8srv-64" }, "2023-10-10"],
    [{ id: "centos7-64" }, "2024-06-30"],
    [{ id: "centos8-64" }, "2021-12-31"],
    [{ id: "rhel6-64" }, "2020-11-30"],
    [{ id: "debian10-64" }, "2024-06-30"],
    [{ id: "debian6" }, "2016-02-29"],
  ])("%o is past its end of support on %s", (guestOs, date) => {
    const [f] = run(guestOs, esxi("7.0 U3"));
    expect(f.severity).toBe("warning");
    expect(f.title).toContain(date);
  });

  it("counts the published date as the last supported day", () => {
    const g = { id: "centos7-64" };
    expect(run(g, esxi("7.0"), new Date("2024-06-30T23:59:59Z"))[0].severity).toBe("info");
    expect(run(g, esxi("7.0"), new Date("2024-07-01T00:00:00Z"))[0].severity).toBe("warning");
  });

  it("gives notice within 180 days and nothing before", () => {
    const g = { id: "windows2019srv-64" }; // 2029-01-09
    const [soon] = run(g, esxi("8.0"), new Date("2028-12-01T00:00:00Z"));
    expect(soon.severity).toBe("info");
    expect(soon.explanation).toContain("in 40 days");
    expect(run(g, esxi("8.0"), new Date("2028-07-01T00:00:00Z"))).toEqual([]);
  });

  it("judges a Proxmox group only when all its releases share a date", () => {
    const px = { vendor: "proxmox" as const, product: "Proxmox VE", version: "8.2" };
    const check = (id: string) => guestOsSupportCheck.run(makeInput({ source: { format: "proxmox" }, guestOs: { id, family: "windows", name: null }, hypervisor: px }, {}, { now }));
    expect(check("win7")[0].title).toContain("Windows 7 / Windows Server 2008 R2");
    expect(check("win10")).toEqual([]);
  });

  it("returns nothing for an unknown guest", () => {
    expect(run({}, esxi("7.0"))).toEqual([]);
    expect(run({ id: "otherLinux64Guest" }, esxi("7.0"))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { normalizedVmSchema } from "@/lib/vm/model";
import { redact } from "@/lib/vm/redact";
import { mapVm, portgroupKeys, hostRef, type HostFacts, type MapEnv } from "./map-vm";
import { readPage, type AboutInfo, type ObjectContent } from "./vim";
import { child, parseXml, path } from "./xml";
import { HARDWARE_MINIMAL, retrieveResponse, vmObject, type FixtureVm } from "./test-fixtures/soap";

const VCENTER_ABOUT: AboutInfo = {
  name: "VMware vCenter Server", fullName: "VMware vCenter Server 8.0.2 build-22385739", version: "8.0.2",
  build: "22385739", apiType: "VirtualCenter", apiVersion: "8.0.2.0",
};
const HOST: HostFacts = {
  name: "esx-prod-07.corp.example", vendor: "Dell Inc.", model: "PowerEdge R750", cpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
  productName: "VMware ESXi", productVersion: "7.0.3",
};

function objectsOf(...vms: FixtureVm[]): ObjectContent[] {
  const doc = parseXml(retrieveResponse("RetrievePropertiesEx", vms.map(vmObject).join("")), "test");
  return readPage(child(path(doc, "Envelope.Body"), "RetrievePropertiesExResponse")!).objects;
}

function env(over: Partial<MapEnv> = {}): MapEnv {
  return { about: VCENTER_ABOUT, host: HOST, portgroupName: (k) => (k === "dvportgroup-35" ? "vMotion-VLAN20" : null), ...over };
}

describe("mapVm", () => {
  const [rich] = objectsOf({ id: "vm-1001", name: "web01" });

  it("reads CPU, memory, guest, firmware and hardware version", () => {
    const m = mapVm(rich, env());
    if (!m.ok) throw new Error(m.reason);
    const vm = m.parsed.vm;
    expect(normalizedVmSchema.parse(vm)).toEqual(vm);
    expect(vm.source.format).toBe("vcenter");
    expect(vm.name).toBe("web01");
    expect(vm.cpu).toEqual({ vcpus: 8, coresPerSocket: 4 });
    expect(vm.memoryMiB).toBe(32768);
    expect(vm.guestOs).toEqual({ id: "windows2019srv_64Guest", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" });
    expect(vm.firmware).toBe("efi");
    expect(vm.hardwareVersion).toBe("vmx-19");
    // The host's product, in the site's canonical spelling: ESXi 7.0.3 is "7.0 U3".
    expect(vm.hypervisor).toEqual({ vendor: "vmware", product: "VMware ESXi", version: "7.0 U3" });
  });

  it("maps disks by controller, size and backing; CD-ROM and floppy are not disks", () => {
    const m = mapVm(rich, env());
    if (!m.ok) throw new Error(m.reason);
    expect(m.parsed.vm.disks).toEqual([
      { sizeGiB: 100, bus: "scsi", provisioning: "thin" },
      { sizeGiB: 1.5, bus: "scsi", provisioning: "thick" },
      { sizeGiB: 8, bus: "sata", provisioning: "thin" },
      { sizeGiB: 512, bus: "nvme", provisioning: null },
    ]);
  });

  it("maps NIC subclasses to models and resolves network names", () => {
    const m = mapVm(rich, env());
    if (!m.ok) throw new Error(m.reason);
    expect(m.parsed.vm.nics).toEqual([
      { model: "vmxnet3", network: "Prod-Web-VLAN120" },
      { model: "e1000e", network: "vMotion-VLAN20" },
      // port group name unknown: its key still says "same network"
      { model: "vlance", network: "dvportgroup-99" },
      { model: "sriov", network: "a1b2c3d4-nsx" },
      { model: "vmxnet2", network: "Prod-Web-VLAN120" },
    ]);
  });

  it("lists the identifying facts so that redaction removes them", () => {
    const m = mapVm(rich, env());
    if (!m.ok) throw new Error(m.reason);
    const f = m.parsed.identifying;
    expect(f.hostnames).toEqual(["web01", "esx-prod-07.corp.example"]);
    expect(f.macs).toEqual(["00:50:56:8a:01:02", "00:50:56:8a:01:03", "00:50:56:8a:01:04", "00:50:56:8a:01:05", "00:50:56:8a:01:06"]);
    expect(f.uuids).toEqual(["4211a2b3-0000-1111-2222-333344445555", "5011c3d4-aaaa-bbbb-cccc-ddddeeeeffff", "6000C291-aaaa-bbbb-cccc-111122223333"]);
    expect(f.paths).toContain("[san-ds-01] web01/web01.vmx");
    expect(f.paths).toContain("[iso-lib] en_windows_server_2019.iso");
    expect(f.paths).toContain("vml.0200000000600a098038303053");
    expect(f.networks).toEqual(["Prod-Web-VLAN120", "vMotion-VLAN20", "dvportgroup-99", "a1b2c3d4-nsx"]);

    const r = redact(m.parsed);
    const published = JSON.stringify(r.vm);
    for (const v of [...f.hostnames, ...f.macs, ...f.uuids, ...f.paths, ...f.networks]) expect(published).not.toContain(v);
    expect(r.vm.nics.map((n) => n.network)).toEqual(["net-1", "net-2", "net-3", "net-4", "net-1"]);
    expect(r.networkRoles).toEqual(["vmotion"]);
  });

  it("derives host facts, and usage samples (never averages) from quickStats of a powered-on VM", () => {
    const m = mapVm(rich, env());
    if (!m.ok) throw new Error(m.reason);
    expect(m.context).toEqual({
      hostVendor: "Dell Inc.", hostModel: "PowerEdge R750", hostCpuModel: "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz",
      cpuAvgPct: null, memoryPct: null, // a 20-second reading is not an average: only history sets these
    });
    expect(m.parsed.vm.utilization).toEqual([
      { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "vcenter", value: 25 }, // 2300 of 9200 MHz
      { metric: "mem.active.pct", statistic: "sample", window: null, source: "vcenter", value: 12.5 }, // 4096 of 32768 MB
    ]);
  });

  it("leaves usage empty for a powered-off VM and falls back to the server's product without a host", () => {
    const [off] = objectsOf({ id: "vm-5", name: "db02", powerState: "poweredOff", hardware: HARDWARE_MINIMAL, guestId: "rhel9_64Guest", guestFullName: "Red Hat Enterprise Linux 9 (64-bit)" });
    const m = mapVm(off, env({ host: null }));
    if (!m.ok) throw new Error(m.reason);
    expect(m.context).toEqual({ hostVendor: null, hostModel: null, hostCpuModel: null, cpuAvgPct: null, memoryPct: null });
    expect(m.parsed.vm.utilization).toBeUndefined();
    expect(m.parsed.vm.hypervisor).toEqual({ vendor: "vmware", product: "VMware vCenter Server", version: "8.0 U2" });
    expect(m.parsed.vm.guestOs.family).toBe("linux");
    expect(m.parsed.vm.disks).toEqual([]);
    expect(m.parsed.vm.nics).toEqual([]);
  });

  it("skips templates and VMs whose configuration cannot be read", () => {
    const [tpl, hidden] = objectsOf({ id: "vm-7", name: "tpl-win2022", template: true }, { id: "vm-8", name: "locked", hardware: null });
    expect(mapVm(tpl, env())).toEqual({ ok: false, reason: "is a template", name: "tpl-win2022" });
    const m = mapVm(hidden, env());
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.reason).toBe("has no readable configuration (NoPermission)");
  });

  it("finds the host and distributed port groups a page refers to", () => {
    expect(hostRef(rich)).toEqual({ type: "HostSystem", value: "host-10" });
    expect(portgroupKeys(rich)).toEqual(["dvportgroup-35", "dvportgroup-99"]);
  });
});

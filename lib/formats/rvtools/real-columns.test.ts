import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rvtoolsParser } from "./index";
import { readRvtools } from "./read";

/**
 * The real RVTools 4.x vInfo header (fixtures/SOURCES.md) with hand-written
 * rows. Expected values come from what the columns mean, worked out by hand.
 */
const file = "RVTools_4x_tabvInfo.csv";
const data = readFileSync(path.join(__dirname, "__fixtures__", file));

describe("real RVTools 4.x vInfo columns", () => {
  it("finds the columns it needs among the 93 of a 4.x export", () => {
    const raw = readRvtools(data, file);
    expect(raw.vInfo.header.filter((h) => h != null)).toHaveLength(93);
    expect(raw.vInfo.rows).toHaveLength(3);
  });

  it("reads CPUs, memory, disk count and total, NICs and networks as RVTools defines them", () => {
    const { vms, warnings } = rvtoolsParser.parse({ fileName: file, data });
    expect(vms.map((v) => v.vm.name)).toEqual(["app-01", "orphan-02"]);
    const [app, orphan] = vms.map((v) => v.vm);
    // 4 vCPUs, 8192 MiB, two disks of unknown size (no vDisk tab) totalling 153600 MiB = 150 GiB.
    expect(app).toMatchObject({
      cpu: { vcpus: 4, coresPerSocket: null }, memoryMiB: 8192, firmware: "efi", hardwareVersion: "vmx-19",
      guestOs: { name: "Microsoft Windows Server 2019 (64-bit)", family: "windows" }, totalDiskGiB: 150,
      hypervisor: { vendor: "vmware" },
    });
    expect(app.disks).toEqual([{ sizeGiB: null, bus: null, provisioning: null }, { sizeGiB: null, bus: null, provisioning: null }]);
    expect(app.nics).toEqual([{ model: null, network: "VLAN10-App" }, { model: null, network: "VLAN90-Backup" }]);
    // One disk, total 0: RVTools could not read it; unknown, never 0 GiB.
    expect(orphan).toMatchObject({ cpu: { vcpus: 2 }, memoryMiB: 4096, firmware: "bios", hardwareVersion: "vmx-13", totalDiskGiB: null });
    expect(orphan.disks).toEqual([{ sizeGiB: null, bus: null, provisioning: null }]);
    expect(warnings).toContain(`${file}: skipped 1 template (templates are not running VMs)`);
    // Provisioned MiB (161792) must not be taken for the disk total.
    expect(JSON.stringify(vms.map((v) => v.vm))).not.toContain("158");
  });
});

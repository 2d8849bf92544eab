import { AppError } from "@/lib/errors/app-error";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { guestFamilyOf } from "@/lib/taxonomy/guest-os";
import { addUnique } from "@/lib/formats/util/identifying";
import { fitVm } from "@/lib/formats/util/fit-vm";
import { mibToGiB } from "@/lib/formats/util/units";
import { vmxVersion } from "@/lib/formats/vsphere-json/map";
import { blankVm, type Disk, type DiskBus, type Nic } from "@/lib/vm/model";
import {
  locateColumns, normalizeHeader, VCPU_COLUMNS, VDISK_COLUMNS, VINFO_COLUMNS, VMEMORY_COLUMNS, VNETWORK_COLUMNS, type ColumnIndex,
} from "./columns";
import type { RvtoolsRaw, RvtoolsSheet } from "./read";
import { rvtoolsUtilization } from "./utilization";
import type { SheetRow } from "./xlsx";
import { rvBoolean, rvNumber } from "./cells";

function busOf(controller: string | null): DiskBus | null {
  if (!controller) return null;
  const c = controller.toLowerCase();
  if (c.includes("scsi")) return "scsi";
  if (c.includes("sata") || c.includes("ahci")) return "sata";
  if (c.includes("nvme")) return "nvme";
  if (c.includes("ide")) return "ide";
  if (c.includes("usb")) return "usb";
  return "other";
}

/** "Vmxnet3", "VMXNET 3", "E1000E", "Flexible" -> the model names of the contract. */
export function nicModelOf(adapter: string | null): string | null {
  if (!adapter) return null;
  const a = adapter.toLowerCase().replace(/[\s_-]/g, "");
  if (a === "flexible" || a === "pcnet32" || a === "vlance") return "vlance";
  return a.slice(0, 64) || null;
}

function cell(row: SheetRow, index: number): string | null {
  return index >= 0 ? row.cells[index] ?? null : null;
}

interface Joined<K extends string> {
  cols: ColumnIndex<K>;
  byKey: Map<string, SheetRow[]>;
  useUuid: boolean;
}

/**
 * Rows of a per-device tab grouped by VM. By VM UUID when both tabs have it
 * (VM names are not unique across datacenters), else by VM name.
 */
function groupRows<K extends string>(
  sheet: RvtoolsSheet | null,
  wanted: Record<K, readonly string[]> & Record<"vm" | "vmUuid", readonly string[]>,
  infoHasUuid: boolean,
): Joined<K | "vm" | "vmUuid"> | null {
  if (!sheet) return null;
  const cols = locateColumns<K | "vm" | "vmUuid">(sheet.header, wanted);
  const useUuid = infoHasUuid && cols.vmUuid >= 0;
  const keyCol = useUuid ? cols.vmUuid : cols.vm;
  if (keyCol < 0) return null;
  const byKey = new Map<string, SheetRow[]>();
  for (const row of sheet.rows) {
    const key = cell(row, keyCol);
    if (key === null) continue;
    const list = byKey.get(key);
    if (list) list.push(row);
    else byKey.set(key, [row]);
  }
  return { cols, byKey, useUuid };
}

export function mapRvtools(raw: RvtoolsRaw, fileName: string): { vms: ParsedVm[]; warnings: string[] } {
  const info = raw.vInfo;
  const c = locateColumns(info.header, VINFO_COLUMNS);
  for (const required of ["vm", "cpus", "memory"] as const) {
    if (c[required] < 0) {
      throw new AppError("parse_error", `vInfo has no "${VINFO_COLUMNS[required][0]}" column`, { file: fileName, field: `vInfo.${required}` });
    }
  }
  // A tab of headers and empty rows holds no VM at all: refuse it rather than answer "0 VMs" as if it were read.
  if (!info.rows.some((r) => r.cells.some((v) => v != null && String(v).trim() !== ""))) {
    throw new AppError("parse_error", "the vInfo tab has no VM rows", { file: fileName, field: "vInfo" });
  }
  const infoHasUuid = c.vmUuid >= 0;
  const disks = groupRows(raw.vDisk, VDISK_COLUMNS, infoHasUuid);
  const nets = groupRows(raw.vNetwork, VNETWORK_COLUMNS, infoHasUuid);
  const cpus = groupRows(raw.vCPU, VCPU_COLUMNS, infoHasUuid);
  const mems = groupRows(raw.vMemory, VMEMORY_COLUMNS, infoHasUuid);
  const warnings: string[] = [];
  const vms: ParsedVm[] = [];
  let templates = 0;
  let countedOnly = 0;

  for (const row of info.rows) {
    if (row.cells.every((v) => v == null)) continue;
    const where = `${info.name} row ${row.rowNumber}`;
    if (rvBoolean(cell(row, c.template)) === true) {
      templates++;
      continue;
    }
    const name = cell(row, c.vm);
    if (name === null) {
      warnings.push(`${fileName}: ${where}: no VM name; row skipped`);
      continue;
    }
    const vcpus = rvNumber(cell(row, c.cpus));
    let memory = rvNumber(cell(row, c.memory));
    const uuid = cell(row, c.vmUuid);
    const keyFor = (j: { useUuid: boolean } | null) => (j?.useUuid ? uuid ?? "" : name);
    if (memory === null && mems && mems.cols.sizeMiB >= 0) memory = rvNumber(cell(mems.byKey.get(keyFor(mems))?.[0] ?? { rowNumber: 0, cells: [] }, mems.cols.sizeMiB));
    if (vcpus === null || !Number.isInteger(vcpus) || vcpus < 1 || vcpus > 1024) {
      warnings.push(`${fileName}: ${where}: unreadable CPUs "${String(cell(row, c.cpus) ?? "").slice(0, 20)}"; row skipped`);
      continue;
    }
    if (memory === null || memory < 1 || memory > 64 * 1024 * 1024) {
      warnings.push(`${fileName}: ${where}: unreadable Memory "${String(cell(row, c.memory) ?? "").slice(0, 20)}"; row skipped`);
      continue;
    }

    const vm = blankVm("rvtools");
    const facts = emptyIdentifying();
    vm.name = name;
    vm.hypervisor = { vendor: "vmware", product: "VMware vSphere", version: null };
    vm.cpu.vcpus = vcpus;
    vm.memoryMiB = Math.round(memory);
    const fw = cell(row, c.firmware)?.toLowerCase();
    vm.firmware = fw === "efi" ? "efi" : fw === "bios" ? "bios" : null;
    vm.hardwareVersion = vmxVersion(cell(row, c.hwVersion));
    const osName = cell(row, c.osConfig) ?? cell(row, c.osTools);
    vm.guestOs = { id: null, family: guestFamilyOf(osName), name: osName ? osName.slice(0, 256) : null };

    const cpuRow = cpus?.byKey.get(keyFor(cpus))?.[0];
    const cps = cpuRow ? rvNumber(cell(cpuRow, cpus!.cols.coresPerSocket)) : null;
    vm.cpu.coresPerSocket = cps !== null && Number.isInteger(cps) && cps >= 1 && cps <= 1024 ? cps : null;

    vm.totalDiskGiB = statedTotalGiB(row, c);
    const diskRows = disks?.byKey.get(keyFor(disks));
    if (diskRows) {
      vm.disks = diskRows.slice(0, 256).map((d): Disk => {
        const mib = rvNumber(cell(d, disks!.cols.capacityMiB));
        const thin = rvBoolean(cell(d, disks!.cols.thin));
        addUnique(facts.paths, cell(d, disks!.cols.diskPath));
        addUnique(facts.paths, cell(d, disks!.cols.vmPath));
        addUnique(facts.uuids, cell(d, disks!.cols.diskUuid));
        return {
          sizeGiB: knownGiB(mib),
          bus: busOf(cell(d, disks!.cols.controller)),
          provisioning: thin === null ? null : thin ? "thin" : "thick",
        };
      });
    } else {
      vm.disks = disksFromCounts(row, c);
      if (vm.disks.length > 0) countedOnly++;
    }

    const nicRows = nets?.byKey.get(keyFor(nets));
    if (nicRows) {
      vm.nics = nicRows.slice(0, 64).map((n): Nic => {
        const network = cell(n, nets!.cols.network);
        addUnique(facts.networks, network);
        addUnique(facts.networks, cell(n, nets!.cols.switchName));
        addUnique(facts.macs, cell(n, nets!.cols.mac));
        for (const col of [nets!.cols.ipv4, nets!.cols.ipv6]) for (const ip of splitList(cell(n, col))) addUnique(facts.ips, ip);
        return { model: nicModelOf(cell(n, nets!.cols.adapter)), network: network ? network.slice(0, 256) : null };
      });
    } else {
      vm.nics = nicsFromInfo(row, c, info.header);
    }

    const memRow = mems?.byKey.get(keyFor(mems))?.[0];
    const usage = rvtoolsUtilization({
      powerState: cell(row, c.powerstate), memoryMiB: vm.memoryMiB,
      cpuReadiness: cell(row, c.cpuReadiness), infoActiveMiB: cell(row, c.activeMemoryMiB),
      cpuOverallMHz: cpuRow ? cell(cpuRow, cpus!.cols.overallMHz) : null, cpuMaxMHz: cpuRow ? cell(cpuRow, cpus!.cols.maxMHz) : null,
      memConsumedMiB: memRow ? cell(memRow, mems!.cols.consumedMiB) : null, memActiveMiB: memRow ? cell(memRow, mems!.cols.activeMiB) : null,
      memBalloonedMiB: memRow ? cell(memRow, mems!.cols.balloonedMiB) : null, memSwappedMiB: memRow ? cell(memRow, mems!.cols.swappedMiB) : null,
    });
    if (usage.length > 0) vm.utilization = usage;

    collectInfoFacts(row, c, info.header, facts);
    vms.push({ vm: fitVm(vm), identifying: facts, origin: where });
  }
  if (templates > 0) warnings.push(`${fileName}: skipped ${templates} template${templates === 1 ? "" : "s"} (templates are not running VMs)`);
  if (countedOnly > 0) {
    warnings.push(
      `${fileName}: no vDisk rows for ${countedOnly} VM${countedOnly === 1 ? "" : "s"}; their disks are counted from vInfo "Disks" with sizes unknown ` +
      `(a single disk takes the vInfo total), and the vInfo total is kept where it is stated`,
    );
  }
  return { vms, warnings };
}

function splitList(v: string | null): string[] {
  return v ? v.split(/[,;\s]+/).filter((s) => s !== "") : [];
}

/**
 * MiB -> GiB (the one rounding rule, util/units.ts). RVTools writes 0 for a disk or total it could
 * not read (an inaccessible or orphaned VM), and no real disk is 0 bytes, so
 * 0 is unknown, never a size.
 */
function knownGiB(mib: number | null): number | null {
  return mib !== null && mib > 0 ? mibToGiB(mib) : null;
}

/** vInfo "Total disk capacity MiB" (3.x "... MB"): the total the source states, or null. */
function statedTotalGiB(row: SheetRow, c: ColumnIndex<keyof typeof VINFO_COLUMNS>): number | null {
  const gib = knownGiB(rvNumber(cell(row, c.totalDiskMiB)));
  return gib !== null && gib <= 64 * 1024 * 1024 ? gib : null;
}

/**
 * Without vDisk rows for the VM: vInfo's "Disks" count with sizes unknown, the
 * one disk of a single-disk VM taking the stated total. Never a size of 0.
 */
function disksFromCounts(row: SheetRow, c: ColumnIndex<keyof typeof VINFO_COLUMNS>): Disk[] {
  const count = rvNumber(cell(row, c.disks));
  if (count === null || !Number.isInteger(count) || count < 1) return [];
  if (count === 1) return [{ sizeGiB: statedTotalGiB(row, c), bus: null, provisioning: null }];
  return Array.from({ length: Math.min(count, 256) }, () => ({ sizeGiB: null, bus: null, provisioning: null }));
}

/** Without vNetwork: vInfo's "NICs" count and its "Network #1".."Network #8" columns. */
function nicsFromInfo(row: SheetRow, c: ColumnIndex<keyof typeof VINFO_COLUMNS>, header: (string | null)[]): Nic[] {
  const count = rvNumber(cell(row, c.nics));
  if (count === null || !Number.isInteger(count) || count < 1) return [];
  const networkCols = networkColumns(header);
  return Array.from({ length: Math.min(count, 64) }, (_, i) => {
    const network = networkCols[i] !== undefined ? cell(row, networkCols[i]) : null;
    return { model: null, network: network ? network.slice(0, 256) : null };
  });
}

/** "Network #1".."Network #8", or the internal "vInfoNetwork1".. names. */
function networkColumns(header: (string | null)[]): number[] {
  const out: number[] = [];
  header.forEach((h, i) => {
    const m = h ? /^(?:vinfo)?network(\d+)$/.exec(normalizeHeader(h)) : null;
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 64) out[Number(m[1]) - 1] = i;
  });
  return out;
}

function collectInfoFacts(row: SheetRow, c: ColumnIndex<keyof typeof VINFO_COLUMNS>, header: (string | null)[], facts: IdentifyingFacts): void {
  for (const key of ["vm", "dnsName", "host", "cluster", "datacenter", "sdkServer"] as const) addUnique(facts.hostnames, cell(row, c[key]));
  for (const key of ["vmUuid", "sdkUuid", "smbiosUuid", "vmId"] as const) addUnique(facts.uuids, cell(row, c[key]));
  for (const key of ["path", "logDirectory", "snapshotDirectory", "suspendDirectory", "folder"] as const) addUnique(facts.paths, cell(row, c[key]));
  for (const key of ["annotation", "resourcePool", "vapp"] as const) addUnique(facts.other, cell(row, c[key]));
  for (const ip of splitList(cell(row, c.primaryIp))) addUnique(facts.ips, ip);
  for (const col of networkColumns(header)) if (col !== undefined) addUnique(facts.networks, cell(row, col));
}

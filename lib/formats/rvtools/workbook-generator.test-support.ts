import fc from "fast-check";
import { deflateRawSync } from "node:zlib";
import { RVTOOLS_ALL_TABS } from "./csv-zip";
import { writeZip } from "./zip";

/**
 * Test workbooks written byte by byte in the two styles found in the wild:
 *
 * - "openxml-sdk", as RVTools 4.x writes them with the OpenXML SDK: every
 *   SpreadsheetML element prefixed (`<x:c r="A1" s="5" t="s"><x:v>0</x:v></x:c>`),
 *   absolute relationship targets (`/xl/worksheets/sheet1.xml`), each part
 *   starting with a UTF-8 byte-order mark, core properties in a
 *   `package/services/metadata/core-properties/<hex>.psmdcp` part, and
 *   `[Content_Types].xml` as the last zip entry;
 * - "excel": default namespace, relative targets, no byte-order mark,
 *   `[Content_Types].xml` first, `docProps/core.xml`.
 *
 * The VMs are plain data (the truth), so a test can compare what the parser
 * reads with what was written. Column names follow RVTools 4.x, 3.x ("MB"/
 * "KB" names) or the internal names some tools write ("vInfoVMName").
 */
export type WorkbookStyle = "openxml-sdk" | "excel";
export type ColumnNaming = "4.x" | "3.x" | "internal";

export interface TruthDisk {
  /** "Capacity MiB" as written; 0 is what RVTools writes for a disk it could not read. */
  capacityMiB: number;
  thin: boolean;
  controller: "SCSI controller 0" | "SCSI controller 1" | "SATA controller 0" | "NVME controller 0";
}

export interface TruthNic {
  adapter: "Vmxnet3" | "E1000E" | "E1000";
  network: string;
}

export interface TruthVm {
  name: string;
  uuid: string;
  template: boolean;
  cpus: number;
  coresPerSocket: number;
  memoryMiB: number;
  firmware: "bios" | "efi";
  hwVersion: number;
  osConfig: string;
  disks: TruthDisk[];
  nics: TruthNic[];
  /** False: the vDisk tab lacks this VM (a trimmed or partly failed export). */
  inVDisk: boolean;
  /** vInfo "Total disk capacity"; null leaves the cell empty. */
  totalDiskMiB: number | null;
}

export interface WorkbookSpec {
  style: WorkbookStyle;
  naming: ColumnNaming;
  vms: TruthVm[];
  /** Tabs written besides vInfo. */
  tabs: { vCPU: boolean; vMemory: boolean; vDisk: boolean; vNetwork: boolean; vMetaData: boolean };
  /** Also write the other tabs of the 27 (header only), as a full RVTools export has them. */
  allTabs: boolean;
  /** Whether vInfo has a "Total disk capacity" column (older 3.x exports have none). */
  totalColumn: boolean;
  /** Empty, styled rows after the data of every tab, as left by people editing the workbook. */
  blankTrailingRows: number;
  strings: "shared" | "inline";
  booleans: "text" | "boolean";
  rvtoolsVersion: string;
}

type Cell = string | number | boolean | null;
interface Sheet {
  name: string;
  rows: Cell[][];
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_SHEET = `${NS_REL}/worksheet`;
const REL_SST = `${NS_REL}/sharedStrings`;
const REL_DOC = `${NS_REL}/officeDocument`;
const REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** RVTools 4.x vInfo columns, in RVTools's order (the header of a 4.x export; see fixtures/SOURCES.md). */
export const VINFO_4X_COLUMNS = [
  "VM", "Powerstate", "Template", "SRM Placeholder", "Config status", "DNS Name", "Connection state", "Guest state", "Heartbeat",
  "Consolidation Needed", "PowerOn", "Suspended To Memory", "Suspend time", "Suspend Interval", "Creation date", "Change Version",
  "CPUs", "Overall Cpu Readiness", "Memory", "Active Memory", "NICs", "Disks", "Total disk capacity MiB", "Fixed Passthru HotPlug",
  "min Required EVC Mode Key", "Latency Sensitivity", "Op Notification Timeout", "EnableUUID", "CBT", "Primary IP Address",
  "Network #1", "Network #2", "Network #3", "Network #4", "Network #5", "Network #6", "Network #7", "Network #8", "Num Monitors",
  "Video Ram KiB", "Resource pool", "Folder ID", "Folder", "vApp", "DAS protection", "FT State", "FT Role", "FT Latency",
  "FT Bandwidth", "FT Sec. Latency", "Vm Failover In Progress", "Provisioned MiB", "In Use MiB", "Unshared MiB", "HA Restart Priority",
  "HA Isolation Response", "HA VM Monitoring", "Cluster rule(s)", "Cluster rule name(s)", "Boot Required", "Boot delay",
  "Boot retry delay", "Boot retry enabled", "Boot BIOS setup", "Reboot PowerOff", "EFI Secure boot", "Firmware", "HW version",
  "HW upgrade status", "HW upgrade policy", "HW target", "Path", "Log directory", "Snapshot directory", "Suspend directory",
  "Annotation", "Backup status", "ClusterInvariantVMMId", "Last backup", "Datacenter", "Cluster", "Host",
  "OS according to the configuration file", "OS according to the VMware Tools", "Customization Info", "Guest Detailed Data", "VM ID",
  "SMBIOS UUID", "VM UUID", "VI SDK Server type", "VI SDK API Version", "VI SDK Server", "VI SDK UUID",
] as const;

/** RVTools 3.x vInfo columns (an export against vCenter 5.1; see fixtures/SOURCES.md). */
export const VINFO_3X_COLUMNS = [
  "VM", "Powerstate", "Template", "Config status", "DNS Name", "Connection state", "Guest state", "Heartbeat", "Consolidation Needed",
  "PowerOn", "Suspend time", "Change Version", "CPUs", "Memory", "NICs", "Disks", "Network #1", "Network #2", "Network #3", "Network #4",
  "Num Monitors", "Video Ram KB", "Resource pool", "Folder", "vApp", "DAS protection", "FT State", "FT Latency", "FT Bandwidth",
  "FT Sec. Latency", "Provisioned MB", "In Use MB", "Unshared MB", "HA Restart Priority", "HA Isolation Response", "HA VM Monitoring",
  "Cluster rule(s)", "Cluster rule name(s)", "Boot Required", "Boot delay", "Boot retry delay", "Boot retry enabled", "Boot BIOS setup",
  "Firmware", "HW version", "HW upgrade status", "HW upgrade policy", "HW target", "Path", "Annotation", "Datacenter", "Cluster", "Host",
  "OS according to the configuration file", "OS according to the VMware Tools", "VM ID", "VM UUID", "VI SDK Server type",
  "VI SDK API Version", "VI SDK Server", "VI SDK UUID",
] as const;

/** Internal names (RVTools's own field names, used by some tools and exports) for the vInfo columns the parser reads. */
const VINFO_INTERNAL: Record<string, string> = {
  VM: "vInfoVMName", Powerstate: "vInfoPowerstate", Template: "vInfoTemplate", CPUs: "vInfoCPUs", Memory: "vInfoMemory",
  NICs: "vInfoNICs", Disks: "vInfoNumVirtualDisks", "Total disk capacity MiB": "vInfoTotalDiskCapacityMiB", Firmware: "vInfoFirmware",
  "HW version": "VInfoVersion", "OS according to the configuration file": "vInfoOS", "OS according to the VMware Tools": "vInfoOSTools",
  "VM UUID": "vInfoUUID", "Primary IP Address": "vInfoPrimaryIPAddress", "DNS Name": "vInfoGuestHostName", Datacenter: "vInfoDataCenter",
  Cluster: "vInfoCluster", Host: "vInfoHost", Folder: "vInfoFolder", "Resource pool": "vInfoResourcepool",
  "Provisioned MiB": "vInfoProvisioned", "In Use MiB": "vInfoInUse",
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`Network #${n}`, `vInfoNetwork${n}`])),
};

function bool(spec: WorkbookSpec, b: boolean): Cell {
  return spec.booleans === "boolean" ? b : b ? "True" : "False";
}

function totalMiB(vm: TruthVm): number {
  return vm.disks.reduce((s, d) => s + d.capacityMiB, 0);
}

function vInfoSheet(spec: WorkbookSpec): Sheet {
  const base: readonly string[] = spec.naming === "3.x" ? VINFO_3X_COLUMNS : VINFO_4X_COLUMNS;
  let columns = [...base];
  if (spec.naming === "3.x" && spec.totalColumn) columns.splice(columns.indexOf("Disks") + 1, 0, "Total disk capacity MB");
  if (spec.naming !== "3.x" && !spec.totalColumn) columns = columns.filter((c) => c !== "Total disk capacity MiB");
  const value = (c: string, vm: TruthVm): Cell => {
    const net = /^Network #(\d)$/.exec(c);
    if (net) return vm.nics[Number(net[1]) - 1]?.network ?? null;
    switch (c) {
      case "VM": return vm.name;
      case "Powerstate": return vm.template ? "poweredOff" : "poweredOn";
      case "Template": return bool(spec, vm.template);
      case "SRM Placeholder": case "Consolidation Needed": case "CBT": return bool(spec, false);
      case "Config status": case "Heartbeat": return "green";
      case "Connection state": return "connected";
      case "CPUs": return vm.cpus;
      case "Memory": return vm.memoryMiB;
      case "NICs": return vm.nics.length;
      case "Disks": return vm.disks.length;
      case "Total disk capacity MiB": case "Total disk capacity MB": return vm.totalDiskMiB;
      case "Provisioned MiB": case "Provisioned MB": return totalMiB(vm) + vm.memoryMiB;
      case "In Use MiB": case "In Use MB": return Math.round(totalMiB(vm) * 0.4);
      case "Video Ram KiB": case "Video Ram KB": return 8192;
      case "Firmware": return vm.firmware;
      case "HW version": return spec.naming === "3.x" ? vm.hwVersion : `vmx-${vm.hwVersion}`;
      case "Path": return `[ds-01] ${vm.name}/${vm.name}.vmx`;
      case "OS according to the configuration file": return vm.osConfig;
      case "Datacenter": return "DC-Test";
      case "Cluster": return "Cluster-A";
      case "Host": return "esx01.test.example";
      case "VM UUID": return vm.uuid;
      case "VI SDK Server": return "vcsa.test.example";
      default: return null;
    }
  };
  const header = columns.map((c) => (spec.naming === "internal" ? VINFO_INTERNAL[c] ?? c : c));
  return { name: "vInfo", rows: [header, ...spec.vms.map((vm) => columns.map((c) => value(c, vm)))] };
}

function deviceHeader(spec: WorkbookSpec, names: Record<ColumnNaming, string>): string {
  return names[spec.naming];
}

function vmHead(spec: WorkbookSpec, tab: string): { header: string[]; values: (vm: TruthVm) => Cell[] } {
  const vmCol = spec.naming === "internal" ? `${tab}VMName` : "VM";
  const uuidCol = spec.naming === "internal" ? (tab === "vMemory" ? "vMemoryUUID" : null) : spec.naming === "4.x" ? "VM UUID" : null;
  return {
    header: [vmCol, "Powerstate", "Template", ...(uuidCol ? [uuidCol] : [])],
    values: (vm) => [vm.name, vm.template ? "poweredOff" : "poweredOn", bool(spec, vm.template), ...(uuidCol ? [vm.uuid] : [])],
  };
}

function deviceSheets(spec: WorkbookSpec): Sheet[] {
  const out: Sheet[] = [];
  if (spec.tabs.vCPU) {
    const h = vmHead(spec, "vCPU");
    const sockets = deviceHeader(spec, { "4.x": "Sockets", "3.x": "Sockets", internal: "vCPUSockets" });
    const cps = deviceHeader(spec, { "4.x": "Cores p/s", "3.x": "Cores p/s", internal: "vCPUCoresPerSocket" });
    out.push({ name: "vCPU", rows: [[...h.header, "CPUs", sockets, cps], ...spec.vms.map((vm) => [...h.values(vm), vm.cpus, vm.cpus / vm.coresPerSocket, vm.coresPerSocket])] });
  }
  if (spec.tabs.vMemory) {
    const h = vmHead(spec, "vMemory");
    const size = deviceHeader(spec, { "4.x": "Size MiB", "3.x": "Size MB", internal: "vMemorySizeMiB" });
    out.push({ name: "vMemory", rows: [[...h.header, size, "Reservation"], ...spec.vms.map((vm) => [...h.values(vm), vm.memoryMiB, 0])] });
  }
  if (spec.tabs.vDisk) {
    const h = vmHead(spec, "vDisk");
    const disk = deviceHeader(spec, { "4.x": "Disk", "3.x": "Disk", internal: "vDiskName" });
    const cap = deviceHeader(spec, { "4.x": "Capacity MiB", "3.x": "Capacity MB", internal: "vDiskCapacityMiB" });
    const rows: Cell[][] = [[...h.header, disk, cap, "Thin", "Controller"]];
    for (const vm of spec.vms) {
      if (!vm.inVDisk) continue;
      vm.disks.forEach((d, i) => rows.push([...h.values(vm), `Hard disk ${i + 1}`, d.capacityMiB, bool(spec, d.thin), d.controller]));
    }
    out.push({ name: "vDisk", rows });
  }
  if (spec.tabs.vNetwork) {
    const h = vmHead(spec, "vNetwork");
    const adapter = deviceHeader(spec, { "4.x": "Adapter", "3.x": "Adapter", internal: "vNetworkAdapter" });
    const network = deviceHeader(spec, { "4.x": "Network", "3.x": "Network", internal: "vNetworkName" });
    const rows: Cell[][] = [[...h.header, "NIC label", adapter, network]];
    for (const vm of spec.vms) vm.nics.forEach((n, i) => rows.push([...h.values(vm), `Network adapter ${i + 1}`, n.adapter, n.network]));
    out.push({ name: "vNetwork", rows });
  }
  return out;
}

/** The sheets of an export built from the spec, in RVTools's tab order. */
export function exportSheets(spec: WorkbookSpec): Sheet[] {
  const written = new Map<string, Sheet>([["vInfo", vInfoSheet(spec)], ...deviceSheets(spec).map((s) => [s.name, s] as [string, Sheet])]);
  if (spec.tabs.vMetaData) {
    written.set("vMetaData", {
      name: "vMetaData",
      rows: [["RVTools major version", "RVTools version", "xlsx creation datetime", "Server"], [spec.rvtoolsVersion.split(".")[0], spec.rvtoolsVersion, "2026/11/30 08:15:00", "vcsa.test.example"]],
    });
  }
  const names = spec.allTabs ? RVTOOLS_ALL_TABS : RVTOOLS_ALL_TABS.filter((t) => written.has(t));
  return names.map((n) => written.get(n) ?? { name: n, rows: [["VI SDK Server", "VI SDK UUID"]] });
}

function colName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

interface Style {
  p: string;
  bom: string;
  ns: string;
  target: (part: string, from: string) => string;
}

function styleOf(style: WorkbookStyle): Style {
  return style === "openxml-sdk"
    ? { p: "x:", bom: "\ufeff", ns: `xmlns:x="${NS_MAIN}"`, target: (part) => `/${part}` }
    : { p: "", bom: "", ns: `xmlns="${NS_MAIN}"`, target: (part, from) => (from && part.startsWith(from + "/") ? part.slice(from.length + 1) : part) };
}

const DECL = '<?xml version="1.0" encoding="utf-8"?>';

function sheetXml(sheet: Sheet, spec: WorkbookSpec, st: Style, sst: Map<string, number>): string {
  const { p } = st;
  const rows: string[] = [];
  sheet.rows.forEach((cells, r) => {
    const rowNo = r + 1;
    const out: string[] = [];
    cells.forEach((v, c) => {
      if (v === null || v === "") return;
      const ref = `${colName(c)}${rowNo}`;
      if (typeof v === "number") out.push(`<${p}c r="${ref}" s="1"><${p}v>${v}</${p}v></${p}c>`);
      else if (typeof v === "boolean") out.push(`<${p}c r="${ref}" t="b"><${p}v>${v ? 1 : 0}</${p}v></${p}c>`);
      else if (spec.strings === "inline") out.push(`<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(v)}</${p}t></${p}is></${p}c>`);
      else {
        let idx = sst.get(v);
        if (idx === undefined) sst.set(v, (idx = sst.size));
        out.push(`<${p}c r="${ref}" s="5" t="s"><${p}v>${idx}</${p}v></${p}c>`);
      }
    });
    rows.push(`<${p}row r="${rowNo}">${out.join("")}</${p}row>`);
  });
  // Blank rows people leave behind: styled empty cells, one of them far to the right.
  const last = sheet.rows.length;
  for (let i = 1; i <= spec.blankTrailingRows; i++) {
    const r = last + i;
    rows.push(i % 2 ? `<${p}row r="${r}"><${p}c r="A${r}" s="2"/><${p}c r="XFD${r}" s="2"/></${p}row>` : `<${p}row r="${r}" spans="1:3"/>`);
  }
  return `${st.bom}${DECL}<${p}worksheet ${st.ns}><${p}sheetData>${rows.join("")}</${p}sheetData></${p}worksheet>`;
}

/** An xlsx of the spec's export in its style. */
export function writeWorkbook(spec: WorkbookSpec): Buffer {
  const st = styleOf(spec.style);
  const { p } = st;
  const sheets = exportSheets(spec);
  const sst = new Map<string, number>();
  const sheetParts = sheets.map((s, i) => ({ name: s.name, path: `xl/worksheets/sheet${i + 1}.xml`, rid: spec.style === "openxml-sdk" ? `R${(0x3a1f + i * 7).toString(16)}` : `rId${i + 1}`, xml: sheetXml(s, spec, st, sst) }));
  const useSst = sst.size > 0;
  const workbook = `${st.bom}${DECL}<${p}workbook ${st.ns} xmlns:r="${NS_REL}"><${p}sheets>${sheetParts
    .map((s, i) => `<${p}sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="${s.rid}" />`)
    .join("")}</${p}sheets></${p}workbook>`;
  const wbRels = `${st.bom}${DECL}<Relationships xmlns="${NS_PKG_REL}">${sheetParts
    .map((s) => `<Relationship Type="${REL_SHEET}" Target="${st.target(s.path, "xl")}" Id="${s.rid}" />`)
    .join("")}${useSst ? `<Relationship Type="${REL_SST}" Target="${st.target("xl/sharedStrings.xml", "xl")}" Id="Rsst1" />` : ""}</Relationships>`;
  const strings = [...sst.keys()];
  const sstXml = `${st.bom}${DECL}<${p}sst ${st.ns} count="${strings.length}" uniqueCount="${strings.length}">${strings
    .map((s) => `<${p}si><${p}t>${esc(s)}</${p}t></${p}si>`)
    .join("")}</${p}sst>`;
  const corePath = spec.style === "openxml-sdk" ? "package/services/metadata/core-properties/5c2b1f0e9d8a4b7c.psmdcp" : "docProps/core.xml";
  // System.IO.Packaging writes core properties in the default namespace; Excel with the cp: prefix.
  const core = spec.style === "openxml-sdk"
    ? `${st.bom}${DECL}<coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"><dc:creator>Jane Admin</dc:creator><lastModifiedBy>Jane Admin</lastModifiedBy></coreProperties>`
    : `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Admin</dc:creator><cp:lastModifiedBy>Jane Admin</cp:lastModifiedBy></cp:coreProperties>`;
  const rootRels = `${st.bom}${DECL}<Relationships xmlns="${NS_PKG_REL}"><Relationship Type="${REL_DOC}" Target="${st.target("xl/workbook.xml", "")}" Id="R1" /><Relationship Type="${REL_CORE}" Target="${st.target(corePath, "")}" Id="R2" /></Relationships>`;
  const contentTypes = `${st.bom}${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml" /><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" /><Default Extension="psmdcp" ContentType="application/vnd.openxmlformats-package.core-properties+xml" /><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />${sheetParts
    .map((s) => `<Override PartName="/${s.path}" ContentType="${CT_SHEET}" />`)
    .join("")}${useSst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />' : ""}${spec.style === "excel" ? '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />' : ""}</Types>`;

  const parts: [string, string][] = [
    ["_rels/.rels", rootRels],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", wbRels],
    ...sheetParts.map((s) => [s.path, s.xml] as [string, string]),
    ...(useSst ? [["xl/sharedStrings.xml", sstXml] as [string, string]] : []),
    [corePath, core],
  ];
  const ordered: [string, string][] = spec.style === "openxml-sdk" ? [...parts, ["[Content_Types].xml", contentTypes]] : [["[Content_Types].xml", contentTypes], ...parts];
  return writeZip(ordered.map(([name, text]) => ({ name, content: Buffer.from(text, "utf8") })));
}

function csvField(v: Cell): string {
  if (v === null) return "";
  const s = typeof v === "boolean" ? (v ? "True" : "False") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RVTools "Export all to csv": one RVTools_tab<name>.csv per tab. */
export function writeCsvExport(spec: WorkbookSpec): { name: string; data: Buffer }[] {
  return exportSheets(spec).map((s) => ({
    name: `RVTools_tab${s.name}.csv`,
    data: Buffer.from("\ufeff" + s.rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n" + "\r\n".repeat(spec.blankTrailingRows), "utf8"),
  }));
}

/** The CSV export zipped, optionally inside a folder as people zip a folder. */
export function writeCsvZip(spec: WorkbookSpec, folder = ""): Buffer {
  return writeZip(writeCsvExport(spec).map((f) => ({ name: folder + f.name, content: f.data })));
}

/** deflateRawSync is used by writeZip; re-exported so hostile tests can hand-build entries. */
export const deflate = deflateRawSync;

// ---- truth -------------------------------------------------------------------------------------------------

const gib = (mib: number) => (mib > 0 ? Math.round((mib / 1024) * 1000) / 1000 : null);

/** What the parser must read for each VM that is not a template, derived from the spec alone. */
export function expectedVms(spec: WorkbookSpec) {
  return spec.vms.filter((vm) => !vm.template).map((vm) => {
    const total = spec.totalColumn && vm.totalDiskMiB !== null ? gib(vm.totalDiskMiB) : null;
    const fromVDisk = spec.tabs.vDisk && vm.inVDisk && vm.disks.length > 0;
    const disks = fromVDisk
      ? vm.disks.map((d) => ({
          sizeGiB: gib(d.capacityMiB),
          bus: d.controller.startsWith("SCSI") ? "scsi" : d.controller.startsWith("SATA") ? "sata" : "nvme",
          provisioning: d.thin ? "thin" : "thick",
        }))
      : vm.disks.map(() => ({ sizeGiB: vm.disks.length === 1 ? total : null, bus: null, provisioning: null }));
    const maxNetworks = spec.naming === "3.x" ? 4 : 8;
    const nics = spec.tabs.vNetwork && vm.nics.length > 0
      ? vm.nics.map((n) => ({ model: n.adapter.toLowerCase(), network: n.network }))
      : vm.nics.map((n, i) => ({ model: null, network: i < maxNetworks ? n.network : null }));
    return {
      name: vm.name,
      cpu: { vcpus: vm.cpus, coresPerSocket: spec.tabs.vCPU ? vm.coresPerSocket : null },
      memoryMiB: vm.memoryMiB,
      firmware: vm.firmware,
      hardwareVersion: `vmx-${vm.hwVersion}`,
      guestOs: { name: vm.osConfig },
      totalDiskGiB: total,
      disks,
      nics,
    };
  });
}

// ---- arbitraries -------------------------------------------------------------------------------------------

const OSES = ["Microsoft Windows Server 2022 (64-bit)", "Red Hat Enterprise Linux 9 (64-bit)", "Ubuntu Linux (64-bit)", "Other 3.x or later Linux (64-bit)"];

const diskArb: fc.Arbitrary<TruthDisk> = fc.record({
  capacityMiB: fc.oneof(fc.constantFrom(40960, 61440, 102400, 1048576), fc.integer({ min: 1, max: 4 * 1024 * 1024 }), fc.constant(0)),
  thin: fc.boolean(),
  controller: fc.constantFrom("SCSI controller 0", "SCSI controller 1", "SATA controller 0", "NVME controller 0"),
});

const nicArb: fc.Arbitrary<TruthNic> = fc.record({
  adapter: fc.constantFrom("Vmxnet3", "E1000E", "E1000"),
  network: fc.constantFrom("VLAN120-Web", "dvPG-App & DB", "Backup <net>", "Überlauf-Netz"),
});

export function vmArb(index: number): fc.Arbitrary<TruthVm> {
  return fc
    .record({
      suffix: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
      template: fc.boolean().map((b) => b && index % 3 === 2),
      cores: fc.constantFrom(1, 2, 4),
      sockets: fc.constantFrom(1, 2, 4),
      memoryMiB: fc.constantFrom(1024, 4096, 16384, 262144),
      firmware: fc.constantFrom("bios" as const, "efi" as const),
      hwVersion: fc.constantFrom(8, 13, 19, 21),
      osConfig: fc.constantFrom(...OSES),
      disks: fc.array(diskArb, { minLength: 0, maxLength: 4 }),
      nics: fc.array(nicArb, { minLength: 0, maxLength: 3 }),
      inVDisk: fc.boolean(),
      totalState: fc.constantFrom("sum", "sum", "empty", "zero"),
      uuid: fc.uuid(),
    })
    .map((r) => ({
      name: `vm${index}-${r.suffix}`,
      uuid: r.uuid,
      template: r.template,
      cpus: r.cores * r.sockets,
      coresPerSocket: r.cores,
      memoryMiB: r.memoryMiB,
      firmware: r.firmware,
      hwVersion: r.hwVersion,
      osConfig: r.osConfig,
      disks: r.disks,
      nics: r.nics,
      inVDisk: r.inVDisk,
      totalDiskMiB: r.totalState === "empty" ? null : r.totalState === "zero" ? 0 : r.disks.reduce((s, d) => s + d.capacityMiB, 0),
    }));
}

export const specArb: fc.Arbitrary<WorkbookSpec> = fc
  .record({
    style: fc.constantFrom<WorkbookStyle>("openxml-sdk", "excel"),
    naming: fc.constantFrom<ColumnNaming>("4.x", "3.x", "internal"),
    count: fc.integer({ min: 1, max: 6 }),
    tabs: fc.record({ vCPU: fc.boolean(), vMemory: fc.boolean(), vDisk: fc.boolean(), vNetwork: fc.boolean(), vMetaData: fc.boolean() }),
    allTabs: fc.boolean(),
    totalColumn: fc.boolean(),
    blankTrailingRows: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 40 }), fc.constant(3000)),
    strings: fc.constantFrom<"shared" | "inline">("shared", "shared", "inline"),
    booleans: fc.constantFrom<"text" | "boolean">("text", "boolean"),
    rvtoolsVersion: fc.constantFrom("4.7.1.4", "4.6.1.1", "3.11.9"),
  })
  .chain((s) => fc.tuple(...Array.from({ length: s.count }, (_, i) => vmArb(i))).map((vms) => ({ ...s, vms: vms as TruthVm[] })))
  .map(({ count: _count, ...spec }) => spec);

/** A fixed, readable spec for example-based tests. */
export function sampleSpec(over: Partial<WorkbookSpec> = {}): WorkbookSpec {
  const vms: TruthVm[] = [
    { name: "web-01", uuid: "50aa0000-0000-4000-8000-000000000001", template: false, cpus: 2, coresPerSocket: 2, memoryMiB: 4096, firmware: "efi", hwVersion: 19, osConfig: OSES[1], disks: [{ capacityMiB: 40960, thin: true, controller: "SCSI controller 0" }], nics: [{ adapter: "Vmxnet3", network: "VLAN120-Web" }], inVDisk: true, totalDiskMiB: 40960 },
    { name: "sql-01", uuid: "50aa0000-0000-4000-8000-000000000002", template: false, cpus: 8, coresPerSocket: 4, memoryMiB: 65536, firmware: "efi", hwVersion: 21, osConfig: OSES[0], disks: [{ capacityMiB: 102400, thin: false, controller: "SCSI controller 0" }, { capacityMiB: 512000, thin: false, controller: "SCSI controller 1" }], nics: [{ adapter: "Vmxnet3", network: "dvPG-App & DB" }, { adapter: "E1000E", network: "Backup <net>" }], inVDisk: false, totalDiskMiB: 614400 },
    { name: "tpl-linux", uuid: "50aa0000-0000-4000-8000-000000000003", template: true, cpus: 1, coresPerSocket: 1, memoryMiB: 1024, firmware: "bios", hwVersion: 13, osConfig: OSES[2], disks: [{ capacityMiB: 20480, thin: true, controller: "SATA controller 0" }], nics: [], inVDisk: true, totalDiskMiB: 20480 },
  ];
  return {
    style: "openxml-sdk", naming: "4.x", vms,
    tabs: { vCPU: true, vMemory: true, vDisk: true, vNetwork: true, vMetaData: true },
    allTabs: true, totalColumn: true, blankTrailingRows: 0, strings: "shared", booleans: "text", rvtoolsVersion: "4.7.1.4",
    ...over,
  };
}

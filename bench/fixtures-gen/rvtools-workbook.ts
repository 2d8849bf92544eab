import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

/**
 * Realistic RVTools workbooks for benchmarks and end-to-end tests, fully
 * determined by a seed. The environment (the VMs) is plain data so a second
 * export of the same estate can be derived with VMs added, removed and changed.
 */

export interface GeneratedDisk {
  label: string;
  capacityMiB: number;
  thin: boolean;
  controller: string;
  path: string;
  uuid: string;
}

export interface GeneratedNic {
  label: string;
  adapter: string;
  network: string;
  mac: string;
  ipv4: string;
}

export interface GeneratedVm {
  name: string;
  vmId: string;
  uuid: string;
  smbiosUuid: string;
  powerstate: "poweredOn" | "poweredOff";
  template: boolean;
  cpus: number;
  coresPerSocket: number;
  memoryMiB: number;
  firmware: "bios" | "efi";
  hwVersion: number;
  osConfig: string;
  osTools: string;
  host: string;
  cluster: string;
  datacenter: string;
  dnsName: string;
  primaryIp: string;
  path: string;
  annotation: string;
  folder: string;
  resourcePool: string;
  disks: GeneratedDisk[];
  nics: GeneratedNic[];
}

export interface RvtoolsEnvironment {
  seed: number;
  vcenter: string;
  vcenterUuid: string;
  vms: GeneratedVm[];
  /** Next serial for new VM names, so derived exports never reuse a name. */
  nextSerial: number;
}

/**
 * "current": RVTools 4.x column names, template as "True"/"False" text.
 * "legacy": older names ("HW Version", "Memory MB", "Capacity MB", "Provisioned MB"),
 *   booleans as real booleans, no "VM UUID" on the per-device tabs (joined by name).
 */
export type RvtoolsVariant = "current" | "legacy";

export interface GenerateOptions {
  vms: number;
  seed: number;
  variant?: RvtoolsVariant;
  /** How many extra template rows to include (RVTools lists templates in vInfo). */
  templates?: number;
}

export interface DeriveOptions {
  add: number;
  remove: number;
  change: number;
  seed: number;
}

export interface DerivedEnvironment {
  env: RvtoolsEnvironment;
  added: string[];
  removed: string[];
  changed: string[];
}

/** mulberry32: tiny, fast, and the same sequence everywhere for a given seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pickOne = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const hex = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");
const uuid = (r: Rand, prefix = "") => {
  const h = prefix + hex(r, 32 - prefix.length);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};
const pad = (n: number, w: number) => String(n).padStart(w, "0");

const SITES = [
  { code: "ams", dc: "DC-Amsterdam", net: 10 },
  { code: "fra", dc: "DC-Frankfurt", net: 20 },
  { code: "nyc", dc: "DC-NewYork", net: 30 },
] as const;
const ROLES = [
  { role: "web", folder: "Production/Web", net: "VLAN120-Web", os: "linux" },
  { role: "app", folder: "Production/App", net: "dvPG-App-130", os: "linux" },
  { role: "sql", folder: "Production/Databases", net: "dvPG-DB-140", os: "windows" },
  { role: "dc", folder: "Infrastructure/AD", net: "VLAN100-Infra", os: "windows" },
  { role: "file", folder: "Infrastructure/Files", net: "VLAN100-Infra", os: "windows" },
  { role: "k8s", folder: "Platform/Kubernetes", net: "dvPG-K8s-150", os: "linux" },
  { role: "ci", folder: "Development/Build", net: "VLAN160-Dev", os: "linux" },
] as const;
const OSES: Record<"windows" | "linux", readonly (readonly [string, string])[]> = {
  windows: [
    ["Microsoft Windows Server 2019 (64-bit)", "Microsoft Windows Server 2019 (64-bit)"],
    ["Microsoft Windows Server 2022 (64-bit)", "Microsoft Windows Server 2022 (64-bit)"],
    ["Microsoft Windows Server 2016 or later (64-bit)", "Microsoft Windows Server 2016 (64-bit)"],
  ],
  linux: [
    ["Red Hat Enterprise Linux 8 (64-bit)", "Red Hat Enterprise Linux 8.9 (Ootpa)"],
    ["Ubuntu Linux (64-bit)", "Ubuntu 22.04.4 LTS"],
    ["Debian GNU/Linux 12 (64-bit)", "Debian GNU/Linux 12 (bookworm)"],
    ["Rocky Linux (64-bit)", "Rocky Linux 9.3 (Blue Onyx)"],
  ],
};
const OWNERS = ["Jane Doe", "Arjen de Vries", "Mei Chen", "Oskar Lindqvist", "Priya Nair", "Tomás García"];

function makeVm(r: Rand, serial: number, template: boolean): GeneratedVm {
  const site = pickOne(r, SITES);
  const role = pickOne(r, ROLES);
  const name = template ? `tpl-${role.role}-${pad(serial, 4)}` : `${site.code}-${role.role}${pad(serial, 4)}`;
  const [osConfig, osTools] = pickOne(r, OSES[role.os]);
  const cpus = pickOne(r, role.role === "sql" ? [4, 8, 16] : [1, 2, 2, 4, 4, 8]);
  const coresPerSocket = pickOne(r, [1, cpus, cpus]) || 1;
  const memoryMiB = cpus * pickOne(r, [1024, 2048, 4096, 8192]);
  const ds = `ds-${site.code}-${pad(1 + Math.floor(r() * 12), 2)}`;
  const diskCount = role.role === "sql" ? 3 : 1 + Math.floor(r() * 2);
  const controller = pickOne(r, ["SCSI controller 0", "SCSI controller 0", "SATA controller 0", "NVME controller 0"]);
  const disks: GeneratedDisk[] = Array.from({ length: diskCount }, (_, i) => ({
    label: `Hard disk ${i + 1}`,
    capacityMiB: (i === 0 ? pickOne(r, [40, 60, 80, 100]) : pickOne(r, [50, 100, 200, 500, 1024])) * 1024,
    thin: r() < 0.6,
    controller: i === 0 ? controller : "SCSI controller 1",
    path: `[${ds}] ${name}/${name}${i === 0 ? "" : `_${i}`}.vmdk`,
    uuid: uuid(r, "6000c29"),
  }));
  const third = 1 + Math.floor(r() * 250);
  const nicCount = r() < 0.15 ? 2 : 1;
  const nics: GeneratedNic[] = Array.from({ length: nicCount }, (_, i) => ({
    label: `Network adapter ${i + 1}`,
    adapter: pickOne(r, ["Vmxnet3", "Vmxnet3", "Vmxnet3", "E1000E", "E1000"]),
    network: i === 0 ? role.net : "VLAN900-Backup",
    mac: `00:50:56:${hex(r, 2)}:${hex(r, 2)}:${hex(r, 2)}`,
    ipv4: `10.${site.net + i}.${third}.${1 + Math.floor(r() * 253)}`,
  }));
  const hostNo = 1 + Math.floor(r() * 16);
  const cluster = `${site.code.toUpperCase()}-Cluster-${1 + (hostNo % 3)}`;
  return {
    name,
    vmId: `vm-${1000 + serial}`,
    uuid: uuid(r, "50"),
    smbiosUuid: uuid(r, "42"),
    powerstate: template || r() < 0.1 ? "poweredOff" : "poweredOn",
    template,
    cpus,
    coresPerSocket,
    memoryMiB,
    firmware: r() < 0.55 ? "efi" : "bios",
    hwVersion: pickOne(r, [13, 14, 15, 17, 19, 19, 20, 21]),
    osConfig,
    osTools: template ? "" : osTools,
    host: `esx${pad(hostNo, 2)}.${site.code}.corp.example.net`,
    cluster,
    datacenter: site.dc,
    dnsName: template ? "" : `${name}.${site.code}.corp.example.net`,
    primaryIp: template ? "" : nics[0].ipv4,
    path: `[${ds}] ${name}/${name}.vmx`,
    annotation: r() < 0.7 ? `Owner: ${pickOne(r, OWNERS)}; change CHG${pad(Math.floor(r() * 1e7), 7)}` : "",
    folder: `/${site.dc}/vm/${role.folder}`,
    resourcePool: `/Resources/${pickOne(r, ["Gold", "Silver", "Bronze"])}`,
    disks,
    nics,
  };
}

export function generateRvtoolsEnvironment(opts: { vms: number; seed: number; templates?: number }): RvtoolsEnvironment {
  const r = rng(opts.seed);
  const vms: GeneratedVm[] = [];
  let serial = 1;
  for (let i = 0; i < opts.vms; i++) vms.push(makeVm(r, serial++, false));
  // Templates sit among the VMs as they do in a real export sorted by name.
  for (let i = 0; i < (opts.templates ?? 0); i++) vms.splice(Math.floor(r() * (vms.length + 1)), 0, makeVm(r, serial++, true));
  return { seed: opts.seed, vcenter: "vcsa01.corp.example.net", vcenterUuid: uuid(r), vms, nextSerial: serial };
}

/**
 * A later export of the same estate: `remove` VMs gone, `change` VMs resized
 * (CPU, memory, a disk grown), `add` new VMs; everything else identical.
 */
export function deriveRvtoolsEnvironment(env: RvtoolsEnvironment, opts: DeriveOptions): DerivedEnvironment {
  const r = rng(opts.seed ^ 0x5eed);
  const vms = env.vms.map((vm) => ({ ...vm, disks: vm.disks.map((d) => ({ ...d })), nics: vm.nics.map((n) => ({ ...n })) }));
  const removed: string[] = [];
  for (let i = 0; i < Math.min(opts.remove, vms.length); i++) removed.push(vms.splice(Math.floor(r() * vms.length), 1)[0].uuid);
  const changed: string[] = [];
  const candidates = vms.map((_, i) => i).filter((i) => !vms[i].template);
  for (let i = 0; i < Math.min(opts.change, candidates.length); i++) {
    const idx = candidates.splice(Math.floor(r() * candidates.length), 1)[0];
    const vm = vms[idx];
    vm.cpus *= 2;
    vm.coresPerSocket = vm.cpus % vm.coresPerSocket === 0 ? vm.coresPerSocket : 1;
    vm.memoryMiB *= 2;
    vm.disks[0].capacityMiB += 20 * 1024;
    changed.push(vm.uuid);
  }
  let serial = env.nextSerial;
  const added: string[] = [];
  for (let i = 0; i < opts.add; i++) {
    const vm = makeVm(r, serial++, false);
    vms.push(vm);
    added.push(vm.uuid);
  }
  return { env: { ...env, vms, nextSerial: serial }, added, removed, changed };
}

type Cell = string | number | boolean | null;
type Column = [header: string, value: (vm: GeneratedVm) => Cell];

function vmTail(env: RvtoolsEnvironment, withUuid: boolean): Column[] {
  return [
    ["Annotation", (v) => v.annotation],
    ["Datacenter", (v) => v.datacenter],
    ["Cluster", (v) => v.cluster],
    ["Host", (v) => v.host],
    ["Folder", (v) => v.folder],
    ["OS according to the configuration file", (v) => v.osConfig],
    ["OS according to the VMware Tools", (v) => v.osTools],
    ["VM ID", (v) => v.vmId],
    ...(withUuid ? ([["VM UUID", (v) => v.uuid]] as Column[]) : []),
    ["VI SDK Server", () => env.vcenter],
    ["VI SDK UUID", () => env.vcenterUuid],
  ];
}

export async function writeRvtoolsWorkbook(env: RvtoolsEnvironment, variant: RvtoolsVariant = "current"): Promise<Buffer> {
  const legacy = variant === "legacy";
  const bool = (b: boolean): Cell => (legacy ? b : b ? "True" : "False");
  const head: Column[] = [
    ["VM", (v) => v.name],
    ["Powerstate", (v) => v.powerstate],
    ["Template", (v) => bool(v.template)],
  ];
  const totalMiB = (v: GeneratedVm) => v.disks.reduce((s, d) => s + d.capacityMiB, 0);
  const vInfo: Column[] = [
    ...head,
    ["SRM Placeholder", () => bool(false)],
    ["Config status", () => "green"],
    ["DNS Name", (v) => v.dnsName],
    ["Connection state", () => "connected"],
    ["Guest state", (v) => (v.powerstate === "poweredOn" ? "running" : "notRunning")],
    ["Heartbeat", (v) => (v.powerstate === "poweredOn" ? "green" : "gray")],
    ["PowerOn", (v) => (v.powerstate === "poweredOn" ? "2024/03/11 02:14:00" : "")],
    ["Creation date", () => "2022/06/01 09:30:00"],
    ["CPUs", (v) => v.cpus],
    [legacy ? "Memory MB" : "Memory", (v) => v.memoryMiB],
    ["NICs", (v) => v.nics.length],
    ["Disks", (v) => v.disks.length],
    [legacy ? "Total disk capacity MB" : "Total disk capacity MiB", totalMiB],
    ["Network #1", (v) => v.nics[0]?.network ?? ""],
    ["Network #2", (v) => v.nics[1]?.network ?? ""],
    ["Resource pool", (v) => v.resourcePool],
    [legacy ? "Provisioned MB" : "Provisioned MiB", (v) => totalMiB(v) + v.memoryMiB],
    [legacy ? "In Use MB" : "In Use MiB", (v) => Math.round(totalMiB(v) * 0.4)],
    ["Primary IP Address", (v) => v.primaryIp],
    ["Path", (v) => v.path],
    ["Log directory", (v) => v.path.replace(/\/[^/]+$/, "")],
    ["Firmware", (v) => v.firmware],
    [legacy ? "HW Version" : "HW version", (v) => (legacy ? `vmx-${v.hwVersion}` : v.hwVersion)],
    ["SMBIOS UUID", (v) => v.smbiosUuid],
    ...vmTail(env, true),
  ];
  const vCPU: Column[] = [
    ...head,
    ["CPUs", (v) => v.cpus],
    ["Sockets", (v) => v.cpus / v.coresPerSocket],
    ["Cores p/s", (v) => v.coresPerSocket],
    ["Max", (v) => v.cpus * 2400],
    ["Hot Add", () => bool(false)],
    ...vmTail(env, !legacy),
  ];
  const vMemory: Column[] = [
    ...head,
    [legacy ? "Size MB" : "Size MiB", (v) => v.memoryMiB],
    ["Hot Add", () => bool(false)],
    ...vmTail(env, !legacy),
  ];

  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: false });
  wb.creator = "vmcompare fixture generator";

  const writeSheet = (name: string, columns: Column[], rows: GeneratedVm[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(columns.map(([h]) => h)).commit();
    for (const vm of rows) ws.addRow(columns.map(([, f]) => f(vm))).commit();
    ws.commit();
  };
  writeSheet("vInfo", vInfo, env.vms);
  writeSheet("vCPU", vCPU, env.vms);
  writeSheet("vMemory", vMemory, env.vms);

  const tail = vmTail(env, !legacy);
  const vDisk = wb.addWorksheet("vDisk");
  const diskHead = ["VM", "Powerstate", "Template", "Disk", "Disk UUID", "Disk Path", legacy ? "Capacity MB" : "Capacity MiB", "Disk Mode", "Thin", "Eagerly Scrub", "Controller", "Unit #", "Path", ...tail.map(([h]) => h)];
  vDisk.addRow(diskHead).commit();
  for (const vm of env.vms) {
    vm.disks.forEach((d, i) => {
      vDisk.addRow([vm.name, vm.powerstate, bool(vm.template), d.label, d.uuid, d.path, d.capacityMiB, "persistent", bool(d.thin), bool(false), d.controller, i, vm.path, ...tail.map(([, f]) => f(vm))]).commit();
    });
  }
  vDisk.commit();
  const vNetwork = wb.addWorksheet("vNetwork");
  vNetwork.addRow(["VM", "Powerstate", "Template", "NIC label", "Adapter", "Network", "Switch", "Connected", "Starts Connected", "Mac Address", "Type", "IPv4 Address", "IPv6 Address", ...tail.map(([h]) => h)]).commit();
  for (const vm of env.vms) {
    for (const n of vm.nics) {
      vNetwork.addRow([vm.name, vm.powerstate, bool(vm.template), n.label, n.adapter, n.network, "dvSwitch-Prod", bool(true), bool(true), n.mac, "assigned", vm.template ? "" : n.ipv4, "", ...tail.map(([, f]) => f(vm))]).commit();
    }
  }
  vNetwork.commit();
  await wb.commit();
  if (!stream.readableEnded) await ended;
  return Buffer.concat(chunks);
}

export async function generateRvtoolsWorkbook(opts: GenerateOptions): Promise<Buffer> {
  return writeRvtoolsWorkbook(generateRvtoolsEnvironment(opts), opts.variant ?? "current");
}

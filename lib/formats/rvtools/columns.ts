/**
 * RVTools column names by meaning. Versions differ ("Memory" vs "Memory MB",
 * "HW version" vs "HW Version", "Total disk capacity MiB" vs "Provisioned MB",
 * vInfo-prefixed names in the old XML/CSV exports), so headers are compared
 * lower case with everything but letters and digits removed.
 */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, "");
}

export const VINFO_COLUMNS = {
  vm: ["vm", "vmname", "vinfovmname", "name"],
  powerstate: ["powerstate", "vinfopowerstate"],
  template: ["template", "vinfotemplate"],
  cpus: ["cpus", "vinfocpus", "numcpu", "vcpus", "cpu"],
  memory: ["memory", "memorymib", "memorymb", "vinfomemory", "memorysizemb"],
  nics: ["nics", "vinfonics", "numnics"],
  disks: ["disks", "vinfodisks", "numdisks"],
  totalDiskMiB: ["totaldiskcapacitymib", "totaldiskcapacitymb", "provisionedmib", "provisionedmb", "vinfoprovisioned"],
  firmware: ["firmware", "vinfofirmware"],
  hwVersion: ["hwversion", "hardwareversion", "vmversion", "vinfohwversion"],
  osConfig: ["osaccordingtotheconfigurationfile", "vinfoos", "os", "guestos"],
  osTools: ["osaccordingtothevmwaretools", "vinfoostools"],
  host: ["host", "vinfohost"],
  cluster: ["cluster", "vinfocluster"],
  datacenter: ["datacenter", "vinfodatacenter"],
  dnsName: ["dnsname", "vinfoguesthostname"],
  primaryIp: ["primaryipaddress", "vinfoprimaryipaddress", "ipaddress"],
  vmUuid: ["vmuuid", "vinfouuid", "uuid"],
  sdkUuid: ["visdkuuid"],
  smbiosUuid: ["smbiosuuid", "biosuuid"],
  vmId: ["vmid"],
  path: ["path", "vinfopath", "vmpath"],
  logDirectory: ["logdirectory"],
  snapshotDirectory: ["snapshotdirectory"],
  suspendDirectory: ["suspenddirectory"],
  annotation: ["annotation", "vinfoannotation", "notes"],
  folder: ["folder", "vinfofolder"],
  resourcePool: ["resourcepool"],
  vapp: ["vapp"],
  sdkServer: ["visdkserver"],
} as const;

export const VDISK_COLUMNS = {
  vm: ["vm", "vmname", "vdiskvmname"],
  vmUuid: ["vmuuid"],
  disk: ["disk", "disklabel"],
  capacityMiB: ["capacitymib", "capacitymb", "vdiskcapacity"],
  thin: ["thin", "vdiskthin"],
  controller: ["controller", "vdiskcontroller"],
  diskPath: ["diskpath", "vdiskpath"],
  vmPath: ["path"],
  diskUuid: ["diskuuid"],
} as const;

export const VNETWORK_COLUMNS = {
  vm: ["vm", "vmname", "vnetworkvmname"],
  vmUuid: ["vmuuid"],
  adapter: ["adapter", "vnetworkadapter"],
  network: ["network", "portgroup", "vnetworknetwork"],
  mac: ["macaddress", "mac", "vnetworkmacaddress"],
  ipv4: ["ipv4address", "ipaddress", "vnetworkipv4address"],
  ipv6: ["ipv6address"],
  switchName: ["switch"],
} as const;

export const VCPU_COLUMNS = {
  vm: ["vm", "vmname"],
  vmUuid: ["vmuuid"],
  sockets: ["sockets"],
  coresPerSocket: ["coresps", "corespersocket", "cores"],
} as const;

export const VMEMORY_COLUMNS = {
  vm: ["vm", "vmname"],
  vmUuid: ["vmuuid"],
  sizeMiB: ["sizemib", "sizemb", "memory"],
} as const;

export type ColumnIndex<K extends string> = Record<K, number>;

/** Index of each wanted column in a header row (-1 when absent); the first alias found wins. */
export function locateColumns<K extends string>(header: (string | null)[], wanted: Record<K, readonly string[]>): ColumnIndex<K> {
  const normalized = header.map((h) => (h ? normalizeHeader(h) : ""));
  const out = {} as ColumnIndex<K>;
  for (const key of Object.keys(wanted) as K[]) {
    out[key] = -1;
    for (const alias of wanted[key]) {
      const i = normalized.indexOf(alias);
      if (i >= 0) {
        out[key] = i;
        break;
      }
    }
  }
  return out;
}

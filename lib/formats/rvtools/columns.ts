/**
 * RVTools column names by meaning. Versions differ (4.x "Total disk capacity
 * MiB", "Capacity MiB", "Size MiB"; 3.x "Total disk capacity MB", "Capacity
 * MB", "Size MB", "HW Version"), and some tools and CSV exports use RVTools's
 * internal names ("vInfoVMName", "vInfoCPUs", "vInfoNumVirtualDisks",
 * "vDiskCapacityMiB", "VInfoVersion"), so headers are compared lower case with
 * everything but letters and digits removed. RVTools's "MB" columns hold
 * binary megabytes: 4.0 renamed them "MiB" without changing the values.
 * "Provisioned MiB/MB" is deliberately NOT a disk total: it adds the swap
 * file and snapshots to the disks.
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
  disks: ["disks", "vinfodisks", "vinfonumvirtualdisks", "numdisks"],
  totalDiskMiB: ["totaldiskcapacitymib", "totaldiskcapacitymb", "vinfototaldiskcapacitymib", "vinfototaldiskcapacity"],
  firmware: ["firmware", "vinfofirmware"],
  hwVersion: ["hwversion", "hardwareversion", "vmversion", "vinfohwversion", "vinfoversion"],
  osConfig: ["osaccordingtotheconfigurationfile", "vinfoos", "vinfoosconfig", "os", "guestos"],
  osTools: ["osaccordingtothevmwaretools", "vinfoostools"],
  host: ["host", "vinfohost"],
  cluster: ["cluster", "vinfocluster"],
  datacenter: ["datacenter", "vinfodatacenter"],
  dnsName: ["dnsname", "vinfoguesthostname"],
  primaryIp: ["primaryipaddress", "vinfoprimaryipaddress", "vinfoprimaryip", "ipaddress"],
  vmUuid: ["vmuuid", "vinfouuid", "uuid"],
  sdkUuid: ["visdkuuid"],
  smbiosUuid: ["smbiosuuid", "biosuuid"],
  vmId: ["vmid"],
  path: ["path", "vinfopath", "vmpath"],
  logDirectory: ["logdirectory"],
  snapshotDirectory: ["snapshotdirectory"],
  suspendDirectory: ["suspenddirectory"],
  annotation: ["annotation", "vinfoannotation", "vinfonotes", "notes"],
  folder: ["folder", "vinfofolder"],
  resourcePool: ["resourcepool", "vinforesourcepool"],
  vapp: ["vapp"],
  sdkServer: ["visdkserver", "vinfovisdkserver"],
} as const;

export const VDISK_COLUMNS = {
  vm: ["vm", "vmname", "vdiskvmname"],
  vmUuid: ["vmuuid"],
  disk: ["disk", "disklabel", "vdiskname"],
  capacityMiB: ["capacitymib", "capacitymb", "vdiskcapacitymib", "vdiskcapacity"],
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
  network: ["network", "portgroup", "vnetworkname", "vnetworknetwork"],
  mac: ["macaddress", "mac", "vnetworkmacaddress"],
  ipv4: ["ipv4address", "ipaddress", "vnetworkipv4address"],
  ipv6: ["ipv6address"],
  switchName: ["switch"],
} as const;

export const VCPU_COLUMNS = {
  vm: ["vm", "vmname", "vcpuvmname"],
  vmUuid: ["vmuuid", "vcpuuuid"],
  sockets: ["sockets", "vcpusockets"],
  coresPerSocket: ["coresps", "corespersocket", "vcpucorespersocket", "cores"],
} as const;

export const VMEMORY_COLUMNS = {
  vm: ["vm", "vmname", "vmemoryvmname"],
  vmUuid: ["vmuuid", "vmemoryuuid"],
  sizeMiB: ["sizemib", "sizemb", "vmemorysizemib", "memory"],
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

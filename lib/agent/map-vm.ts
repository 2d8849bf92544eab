import { isOwnKey, ownValue } from "@/lib/own-key";
import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import type { VmContext } from "@/lib/vm/context";
import { stripControlCharsDeep } from "@/lib/text/control-chars";
import { blankVm, normalizedVmSchema, type Disk, type DiskBus, type Nic, type NormalizedVm, type Utilization } from "@/lib/vm/model";
import { resolveHypervisor } from "@/lib/taxonomy/hypervisors";
import { guestFamilyFromId } from "./guest-family";
import type { AboutInfo, MoRef, ObjectContent } from "./vim";
import { boolAt, child, children, intAt, isObject, text, textAt, xsiType, type XmlNode } from "./xml";

/** VirtualMachine properties the agent reads; nothing else is ever requested. */
export const VM_PROPERTIES = [
  "name",
  "config.template",
  "config.hardware",
  "config.guestId",
  "config.guestFullName",
  "config.version",
  "config.firmware",
  "config.uuid",
  "config.instanceUuid",
  "config.files.vmPathName",
  "runtime.host",
  "runtime.powerState",
  "summary.runtime.maxCpuUsage",
  "summary.quickStats",
] as const;

/** HostSystem properties: hardware for the context, product for the hypervisor version. */
export const HOST_PROPERTIES = [
  "name",
  "summary.hardware.vendor",
  "summary.hardware.model",
  "summary.hardware.cpuModel",
  "summary.config.product.name",
  "summary.config.product.version",
] as const;

export interface HostFacts {
  name: string | null;
  vendor: string | null;
  model: string | null;
  cpuModel: string | null;
  productName: string | null;
  productVersion: string | null;
}

export function mapHost(o: ObjectContent): HostFacts {
  const t = (p: string) => text(o.props.get(p));
  return {
    name: t("name"),
    vendor: t("summary.hardware.vendor"),
    model: t("summary.hardware.model"),
    cpuModel: t("summary.hardware.cpuModel"),
    productName: t("summary.config.product.name"),
    productVersion: t("summary.config.product.version"),
  };
}

export interface MapEnv {
  about: AboutInfo;
  /** The VM's host, when it could be read. */
  host: HostFacts | null;
  /** Name of a distributed port group by its key, when known. */
  portgroupName: (key: string) => string | null;
}

/** The host hardware and usage facts that go with a VM (a partial VmContext). */
export type VmContextFacts = Pick<VmContext, "hostVendor" | "hostModel" | "hostCpuModel" | "cpuAvgPct" | "memoryPct">;

export type MappedVm =
  | { ok: true; parsed: ParsedVm; context: VmContextFacts }
  | { ok: false; reason: string; name: string | null };

const CONTROLLER_BUS: Record<string, DiskBus> = {
  VirtualIDEController: "ide",
  VirtualLsiLogicController: "scsi",
  VirtualLsiLogicSASController: "scsi",
  ParaVirtualSCSIController: "scsi",
  VirtualBusLogicController: "scsi",
  VirtualSCSIController: "scsi",
  VirtualAHCIController: "sata",
  VirtualSATAController: "sata",
  VirtualNVMEController: "nvme",
  VirtualUSBController: "usb",
  VirtualUSBXHCIController: "usb",
};

const NIC_MODEL: Record<string, string> = {
  VirtualVmxnet3: "vmxnet3",
  VirtualVmxnet3Vrdma: "vmxnet3-vrdma",
  VirtualVmxnet2: "vmxnet2",
  VirtualVmxnet: "vmxnet",
  VirtualE1000: "e1000",
  VirtualE1000e: "e1000e",
  VirtualPCNet32: "vlance",
  VirtualSriovEthernetCard: "sriov",
};

const GIB = 1024 ** 3;

function propText(o: ObjectContent, name: string): string | null {
  return text(o.props.get(name));
}

function propNode(o: ObjectContent, name: string): XmlNode | undefined {
  return o.props.get(name);
}

function nonEmpty(s: string | null): string | null {
  return s && s.trim() ? s.trim() : null;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function pct(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0 || part < 0) return null;
  return Math.min(100, Math.round((part / whole) * 1000) / 10);
}

/** quickStats as labelled samples: overallCpuUsage of maxCpuUsage (MHz), guestMemoryUsage (active guest MB) of configured. */
export function quickStatsSamples(stats: XmlNode | undefined, maxCpuMhz: number | null, memoryMB: number): Utilization[] {
  const out: Utilization[] = [];
  const cpu = pct(intAt(stats, "overallCpuUsage"), maxCpuMhz);
  const mem = pct(intAt(stats, "guestMemoryUsage"), memoryMB);
  if (cpu !== null) out.push({ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "vcenter", value: cpu });
  if (mem !== null) out.push({ metric: "mem.active.pct", statistic: "sample", window: null, source: "vcenter", value: mem });
  return out;
}

function pushUnique(list: string[], value: string | null): void {
  const v = nonEmpty(value);
  if (v && !list.includes(v)) list.push(v);
}

/** Disk files named in a backing, including the parent chain of snapshots. */
function collectBackingPaths(backing: XmlNode | undefined, facts: IdentifyingFacts, depth = 0): void {
  if (backing === undefined || depth > 32) return;
  pushUnique(facts.paths, textAt(backing, "fileName"));
  pushUnique(facts.uuids, textAt(backing, "uuid"));
  // A CD-ROM's host device or a raw disk's LUN path.
  pushUnique(facts.paths, textAt(backing, "deviceName"));
  collectBackingPaths(child(backing, "parent"), facts, depth + 1);
}

function mapDisk(dev: XmlNode, controllers: Map<number, string>, facts: IdentifyingFacts): Disk {
  const bytes = intAt(dev, "capacityInBytes");
  const kb = intAt(dev, "capacityInKB");
  // capacityInBytes (API 5.5+) is exact; older servers only send capacityInKB.
  const size = bytes !== null && bytes > 0 ? bytes / GIB : kb !== null && kb >= 0 ? (kb * 1024) / GIB : null;
  const controllerKey = intAt(dev, "controllerKey");
  const controllerType = controllerKey !== null ? controllers.get(controllerKey) : undefined;
  const bus: DiskBus | null = controllerType === undefined ? null : ownValue(CONTROLLER_BUS, controllerType) ?? "other";
  const backing = child(dev, "backing");
  const thin = boolAt(backing, "thinProvisioned");
  const backingType = xsiType(backing);
  collectBackingPaths(backing, facts);
  let provisioning: Disk["provisioning"] = thin === true ? "thin" : thin === false ? "thick" : null;
  // Sparse and SE-sparse backings grow on demand, which is what "thin" means to a reader.
  if (provisioning === null && backingType && /Sparse/i.test(backingType)) provisioning = "thin";
  return { sizeGiB: size === null ? null : round3(size), bus, provisioning };
}

function nicNetwork(dev: XmlNode, env: MapEnv): string | null {
  const backing = child(dev, "backing");
  const deviceName = nonEmpty(textAt(backing, "deviceName"));
  if (deviceName) return deviceName;
  const pgKey = nonEmpty(textAt(backing, "port.portgroupKey"));
  if (pgKey) {
    // A distributed port group has no name in the backing; fall back to its key so "same network" still holds.
    return env.portgroupName(pgKey) ?? pgKey;
  }
  const opaque = nonEmpty(textAt(backing, "opaqueNetworkId"));
  if (opaque) return opaque;
  return nonEmpty(textAt(dev, "deviceInfo.summary"));
}

/** Every distributed port group key that the VM's NICs use, so names can be fetched in one call per page. */
export function portgroupKeys(o: ObjectContent): string[] {
  const hw = propNode(o, "config.hardware");
  const out: string[] = [];
  for (const dev of children(hw, "device")) {
    const key = nonEmpty(textAt(dev, "backing.port.portgroupKey"));
    if (key && !out.includes(key)) out.push(key);
  }
  return out;
}

export function hostRef(o: ObjectContent): MoRef | null {
  const v = propNode(o, "runtime.host");
  if (!isObject(v)) return null;
  const type = v["@_type"];
  const value = v["#text"];
  return typeof type === "string" && typeof value === "string" && value ? { type, value } : null;
}

function hypervisorOf(env: MapEnv): NormalizedVm["hypervisor"] {
  let name: string | null = null;
  let version: string | null = null;
  if (env.host?.productName) {
    name = env.host.productName;
    version = env.host.productVersion;
  } else {
    name = env.about.name;
    version = env.about.version;
  }
  if (!name) return { vendor: "vmware", product: null, version: null };
  const resolved = resolveHypervisor(`${name} ${version ?? ""}`.trim());
  return {
    vendor: "vmware",
    product: (resolved?.product ?? name).slice(0, 128),
    version: (resolved?.version ?? version)?.slice(0, 64) ?? null,
  };
}

/**
 * One VirtualMachine's properties -> a ParsedVm (normalized, not yet
 * redacted) plus the host and usage facts. Templates and VMs whose
 * configuration could not be read are refused with a reason.
 */
export function mapVm(o: ObjectContent, env: MapEnv): MappedVm {
  const name = nonEmpty(propText(o, "name"));
  if (propText(o, "config.template") === "true") return { ok: false, reason: "is a template", name };
  const hw = propNode(o, "config.hardware");
  if (hw === undefined) {
    const why = o.missing.get("config.hardware") ?? o.missing.get("config") ?? "";
    return { ok: false, reason: `has no readable configuration${why ? ` (${why})` : ""}`, name };
  }

  const facts = emptyIdentifying();
  pushUnique(facts.hostnames, name);
  pushUnique(facts.hostnames, env.host?.name ?? null);
  pushUnique(facts.uuids, propText(o, "config.uuid"));
  pushUnique(facts.uuids, propText(o, "config.instanceUuid"));
  pushUnique(facts.paths, propText(o, "config.files.vmPathName"));

  const vm = blankVm("vcenter");
  vm.name = name;
  vm.hypervisor = hypervisorOf(env);
  vm.hardwareVersion = nonEmpty(propText(o, "config.version"));
  const firmware = propText(o, "config.firmware");
  vm.firmware = firmware === "efi" || firmware === "bios" ? firmware : null;
  const guestId = nonEmpty(propText(o, "config.guestId"));
  vm.guestOs = { id: guestId, family: guestFamilyFromId(guestId), name: nonEmpty(propText(o, "config.guestFullName")) };

  const numCpu = intAt(hw, "numCPU");
  const cores = intAt(hw, "numCoresPerSocket");
  const memoryMB = intAt(hw, "memoryMB");
  if (numCpu === null || numCpu < 1 || memoryMB === null || memoryMB < 1) {
    return { ok: false, reason: "has no CPU count or memory size in its configuration", name };
  }
  vm.cpu = { vcpus: numCpu, coresPerSocket: cores !== null && cores > 0 ? cores : null };
  vm.memoryMiB = memoryMB;

  const devices = children(hw, "device");
  const controllers = new Map<number, string>();
  for (const dev of devices) {
    const type = xsiType(dev);
    const key = intAt(dev, "key");
    if (type && key !== null && (type.endsWith("Controller") || ownValue(CONTROLLER_BUS, type))) controllers.set(key, type);
  }
  const disks: Disk[] = [];
  const nics: Nic[] = [];
  for (const dev of devices) {
    const type = xsiType(dev) ?? "";
    if (type === "VirtualDisk") {
      disks.push(mapDisk(dev, controllers, facts));
    } else if (isOwnKey(NIC_MODEL, type) || child(dev, "macAddress") !== undefined) {
      const network = nicNetwork(dev, env);
      pushUnique(facts.macs, textAt(dev, "macAddress"));
      pushUnique(facts.networks, network);
      nics.push({ model: ownValue(NIC_MODEL, type) ?? (type.replace(/^Virtual/, "").toLowerCase() || null), network });
    } else if (type === "VirtualCdrom" || type === "VirtualFloppy") {
      // Not disks; their ISO or image paths are still identifying.
      collectBackingPaths(child(dev, "backing"), facts);
    }
  }
  vm.disks = disks;
  vm.nics = nics;

  const poweredOn = propText(o, "runtime.powerState") === "poweredOn";
  const stats = propNode(o, "summary.quickStats");
  const maxCpu = Number(propText(o, "summary.runtime.maxCpuUsage") ?? NaN);
  // quickStats is one 20-second reading: a sample, never an average. It stands in until (unless) the snapshot
  // reads the VM's history from PerformanceManager. A powered-off VM's zeros would read as "idle": left out.
  if (poweredOn) vm.utilization = quickStatsSamples(stats, Number.isFinite(maxCpu) ? maxCpu : null, memoryMB);

  const checked = normalizedVmSchema.safeParse(stripControlCharsDeep(vm));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, reason: `has a configuration outside the supported range (${issue.path.join(".")}: ${issue.message})`, name };
  }

  const context: VmContextFacts = {
    hostVendor: nonEmpty(env.host?.vendor ?? null)?.slice(0, 80) ?? null,
    hostModel: nonEmpty(env.host?.model ?? null)?.slice(0, 120) ?? null,
    hostCpuModel: nonEmpty(env.host?.cpuModel ?? null)?.replace(/\s+/g, " ").slice(0, 160) ?? null,
    // Averages only come from history (set by the snapshot); a quickStats sample is not one.
    cpuAvgPct: null,
    memoryPct: null,
  };
  return { ok: true, parsed: { vm: checked.data, identifying: facts, origin: o.obj.value }, context };
}

import { AppError } from "@/lib/errors/app-error";
import { asArray, isObject, parseJsonText, pick, type JsonObject } from "@/lib/formats/util/json";
import { decodeText } from "@/lib/formats/util/text";

/**
 * The two JSON shapes vSphere admins export:
 * - govc: `govc vm.info -json` (mo.VirtualMachine objects, Go field names or lowerCamel tags);
 * - rest: the vSphere Automation API `GET /api/vcenter/vm/{vm}` body, or the
 *   older `/rest/vcenter/vm/{vm}` body wrapped in {"value": ...}.
 */
export type VsphereRaw =
  | { kind: "govc"; vms: { vm: JsonObject; path: string }[] }
  | { kind: "rest"; vms: { vm: JsonObject; path: string }[] };

export function readVsphere(data: Uint8Array, fileName: string): VsphereRaw {
  const doc = parseJsonText(decodeText(data), fileName);
  const raw = classifyVsphereJson(doc);
  if (!raw) {
    throw new AppError("parse_error", "JSON is neither govc vm.info output nor a vSphere REST VM description", { file: fileName });
  }
  return raw;
}

export function classifyVsphereJson(doc: unknown): VsphereRaw | null {
  const govcList = pick(doc, "VirtualMachines", "virtualMachines");
  if (govcList !== undefined) {
    return { kind: "govc", vms: asArray(govcList).filter(isObject).map((vm, i) => ({ vm, path: `VirtualMachines[${i}]` })) };
  }
  if (isGovcVm(doc)) return { kind: "govc", vms: [{ vm: doc as JsonObject, path: "$" }] };
  // A VirtualMachineConfigInfo on its own (the vSphere API's `config` property, as govmomi and pyVmomi serialize it).
  if (isConfigInfo(doc)) return { kind: "govc", vms: [{ vm: { config: doc }, path: "$" }] };
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isConfigInfo)) {
    return { kind: "govc", vms: doc.map((config, i) => ({ vm: { config }, path: `[${i}]` })) };
  }
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isGovcVm)) {
    return { kind: "govc", vms: doc.map((vm, i) => ({ vm: vm as JsonObject, path: `[${i}]` })) };
  }
  const unwrapped = pick(doc, "value") ?? doc;
  if (isRestVm(unwrapped)) return { kind: "rest", vms: [{ vm: unwrapped as JsonObject, path: unwrapped === doc ? "$" : "value" }] };
  // GET /api/vcenter/vm lists summaries: name, cpu_count, memory_size_MiB.
  if (Array.isArray(unwrapped) && unwrapped.length > 0 && unwrapped.every(isRestSummary)) {
    return { kind: "rest", vms: unwrapped.map((vm, i) => ({ vm: vm as JsonObject, path: `[${i}]` })) };
  }
  return null;
}

function isGovcVm(v: unknown): boolean {
  const config = pick(v, "Config", "config");
  return isObject(config) && (pick(config, "Hardware", "hardware") !== undefined || pick(config, "GuestId", "guestId") !== undefined);
}

function isConfigInfo(v: unknown): boolean {
  if (!isObject(v) || !isObject(pick(v, "Hardware", "hardware"))) return false;
  return pick(v, "_typeName") === "VirtualMachineConfigInfo" || pick(v, "GuestId", "guestId") !== undefined;
}

function isRestVm(v: unknown): boolean {
  return isObject(v) && isObject(pick(v, "cpu")) && isObject(pick(v, "memory")) && (pick(v, "guest_OS", "guest_os") !== undefined || isObject(pick(v, "hardware")));
}

function isRestSummary(v: unknown): boolean {
  return isObject(v) && pick(v, "cpu_count") !== undefined && pick(v, "memory_size_MiB", "memory_size_mib") !== undefined;
}

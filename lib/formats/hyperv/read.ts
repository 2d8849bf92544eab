import { AppError } from "@/lib/errors/app-error";
import { asArray, isObject, parseJsonText, pick, type JsonObject } from "@/lib/formats/util/json";
import { decodeText } from "@/lib/formats/util/text";

/**
 * `Get-VM | Select-Object ... | ConvertTo-Json -Depth N`: one object for one
 * VM, an array for several. Kept as the JSON objects themselves: PowerShell
 * writes enums as numbers or names and nested objects as type-name strings
 * when -Depth was too small, so the mapping reads fields defensively.
 */
export interface HypervRaw {
  vms: JsonObject[];
}

export function readHyperv(data: Uint8Array, fileName: string): HypervRaw {
  const doc = parseJsonText(decodeText(data), fileName);
  // Some exports wrap the list as {"value": [...], "Count": n} (PowerShell 5 pipeline objects).
  const list = Array.isArray(doc) ? doc : isObject(doc) && Array.isArray(pick(doc, "value")) ? asArray(pick(doc, "value")) : [doc];
  const vms = list.filter(isObject);
  if (vms.length === 0 || !vms.every(isHypervVm)) {
    throw new AppError("parse_error", "JSON does not look like Get-VM output (needs ProcessorCount and MemoryStartup or VMId)", { file: fileName });
  }
  return { vms };
}

export function isHypervVm(v: unknown): boolean {
  return isObject(v) && pick(v, "ProcessorCount") !== undefined && (pick(v, "MemoryStartup") !== undefined || pick(v, "VMId", "VMID") !== undefined);
}

import { MAX_CONFIG_BYTES, type ParseInput } from "@/lib/formats/types";
import { type ParseResult } from "@/lib/vm/parsed";
import { defineParser } from "@/lib/formats/util/define-parser";
import { mapVsphere } from "./map";
import { readVsphere } from "./read";

function sniff(input: ParseInput): number {
  const head = new TextDecoder().decode(input.data.subarray(0, 65536));
  if (!/^\s*[[{]/.test(head.replace(/^\uFEFF/, ""))) return 0;
  if (/"virtualMachines"\s*:/i.test(head) && /"(config|hardware)"/i.test(head)) return 0.95;
  if (/"guest_OS"|"guest_os"/.test(head) && /"size_MiB"|"size_mib"|"cores_per_socket"/.test(head)) return 0.95;
  if (/"GuestId"|"guestId"/.test(head) && /"NumCPU"|"numCPU"|"MemoryMB"|"memoryMB"/.test(head)) return 0.85;
  if (/"memory_size_MiB"/.test(head) && /"cpu_count"/.test(head)) return 0.7;
  return 0;
}

function parse(input: ParseInput): ParseResult {
  const raw = readVsphere(input.data, input.fileName);
  const warnings: string[] = [];
  const vms = mapVsphere(raw, input.fileName, warnings);
  if (vms.length === 0) warnings.push(`${input.fileName}: the JSON lists no virtual machines`);
  return { vms, warnings };
}

export const vsphereJsonParser = defineParser({
  format: "vsphere-json",
  label: "vSphere JSON (govc vm.info, vSphere REST API)",
  extensions: [".json"],
  // govc output of many VMs is larger than a single config; allow the workbook cap's share.
  limit: { bytes: MAX_CONFIG_BYTES * 16, message: `vSphere JSON is at most ${MAX_CONFIG_BYTES * 16} bytes` },
  reads: "the vSphere JSON",
  sniff,
  parse,
});

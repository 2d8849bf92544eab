import { AppError } from "@/lib/errors/app-error";
import type { ParseInput } from "@/lib/formats/types";
import { defineParser } from "@/lib/formats/util/define-parser";
import type { ParseResult } from "@/lib/vm/parsed";
import { decodeText } from "@/lib/formats/util/text";
import { readVmx } from "./read";
import { mapVmx } from "./map";

const SIGNATURE_KEYS = /^\s*(config\.version|virtualhw\.version|displayname|guestos|memsize|numvcpus|\.encoding|scsi\d+(:\d+)?\.|ethernet\d+\.)/im;

function sniff(input: ParseInput): number {
  const head = decodeText(input.data.subarray(0, 8192));
  const lines = head.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.trim().startsWith("#")).slice(0, 60);
  if (lines.length === 0) return 0;
  const kv = lines.filter((l) => /^\s*[A-Za-z0-9_.:\-]+\s*=\s*"/.test(l)).length;
  const signature = lines.filter((l) => SIGNATURE_KEYS.test(l)).length;
  if (signature === 0) return kv / lines.length > 0.8 ? 0.2 : 0;
  return Math.min(0.95, 0.4 + (0.4 * kv) / lines.length + 0.05 * signature);
}

function parse(input: ParseInput): ParseResult {
  const warnings: string[] = [];
  const raw = readVmx(input.data, input.fileName, warnings);
  // Without a single setting there is no VM in the file at all.
  if (raw.entries.size === 0) throw new AppError("parse_error", "no `key = \"value\"` settings found", { file: input.fileName });
  const parsed = mapVmx(raw, input.fileName, input.companions ?? {}, warnings);
  return { vms: [parsed], warnings };
}

export const vmxParser = defineParser({
  format: "vmx",
  label: "VMware .vmx",
  extensions: [".vmx", ".vmtx"],
  sniff,
  parse,
});

export { readVmx, type VmxRaw } from "./read";
export { parseVmdkDescriptor } from "./vmdk";

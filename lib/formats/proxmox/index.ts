import { MAX_CONFIG_BYTES, type ParseInput } from "@/lib/formats/types";
import { type ParseResult } from "@/lib/vm/parsed";
import { defineParser } from "@/lib/formats/util/define-parser";
import { mapProxmox } from "./map";
import { readProxmox } from "./read";

const TELLTALE_KEYS = /^(ostype|scsihw|vmgenid|smbios1|boot|bootdisk|sockets|cores|net\d+|scsi\d+|virtio\d+|sata\d+|ide\d+|efidisk0|agent|numa|balloon|onboot|meta):/m;

function sniff(input: ParseInput): number {
  const head = new TextDecoder().decode(input.data.subarray(0, 8192));
  if (head.trimStart().startsWith("{") || head.trimStart().startsWith("<")) return 0;
  const hits = head.split(/\r?\n/).filter((l) => TELLTALE_KEYS.test(l)).length;
  if (hits >= 3) return 0.9;
  if (hits >= 1) return 0.4;
  return 0;
}

function parse(input: ParseInput): ParseResult {
  const warnings: string[] = [];
  const raw = readProxmox(input.data, input.fileName, warnings);
  if (raw.sections.length > 0) {
    warnings.push(`${input.fileName}: read the current configuration only; ignored ${raw.sections.map((s) => `[${s}]`).join(", ")}`);
  }
  return { vms: [mapProxmox(raw, input.fileName, warnings)], warnings };
}

export const proxmoxParser = defineParser({
  format: "proxmox",
  label: "Proxmox VE qemu-server config",
  extensions: [".conf"],
  limit: { bytes: MAX_CONFIG_BYTES, message: `a Proxmox config is at most ${MAX_CONFIG_BYTES} bytes` },
  reads: "the Proxmox config",
  sniff,
  parse,
});

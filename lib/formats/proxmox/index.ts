import { AppError, isAppError } from "@/lib/errors/app-error";
import { MAX_CONFIG_BYTES, type FormatParser, type ParseInput } from "@/lib/formats/types";
import { type ParseResult } from "@/lib/vm/parsed";
import { mapProxmox } from "./map";
import { readProxmox } from "./read";

const TELLTALE_KEYS = /^(ostype|scsihw|vmgenid|smbios1|boot|bootdisk|sockets|cores|net\d+|scsi\d+|virtio\d+|sata\d+|ide\d+|efidisk0|agent|numa|balloon|onboot|meta):/m;

export const proxmoxParser: FormatParser = {
  format: "proxmox",
  label: "Proxmox VE qemu-server config",
  extensions: [".conf"],
  sniff(input: ParseInput): number {
    try {
      const head = new TextDecoder().decode(input.data.subarray(0, 8192));
      if (head.trimStart().startsWith("{") || head.trimStart().startsWith("<")) return 0;
      const hits = head.split(/\r?\n/).filter((l) => TELLTALE_KEYS.test(l)).length;
      if (hits >= 3) return 0.9;
      if (hits >= 1) return 0.4;
      return 0;
    } catch {
      return 0;
    }
  },
  parse(input: ParseInput): ParseResult {
    if (input.data.length > MAX_CONFIG_BYTES) {
      throw new AppError("too_large", `a Proxmox config is at most ${MAX_CONFIG_BYTES} bytes`, { file: input.fileName });
    }
    try {
      const warnings: string[] = [];
      const raw = readProxmox(input.data, input.fileName, warnings);
      if (raw.sections.length > 0) {
        warnings.push(`${input.fileName}: read the current configuration only; ignored ${raw.sections.map((s) => `[${s}]`).join(", ")}`);
      }
      return { vms: [mapProxmox(raw, input.fileName, warnings)], warnings };
    } catch (e) {
      if (isAppError(e)) throw e;
      throw new AppError("parse_error", `could not read the Proxmox config: ${e instanceof Error ? e.message : String(e)}`, { file: input.fileName });
    }
  },
};

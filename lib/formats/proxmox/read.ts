import { AppError } from "@/lib/errors/app-error";
import { decodeText } from "@/lib/formats/util/text";

/** One `key: value` line of a qemu-server config, with its line number for messages. */
export interface ProxmoxEntry {
  value: string;
  line: number;
}

/** The current configuration of /etc/pve/qemu-server/<vmid>.conf, before any snapshot section. */
export interface ProxmoxRawConfig {
  /** The `#` lines at the top: the VM's Notes field, free text written by the admin. */
  description: string[];
  entries: Map<string, ProxmoxEntry>;
  /** Names of the sections that follow ([snapshot], [PENDING], [special:cloudinit]); not parsed. */
  sections: string[];
}

const KEY_LINE = /^([a-z][a-z0-9_-]*):\s*(.*)$/i;

export function readProxmox(data: Uint8Array, fileName: string, warnings: string[] = []): ProxmoxRawConfig {
  const lines = decodeText(data).split(/\r?\n/);
  const raw: ProxmoxRawConfig = { description: [], entries: new Map(), sections: [] };
  let inCurrent = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section) {
      // Snapshots and pending changes repeat keys with other values: only the current config counts.
      inCurrent = false;
      raw.sections.push(section[1]);
      continue;
    }
    if (!inCurrent) continue;
    if (line.startsWith("#")) {
      raw.description.push(decodeDescription(line.slice(1)));
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m) {
      warnings.push(`${fileName}, line ${i + 1}: not a "key: value" setting; ignored`);
      continue;
    }
    raw.entries.set(m[1].toLowerCase(), { value: m[2].trim(), line: i + 1 });
  }
  // Without a single setting there is no VM in the file at all.
  if (raw.entries.size === 0) throw new AppError("parse_error", "no configuration keys found", { file: fileName });
  return raw;
}

/** Proxmox percent-encodes some characters of the Notes text when writing it as comments. */
function decodeDescription(text: string): string {
  try {
    return decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, "%25"));
  } catch {
    return text;
  }
}

/** "virtio=BC:24:11:5E:7A:02,bridge=vmbr0,firewall=1" -> ordered key/value pairs; bare items get key "". */
export function splitPropertyString(value: string): [string, string][] {
  return value.split(",").filter((p) => p !== "").map((part) => {
    const eq = part.indexOf("=");
    return eq < 0 ? ["", part.trim()] : [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim()];
  });
}

import { isCompanionSize } from "@/lib/formats/util/companions";
import { binaryRatio, decodeText, splitLines } from "@/lib/formats/util/text";

/** What a .vmdk text descriptor says about its disk. */
export interface VmdkDescriptor {
  sectors: number;
  createType: string | null;
  thinProvisioned: boolean | null;
}

const EXTENT = /^(RW|RDONLY|NOACCESS)\s+(\d+)\s+(FLAT|SPARSE|ZERO|VMFS|VMFSSPARSE|VMFSRDM|VMFSRAW|SESPARSE|VSANSPARSE)\b/i;

/**
 * Reads a text .vmdk descriptor (VMware Virtual Disk Format 1.1, "The Descriptor
 * File"): extent lines give the size in 512-byte sectors. Returns null for
 * anything that is not a descriptor (e.g. a binary sparse extent).
 */
export function parseVmdkDescriptor(data: Uint8Array): VmdkDescriptor | null {
  if (!isCompanionSize(data.length) || binaryRatio(data) > 0.01) return null;
  let sectors = 0;
  let extents = 0;
  let createType: string | null = null;
  let thin: boolean | null = null;
  for (const rawLine of splitLines(decodeText(data))) {
    const line = rawLine.trim();
    const extent = EXTENT.exec(line);
    if (extent) {
      sectors += Number(extent[2]);
      extents++;
      continue;
    }
    const kv = /^([\w.]+)\s*=\s*"?([^"]*)"?\s*$/.exec(line);
    if (!kv) continue;
    const key = kv[1].toLowerCase();
    if (key === "createtype") createType = kv[2];
    if (key === "ddb.thinprovisioned") thin = kv[2].trim() === "1";
  }
  if (extents === 0) return null;
  return { sectors, createType, thinProvisioned: thin };
}

/** Thin when the descriptor says so, or its create type is one of the sparse (grow-on-write) kinds. */
export function vmdkProvisioning(d: VmdkDescriptor): "thin" | "thick" | null {
  if (d.thinProvisioned != null) return d.thinProvisioned ? "thin" : "thick";
  const t = (d.createType ?? "").toLowerCase();
  if (/sparse|streamoptimized|vmfsthin/.test(t)) return "thin";
  if (/flat|^vmfs$|eagerzeroedthick|preallocated|vmfspassthroughrawdevicemap|vmfsrawdevicemap/.test(t)) return "thick";
  return null;
}

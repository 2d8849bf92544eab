import type { Check, CheckFinding, CheckInput, RuleTable } from "./types";
import { compareEsxVersions, identifyVmwareProduct, parseEsxVersion } from "./esx-version";
import { SOURCES } from "./sources";

const GIB = 2 ** 30;
const TIB = 2 ** 40;

/**
 * VMFS-3 addresses at most 2^18 file blocks per file, so the block size sets
 * the largest file; at 8 MB the 2 TB - 512 B ceiling of a virtual disk itself
 * comes first.
 */
export const VMFS3_BLOCKS_PER_FILE = 2 ** 18;
export const VMDK_2TB_LIMIT_BYTES = 2 * TIB - 512;
/** VMFS-5 and VMFS-6 on ESXi 5.5 and later. */
export const VMDK_62TB_LIMIT_BYTES = 62 * TIB;

export const VMFS3_BLOCK_SIZES_MB = [1, 2, 4, 8] as const;

/** Largest virtual disk on a VMFS-3 datastore formatted with this block size, in bytes; null for a size VMFS-3 does not offer. */
export function vmfs3MaxFileBytes(blockSizeMB: number): number | null {
  if (!(VMFS3_BLOCK_SIZES_MB as readonly number[]).includes(blockSizeMB)) return null;
  return Math.min(VMFS3_BLOCKS_PER_FILE * blockSizeMB * 2 ** 20, VMDK_2TB_LIMIT_BYTES);
}

export function formatBytesLimit(bytes: number): string {
  if (bytes === VMDK_2TB_LIMIT_BYTES) return "2 TiB minus 512 bytes";
  if (bytes >= TIB && bytes % TIB === 0) return `${bytes / TIB} TiB`;
  return `${Math.round((bytes / GIB) * 100) / 100} GiB`;
}

function formatGiB(gib: number): string {
  return `${Math.round(gib * 100) / 100} GiB`;
}

const ID = "vmfs-block-size";

function limitFor(input: CheckInput): { bytes: number; why: string } | null {
  const { datastoreType, datastoreVersion, datastoreBlockSizeMB } = input.context;
  if (datastoreType !== "vmfs" || !datastoreVersion) return null;
  const major = Number(/^\s*(?:vmfs-?)?(\d+)/i.exec(datastoreVersion)?.[1]);
  if (major === 3) {
    if (datastoreBlockSizeMB == null) return null;
    const bytes = vmfs3MaxFileBytes(datastoreBlockSizeMB);
    return bytes == null ? null : { bytes, why: `a VMFS-3 datastore with ${datastoreBlockSizeMB} MB blocks` };
  }
  if (major === 5 || major === 6) {
    // Before ESXi 5.5 a virtual disk stayed under 2 TB even on VMFS-5.
    const host = identifyVmwareProduct(input.vm.hypervisor.product) === "esx" ? parseEsxVersion(input.vm.hypervisor.version) : null;
    if (host && compareEsxVersions(host, { major: 5, minor: 5, update: 0 }) < 0) {
      return { bytes: VMDK_2TB_LIMIT_BYTES, why: `a VMFS-${major} datastore on ESXi ${host.major}.${host.minor} (before 5.5)` };
    }
    return { bytes: VMDK_62TB_LIMIT_BYTES, why: `a VMFS-${major} datastore` };
  }
  return null;
}

function run(input: CheckInput): CheckFinding[] {
  const limit = limitFor(input);
  if (!limit) return [];
  const findings: CheckFinding[] = [];
  input.vm.disks.forEach((disk, i) => {
    if (disk.sizeGiB == null || disk.sizeGiB * GIB <= limit.bytes) return;
    const n = i + 1;
    findings.push({
      checkId: ID,
      severity: "problem",
      title: `Disk ${n} (${formatGiB(disk.sizeGiB)}) is larger than ${limit.why} allows`,
      explanation: `Disk ${n} is ${formatGiB(disk.sizeGiB)}, but the largest file on ${limit.why} is ${formatBytesLimit(limit.bytes)}. Creating or growing the disk fails, and vSphere reports it with a confusing "Insufficient disk space on datastore" message even when the datastore has free space.`,
      action: input.context.datastoreVersion?.trim().replace(/^vmfs-?/i, "") === "3"
        ? `Place the disk on a datastore with a larger block size or on VMFS-5/6 (Storage vMotion to a new datastore; an in-place upgrade keeps the old block size), or split the data across disks no larger than ${formatBytesLimit(limit.bytes)}.`
        : `Keep the disk at or under ${formatBytesLimit(limit.bytes)}, or upgrade the host so larger disks are allowed.`,
      source: limit.bytes === VMDK_62TB_LIMIT_BYTES ? SOURCES.vmdk62tb : SOURCES.vmfsMaximums41,
    });
  });
  return findings;
}

const table: RuleTable = {
  title: "Largest virtual disk per datastore",
  columns: ["Datastore", "Block size", "Largest virtual disk"],
  rows: [
    ...VMFS3_BLOCK_SIZES_MB.map((b) => ["VMFS-3", `${b} MB`, formatBytesLimit(vmfs3MaxFileBytes(b)!)]),
    ["VMFS-5 / VMFS-6 (ESXi before 5.5)", "1 MB", formatBytesLimit(VMDK_2TB_LIMIT_BYTES)],
    ["VMFS-5 / VMFS-6 (ESXi 5.5 and later)", "1 MB", formatBytesLimit(VMDK_62TB_LIMIT_BYTES)],
  ],
};

export const vmfsBlockSizeCheck: Check = {
  id: ID,
  title: "VMFS block size and the largest virtual disk",
  summary:
    "On VMFS-3 the block size chosen when the datastore was formatted bounds the largest file, so each virtual disk larger than that bound is a problem: creating it fails with \"Insufficient disk space on datastore\". VMFS-5 and VMFS-6 allow virtual disks up to 62 TB (2 TB minus 512 bytes on hosts before ESXi 5.5). Runs when the contribution gives the datastore type (VMFS), its version and, for VMFS-3, its block size.",
  sources: [SOURCES.vmfsMaximums41, SOURCES.vmfsBlockSizeArticle, SOURCES.vmdk62tb],
  tables: [table],
  run,
};

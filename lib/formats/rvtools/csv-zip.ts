import { AppError } from "@/lib/errors/app-error";
import type { ZipArchive } from "./zip";

/** The tabs vmcompare reads; vInfo alone is required. */
export const RVTOOLS_TABS = ["vInfo", "vCPU", "vMemory", "vDisk", "vNetwork", "vMetaData"] as const;
export type RvtoolsTab = (typeof RVTOOLS_TABS)[number];

/**
 * The 27 tabs of an RVTools 4.x export, in the order RVTools writes them
 * (vMetaData, with the RVTools version, last).
 */
export const RVTOOLS_ALL_TABS = [
  "vInfo", "vCPU", "vMemory", "vDisk", "vPartition", "vNetwork", "vCD", "vUSB", "vSnapshot", "vTools", "vSource", "vRP",
  "vCluster", "vHost", "vHBA", "vNIC", "vSwitch", "vPort", "dvSwitch", "dvPort", "vSC_VMK", "vDatastore", "vMultiPath",
  "vLicense", "vFileInfo", "vHealth", "vMetaData",
] as const;

/** "RVTools_tabvInfo.csv", "export/RVTools_tabvDisk.csv", "vInfo.csv" -> the tab, or null. */
export function csvTabOf(entryName: string): RvtoolsTab | null {
  const base = entryName.split(/[\\/]/).pop() ?? "";
  const m = /^(?:.*tab)?([a-z_]+)\.csv$/i.exec(base);
  if (!m) return null;
  return RVTOOLS_TABS.find((t) => t.toLowerCase() === m[1].toLowerCase()) ?? null;
}

/**
 * Entries of a zip that hold RVTools tabs, by tab. One export per zip: two
 * vInfo files (say, two vCenters side by side) are refused rather than one
 * silently dropped.
 */
export function csvTabEntries(zip: ZipArchive): Map<RvtoolsTab, string> {
  const found = new Map<RvtoolsTab, string>();
  for (const name of zip.entries.keys()) {
    if (name.endsWith("/") || /(^|\/)__MACOSX\//.test(name)) continue;
    const tab = csvTabOf(name);
    if (!tab) continue;
    const other = found.get(tab);
    if (other !== undefined) {
      throw new AppError("parse_error", `the zip holds more than one ${tab} CSV (${other}, ${name}); send one RVTools export at a time`, { file: zip.fileName, field: tab });
    }
    found.set(tab, name);
  }
  return found;
}

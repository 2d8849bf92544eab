/**
 * Reading the version strings people and tools write for VMware hosts:
 * "7.0", "7.0 U3", "7.0U2", "7.0 Update 2", "7.0.2", "8.0.2 build-22380479",
 * "6.7.0", "ESXi 6.5 Update 1", "3.5 U3", "3.0.2".
 */
export interface EsxVersion {
  major: number;
  minor: number;
  /** Update number (or the point release for ESX 3.0.x); 0 for the first release. */
  update: number;
  /**
   * False when the text does not say which update: "6.7.0" (hosts before 7.0
   * report x.y.0 for every update) or a bare "7.0".
   */
  updateKnown: boolean;
}

export type VmwareProductLine = "esx" | "vmware-server" | "gsx";

const VERSION_RE = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/;
const UPDATE_RE = /(?:\bu|update)\s*(\d+)/i;

export function parseEsxVersion(text: string | null | undefined): EsxVersion | null {
  if (!text) return null;
  // "ESX Server 3i 3.5": the "3i" is a product name, not the version.
  text = text.replace(/\b\d+i\b/gi, " ");
  const m = VERSION_RE.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  const minor = m[2] != null ? Number(m[2]) : 0;
  if (!Number.isFinite(major) || major < 1 || major > 99) return null;
  // "7.0U2" has no word boundary before the U, so look at what follows the number.
  const rest = text.slice(m.index + m[0].length);
  const explicit = /^\s*(?:u|update)\s*(\d+)/i.exec(rest) ?? UPDATE_RE.exec(rest);
  if (explicit) return { major, minor, update: Number(explicit[1]), updateKnown: true };
  if (m[3] != null) {
    const third = Number(m[3]);
    // From 7.0 on, the third number is the update ("7.0.2" = 7.0 U2); before
    // that every update of 6.7 reports "6.7.0", so a zero there proves nothing.
    if (major >= 7 || third > 0) return { major, minor, update: third, updateKnown: true };
  }
  return { major, minor, update: 0, updateKnown: false };
}

/** Orders versions; an unknown update counts as the first release. */
export function compareEsxVersions(
  a: Pick<EsxVersion, "major" | "minor" | "update">,
  b: Pick<EsxVersion, "major" | "minor" | "update">,
): number {
  return a.major - b.major || a.minor - b.minor || a.update - b.update;
}

export function sameRelease(a: Pick<EsxVersion, "major" | "minor">, b: Pick<EsxVersion, "major" | "minor">): boolean {
  return a.major === b.major && a.minor === b.minor;
}

export function formatEsxVersion(v: Pick<EsxVersion, "major" | "minor" | "update"> & { updateKnown?: boolean }): string {
  const base = `${v.major}.${v.minor}`;
  if (v.update === 0 || v.updateKnown === false) return base;
  // ESX 3.0.x releases were numbered, not called updates.
  if (v.major === 3 && v.minor === 0) return `${base}.${v.update}`;
  return `${base} U${v.update}`;
}

/** Which VMware product line a hypervisor product name belongs to, or null when it is not one we have rules for. */
export function identifyVmwareProduct(product: string | null | undefined): VmwareProductLine | null {
  if (!product) return null;
  const p = product.toLowerCase();
  // vCenter's version is not the version of the hosts it manages.
  if (/\bvcenter\b/.test(p)) return null;
  if (/\bgsx\b/.test(p)) return "gsx";
  if (/\besxi?\b/.test(p) || /\bvsphere\b/.test(p)) return "esx";
  if (/\bvmware\s+server\b/.test(p)) return "vmware-server";
  return null;
}

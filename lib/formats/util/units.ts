const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

/**
 * The one rounding rule for sizes in GiB, whatever the format: 3 decimals, so a size given in whole MiB
 * (VMware, Proxmox and RVTools all allocate in MiB or finer) keeps its value to the MiB, and float noise goes.
 */
export function bytesToGiB(bytes: number): number {
  return Math.round((bytes / GIB) * 1000) / 1000;
}

export function mibToGiB(mib: number): number {
  return bytesToGiB(mib * MIB);
}

export function bytesToMiB(bytes: number): number {
  return Math.round(bytes / MIB);
}

/**
 * Bytes per unit for the spellings seen in OVF allocation units ("byte * 2^20",
 * "MegaBytes", "byte*1024*1024") and libvirt's unit attribute ("KiB", "G", "bytes").
 * libvirt documents "KB" as 1000 and "KiB"/"k" as 1024; OVF's "KiloBytes" is 1024
 * by CIM convention (DSP0004 Annex C, programmatic units). Returns null if unknown.
 */
export function unitMultiplier(unit: string | null | undefined, decimalSi: boolean): number | null {
  if (unit == null) return null;
  const u = unit.replace(/\s+/g, "").toLowerCase();
  if (u === "") return null;
  const prog = /^byte((?:\*\d+(?:\^\d+)?)*)$/.exec(u);
  if (prog) {
    let m = 1;
    for (const factor of prog[1].split("*").filter(Boolean)) {
      const [base, exp] = factor.split("^");
      const v = Math.pow(Number(base), exp === undefined ? 1 : Number(exp));
      if (!Number.isFinite(v)) return null;
      m *= v;
    }
    return m;
  }
  const named: Record<string, number> = {
    b: 1, byte: 1, bytes: 1,
    k: 1024, kib: 1024, kilobytes: 1024, kilobyte: 1024,
    m: MIB, mib: MIB, megabytes: MIB, megabyte: MIB,
    g: GIB, gib: GIB, gigabytes: GIB, gigabyte: GIB,
    t: GIB * 1024, tib: GIB * 1024, terabytes: GIB * 1024, terabyte: GIB * 1024,
  };
  const si: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  if (u in named) return named[u];
  if (u in si) return decimalSi ? si[u] : named[u.replace("b", "ib")] ?? null;
  return null;
}

/** A non-negative integer written in decimal, or null (rejects "", "1e3", "0x10", "-1"). */
export function parseCount(value: string | null | undefined): number | null {
  if (value == null) return null;
  const v = value.trim();
  if (!/^\d{1,15}$/.test(v)) return null;
  return Number(v);
}

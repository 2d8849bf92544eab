import type { GuestFamily } from "@/lib/vm/model";

/**
 * Family of a CIM_OperatingSystem.OSType number (the ovf:id of an
 * OperatingSystemSection, DMTF DSP0004/CIM schema ValueMap). Only the values
 * whose family is unambiguous are listed; e.g. 94 = "Ubuntu 64-Bit",
 * 103 = "Microsoft Windows Server 2008 R2", 78 = "FreeBSD 64-Bit".
 */
const RANGES: [number, number, GuestFamily][] = [
  [1, 1, "other"], [2, 2, "macos"], [16, 19, "windows"], [29, 30, "solaris"], [36, 36, "linux"],
  [41, 43, "bsd"], [58, 58, "windows"], [63, 63, "windows"], [65, 65, "bsd"], [67, 67, "windows"],
  [69, 77, "windows"], [78, 78, "bsd"], [79, 80, "linux"], [81, 81, "solaris"], [82, 101, "linux"],
  [102, 102, "other"], [103, 103, "windows"], [104, 104, "other"], [105, 105, "windows"],
  [106, 109, "linux"], [111, 121, "windows"],
];

export function cimOsFamily(id: string | null): GuestFamily | null {
  if (id == null || !/^\d+$/.test(id)) return null;
  const n = Number(id);
  return RANGES.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? null;
}

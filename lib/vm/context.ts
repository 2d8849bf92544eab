import { z } from "zod";
import { lineText } from "@/lib/text/control-chars";

/** Optional facts about where a contributed VM runs. Every field may be left out. */
export const ENVIRONMENTS = ["production", "test", "development"] as const;
export const INDUSTRIES = [
  "finance", "healthcare", "government", "education", "retail", "manufacturing",
  "technology", "telecom", "energy", "media", "hospitality", "transport", "nonprofit", "other",
] as const;
export const ORG_SIZES = ["1-99", "100-999", "1000-9999", "10000+"] as const;
export const DATASTORE_TYPES = ["vmfs", "nfs", "vsan", "vvol", "local", "iscsi", "fc", "ceph", "smb", "zfs", "lvm", "other"] as const;

export type Environment = (typeof ENVIRONMENTS)[number];
export type Industry = (typeof INDUSTRIES)[number];
export type OrgSize = (typeof ORG_SIZES)[number];
export type DatastoreType = (typeof DATASTORE_TYPES)[number];

const pct = z.number().min(0).max(100);

export const contextSchema = z.object({
  environment: z.enum(ENVIRONMENTS).nullable().default(null),
  industry: z.enum(INDUSTRIES).nullable().default(null),
  organizationSize: z.enum(ORG_SIZES).nullable().default(null),
  hostVendor: lineText(80, { trim: true }).nullable().default(null).describe("Host server vendor, e.g. Dell"),
  hostModel: lineText(120, { trim: true }).nullable().default(null).describe("Host server model, e.g. PowerEdge R750"),
  hostCpuModel: lineText(160, { trim: true }).nullable().default(null),
  datastoreType: z.enum(DATASTORE_TYPES).nullable().default(null),
  datastoreVersion: lineText(20, { trim: true }).nullable().default(null).describe('e.g. "3", "5", "6" for VMFS'),
  datastoreBlockSizeMB: z.number().int().min(1).max(64).nullable().default(null).describe("VMFS block size in MB"),
  cpuAvgPct: pct.nullable().default(null),
  cpuPeakPct: pct.nullable().default(null),
  memoryPct: pct.nullable().default(null),
  /**
   * Zones the VM's networks reached, judged from the network names at upload
   * time before they were redacted (see lib/vm/network-role.ts).
   */
  networkRoles: z.array(z.enum(["management", "service-console", "vmotion", "storage"])).max(8).default([]),
});

export type VmContext = z.infer<typeof contextSchema>;

export function emptyContext(): VmContext {
  return contextSchema.parse({});
}

import { z } from "zod";
import { privateCompareSchema } from "@/lib/compare/private-input";
import { PRIVATE_DEFAULTS } from "./from-comparison";

/**
 * What a report is made from: the body of POST /api/v1/reports, and what the
 * download routes build from their path and query.
 */
// The same limit as the /compare page, so every side-by-side view can be exported.
export { MAX_SIDE_BY_SIDE } from "@/lib/compare/side-by-side";
import { MAX_SIDE_BY_SIDE } from "@/lib/compare/side-by-side";
export const REPORT_FORMATS = ["csv", "json", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const vmId = z.string().regex(/^[a-z0-9]{4,40}$/, "a VM id");

export const privateIncludeSchema = z
  .object({
    values: z.boolean().default(PRIVATE_DEFAULTS.values).describe("Keep the configuration's own numbers (vCPUs, memory, disk)"),
    configuration: z.boolean().default(PRIVATE_DEFAULTS.configuration).describe("Keep guest OS, hypervisor, firmware, NIC models and hardware version"),
    checks: z.boolean().default(PRIVATE_DEFAULTS.checks).describe("Keep the configuration checks"),
  })
  .default(PRIVATE_DEFAULTS);

export const reportSourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("vm"), id: vmId }),
  z.object({ kind: z.literal("workload"), slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, "an application slug") }),
  z.object({
    kind: z.literal("side-by-side"),
    ids: z.array(vmId).min(1).max(MAX_SIDE_BY_SIDE),
    base: vmId.nullable().default(null),
  }),
  privateCompareSchema.extend({ kind: z.literal("private"), include: privateIncludeSchema }),
]);
export type ReportSource = z.infer<typeof reportSourceSchema>;

/** "abc123.pdf" -> { name: "abc123", format: "pdf" }; null for anything else. */
export function splitReportFile(file: string): { name: string; format: ReportFormat } | null {
  const m = /^([a-z0-9][a-z0-9-]{0,79})\.(csv|json|pdf)$/.exec(file);
  return m ? { name: m[1], format: m[2] as ReportFormat } : null;
}

/** "?ids=a,b&base=a" (ids may also repeat) -> side-by-side source input. */
export function sideBySideFromQuery(params: URLSearchParams): { kind: "side-by-side"; ids: string[]; base: string | null } {
  const ids = params.getAll("ids").flatMap((v) => v.split(",")).map((s) => s.trim()).filter(Boolean);
  return { kind: "side-by-side", ids: [...new Set(ids)], base: params.get("base") || null };
}

import { z } from "zod";
import type { EstateReport } from "@/lib/compare/estate-report";

/**
 * What the estate report's PDF is drawn from, shared by the page (which trims the report it holds) and the
 * route that draws it (which checks it): no pdfkit here, so the page can import it.
 */
/** Rows sent for a PDF at most: the flagged and reclaimable VMs (the page trims the report to those). */
export const PDF_MAX_ROWS = 20_000;

const label = z.string().max(512);
const count = z.number().finite().min(0).max(1e9);
const binSchema = z.object({ label: z.string().max(40), estate: count, community: count, estatePct: z.number().min(0).max(100), communityPct: z.number().min(0).max(100) });

/**
 * What the PDF is drawn from: the estate report trimmed to its totals and to the VMs that are flagged or have
 * capacity to reclaim. Checked field by field, because the page sends it back to be drawn.
 */
export const estatePdfInputSchema = z.object({
  version: z.literal(1),
  generatedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/),
  source: z.enum(["upload", "estate"]),
  problems: z.array(z.string().max(1000)).max(100),
  thresholds: z.object({ targetPct: z.number().min(0).max(100) }),
  totals: z.object({
    vms: count, vcpus: count, memoryGiB: count, diskGiB: count, medianMemoryPerVcpuGiB: count.nullable(), communityVms: count,
    vcpuDistribution: z.array(binSchema).max(64), memoryDistribution: z.array(binSchema).max(64),
    legacyNicVms: count, unsupportedGuestVms: count, withUsage: count,
    flagged: z.object({ oversized: count, undersized: count }),
    reclaimVcpus: count, reclaimGiB: count,
    checks: z.array(z.object({ checkId: z.string().max(100), vms: count })).max(200),
  }),
  rows: z.array(z.object({
    label, app: label.nullable(), vcpus: count, memoryGiB: count,
    cpu: z.object({ value: z.number().finite() }).nullable(),
    flags: z.array(z.enum(["oversized", "undersized"])).max(2),
    reclaimVcpus: count, reclaimGiB: count,
  })).max(PDF_MAX_ROWS),
});
export type EstatePdfInput = z.infer<typeof estatePdfInputSchema>;

/** The part of a report the PDF needs: totals and the flagged or reclaimable VMs. */
export function estatePdfInput(r: EstateReport): EstatePdfInput {
  const { version, generatedAt, source, problems, thresholds, totals } = r;
  return {
    version, generatedAt, source, problems: problems.slice(0, 100), thresholds: { targetPct: thresholds.targetPct }, totals,
    rows: r.rows.filter((x) => x.flags.length > 0 || x.reclaimVcpus > 0 || x.reclaimGiB > 0).slice(0, PDF_MAX_ROWS).map((x) => ({
      label: x.label, app: x.app, vcpus: x.vcpus, memoryGiB: x.memoryGiB, cpu: x.cpu ? { value: x.cpu.value } : null,
      flags: x.flags, reclaimVcpus: x.reclaimVcpus, reclaimGiB: x.reclaimGiB,
    })),
  };
}

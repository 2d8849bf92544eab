import "server-only";
import type { VmComparison } from "@/lib/compare/report-model";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { privateReport, sideBySideReport, vmReport } from "@/lib/reports/from-comparison";
import { workloadReport } from "@/lib/reports/from-workload";
import type { ReportSource } from "@/lib/reports/source";
import { parseReport } from "@/lib/reports/json";
import type { Report } from "@/lib/reports/model";
import type { Db } from "./client";
import { compareUnpublished, getVmComparison } from "./compare";
import { newId } from "./ids";
import { getWorkload } from "./workloads";

/**
 * Frozen reports behind permalinks. The payload is the whole Report as it
 * was computed, so a permalink never drifts as data grows. Ids are 26
 * characters of a 31-letter alphabet (over 128 bits): a private report's
 * link cannot be guessed, and no query here lists reports.
 */
export const REPORT_ID_LENGTH = 26;
export const REPORT_ID = /^[a-z0-9]{26}$/;

export interface StoredReport {
  id: string;
  kind: Report["kind"];
  isPrivate: boolean;
  createdAt: string;
  report: Report;
}

export async function createReport(db: Db, report: Report): Promise<{ id: string }> {
  const id = newId(REPORT_ID_LENGTH);
  await db.prisma.report.create({
    data: {
      id,
      kind: report.kind,
      isPrivate: report.kind === "private",
      payload: report as unknown as Prisma.InputJsonValue,
    },
  });
  return { id };
}

export async function getReport(db: Db, id: string): Promise<StoredReport | null> {
  if (!REPORT_ID.test(id)) return null;
  const row = await db.prisma.report.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind as Report["kind"],
    isPrivate: row.isPrivate,
    createdAt: row.createdAt.toISOString(),
    report: parseReport(row.payload),
  };
}

/**
 * Builds a live report from its source (the numbers as of now). Null when the
 * VM or workload does not exist; a side-by-side needs every VM to exist.
 */
export async function buildReport(db: Db, source: ReportSource): Promise<Report | null> {
  switch (source.kind) {
    case "vm": {
      const c = await getVmComparison(db, source.id);
      return c ? vmReport(c) : null;
    }
    case "workload": {
      const w = await getWorkload(db, source.slug);
      return w ? workloadReport(w) : null;
    }
    case "side-by-side": {
      const ids = [...new Set(source.ids)];
      const comparisons = await Promise.all(ids.map((id) => getVmComparison(db, id)));
      const missing = ids.filter((_, i) => !comparisons[i]);
      if (missing.length) throw new AppError("not_found", `No published VM with id ${missing.join(", ")}.`, { field: "ids" });
      if (source.base && !ids.includes(source.base)) throw new AppError("validation_error", "base must be one of ids.", { field: "base" });
      return sideBySideReport(comparisons as VmComparison[], source.base);
    }
    case "private": {
      const c = await compareUnpublished(db, { vm: source.vm, tags: source.tags, context: source.context });
      return privateReport(c, source.include);
    }
  }
}

import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseReport } from "@/lib/reports/json";
import type { Report } from "@/lib/reports/model";
import type { Db } from "./client";
import { newId } from "./ids";

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

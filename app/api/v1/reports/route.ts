import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/api/handler";
import { createReport } from "@/lib/db/reports";
import { buildReport } from "@/lib/reports/build";
import { AppError } from "@/lib/errors/app-error";
import { reportSourceSchema } from "@/lib/reports/source";
import { publicOrigin } from "@/lib/server/public-origin";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/reports {kind: "vm", id} | {kind: "workload", slug} |
 * {kind: "side-by-side", ids, base} | {kind: "private", vm, tags, context, include}
 * freezes the report as of now and returns its permalink. Reports are never
 * listed; the 26-character id is the only way to one.
 */
export const POST = handler(async ({ req, db }) => {
  const source = reportSourceSchema.parse(await readJson(req, 1024 * 1024));
  const report = await buildReport(db, source);
  if (!report) throw new AppError("not_found", source.kind === "workload" ? `No application ${source.slug}.` : "No published VM with that id.");
  const { id } = await createReport(db, report);
  const url = `/reports/${id}`;
  return NextResponse.json(
    { id, url, link: `${publicOrigin(req)}${url}`, kind: report.kind, generatedAt: report.generatedAt, downloads: { csv: `/api/v1/reports/${id}.csv`, json: `/api/v1/reports/${id}.json`, pdf: `/api/v1/reports/${id}.pdf` } },
    { status: 201, headers: { Location: url, "Cache-Control": "no-store" } },
  );
}, { write: true });

import { handler } from "@/lib/api/handler";
import { buildReport } from "@/lib/reports/build";
import { AppError } from "@/lib/errors/app-error";
import { publicBase, reportResponse } from "@/lib/reports/http";
import { splitReportFile } from "@/lib/reports/source";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/workload/{slug}.{csv,json,pdf}: a workload's typical configuration, as of now. */
export const GET = handler<{ file: string }>(async ({ req, params, db }) => {
  const f = splitReportFile(params.file);
  if (!f) throw new AppError("not_found", `No report file ${params.file}: use {slug}.csv, {slug}.json or {slug}.pdf.`);
  const report = await buildReport(db, { kind: "workload", slug: f.name });
  if (!report) throw new AppError("not_found", `No application ${f.name}.`);
  return reportResponse(report, f.format, { baseUrl: publicBase(req) });
});

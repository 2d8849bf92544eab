import { handler } from "@/lib/api/handler";
import { buildReport } from "@/lib/reports/build";
import { AppError } from "@/lib/errors/app-error";
import { publicBase, reportResponse } from "@/lib/reports/http";
import { splitReportFile } from "@/lib/reports/source";

export const dynamic = "force-dynamic";

/** GET /api/v1/reports/vm/{id}.{csv,json,pdf}: a published VM against its peers, as of now. */
export const GET = handler<{ file: string }>(async ({ req, params, db }) => {
  const f = splitReportFile(params.file);
  if (!f) throw new AppError("not_found", `No report file ${params.file}: use {id}.csv, {id}.json or {id}.pdf.`);
  const report = await buildReport(db, { kind: "vm", id: f.name });
  if (!report) throw new AppError("not_found", `No published VM with id ${f.name}.`);
  return reportResponse(report, f.format, { baseUrl: publicBase(req) });
});

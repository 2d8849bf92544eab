import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/api/handler";
import { getReport, REPORT_ID } from "@/lib/db/reports";
import { buildReport } from "@/lib/reports/build";
import { AppError } from "@/lib/errors/app-error";
import { publicBase, reportResponse } from "@/lib/reports/http";
import { reportJsonSchema } from "@/lib/reports/model";
import { reportSourceSchema, sideBySideFromQuery, splitReportFile } from "@/lib/reports/source";

export const dynamic = "force-dynamic";

type P = { file: string };

function fileOf(params: P) {
  const f = splitReportFile(params.file);
  if (!f) throw new AppError("not_found", `No report file ${params.file}: use {id}.csv, {id}.json or {id}.pdf.`);
  return f;
}

/**
 * GET /api/v1/reports/schema.json: the JSON Schema of every JSON report.
 * GET /api/v1/reports/compare.{csv,json,pdf}?ids=a,b&base=a: side by side, live.
 * GET /api/v1/reports/{id}.{csv,json,pdf}: a frozen permalink report.
 */
export const GET = handler<P>(async ({ req, params, db }) => {
  if (params.file === "schema.json") {
    return NextResponse.json(reportJsonSchema(), { headers: { "Cache-Control": "public, max-age=3600" } });
  }
  const { name, format } = fileOf(params);
  if (name === "compare") {
    const source = reportSourceSchema.parse(sideBySideFromQuery(new URL(req.url).searchParams));
    const report = await buildReport(db, source);
    return reportResponse(report!, format, { baseUrl: publicBase(req) });
  }
  if (!REPORT_ID.test(name)) throw new AppError("not_found", `No report ${name}.`);
  const stored = await getReport(db, name);
  if (!stored) throw new AppError("not_found", `No report ${name}.`);
  return reportResponse(stored.report, format, { frozen: true, baseUrl: publicBase(req) });
});

/**
 * POST /api/v1/reports/private.{csv,json,pdf} with {vm, tags, context, include}:
 * a private comparison as a file, computed and returned without storing anything.
 */
export const POST = handler<P>(async ({ req, params, db }) => {
  const { name, format } = fileOf(params);
  if (name !== "private") throw new AppError("not_found", "Only private.{csv,json,pdf} accepts POST.");
  const body = await readJson(req, 1024 * 1024);
  const source = reportSourceSchema.parse({ ...(body as object), kind: "private" });
  const report = await buildReport(db, source);
  return reportResponse(report!, format, { baseUrl: publicBase(req) });
}, { write: true });

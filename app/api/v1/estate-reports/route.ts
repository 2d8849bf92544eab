import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { handler, zodToAppError } from "@/lib/api/handler";
import { tagRulesSchema } from "@/lib/contribute/tag-rules";
import { readMultipart } from "@/lib/contribute/read-form";
import { AppError } from "@/lib/errors/app-error";
import { ESTATE_BODY_LIMIT } from "@/lib/estates/upload";
import { estateReportFromUpload } from "@/lib/reports/estate-report";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/estate-reports (multipart: "files", optional "rules" as JSON, the bulk import's tag rules):
 * every VM of an RVTools workbook or of snapshot files compared with its peers. Stores nothing; the VM names
 * in the answer are the uploader's own, sent back in this response only.
 */
export const POST = handler(async ({ req, db }) => {
  const { files, fields } = await readMultipart(req, ESTATE_BODY_LIMIT);
  let rules;
  try {
    rules = tagRulesSchema.parse(fields.rules ? JSON.parse(fields.rules) : []);
  } catch (e) {
    if (e instanceof ZodError) throw zodToAppError(e, "rules");
    throw new AppError("validation_error", 'The "rules" field is not valid JSON.', { field: "rules" });
  }
  const report = await estateReportFromUpload(db, files, rules);
  return NextResponse.json(report, { headers: { "Cache-Control": "no-store" } });
}, { write: true });

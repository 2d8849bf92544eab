import { NextResponse } from "next/server";
import { handler, zodToAppError } from "@/lib/api/handler";
import { SNAPSHOT_BODY_LIMIT } from "@/lib/contribute/api-schemas";
import { tagRulesSchema } from "@/lib/contribute/bulk-import";
import { readMultipart } from "@/lib/contribute/read-form";
import { stageImportJob } from "@/lib/contribute/publish";
import { purgeImportJobs } from "@/lib/db/imports";
import { AppError } from "@/lib/errors/app-error";
import { runParseJob } from "@/lib/parse-pool";
import { contextSchema } from "@/lib/vm/context";
import { ZodError } from "zod";

export const dynamic = "force-dynamic";

function jsonField(fields: Record<string, string>, name: string): unknown {
  const raw = fields[name];
  if (raw == null || raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError("validation_error", `The "${name}" field is not valid JSON.`, { field: name });
  }
}

/**
 * POST /api/v1/imports: stages a bulk import (multipart: "file", "rules" JSON,
 * optional "context" JSON, optional "confirmImplausible" = "true" to import the
 * rows the summary marked implausible; without it they are left out and counted). Returns the job and its token (shown once); the
 * client then calls POST /api/v1/imports/{id}/next until the job is done.
 */
export const POST = handler(async ({ req, db }) => {
  const { files, fields } = await readMultipart(req, SNAPSHOT_BODY_LIMIT);
  if (files.length !== 1) throw new AppError("validation_error", 'Send exactly one RVTools export in the "file" field.', { field: "file" });
  try {
    const rules = tagRulesSchema.parse(jsonField(fields, "rules") ?? []);
    const context = contextSchema.partial().parse(jsonField(fields, "context") ?? {});
    const confirmImplausible = fields.confirmImplausible === "true";
    const { contributions, untagged, implausibleSkipped } = await runParseJob(
      "contributionsFromWorkbook", [files[0].fileName, files[0].data, rules, context, { confirmImplausible }], files[0].fileName,
    );
    // Abandoned jobs hold staged (redacted) data; a week is long enough to come back and resume.
    await purgeImportJobs(db);
    const { job, token } = await stageImportJob(db, contributions);
    return NextResponse.json({ job, token, untagged, implausibleSkipped }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (e instanceof ZodError) throw zodToAppError(e, "rules");
    throw e;
  }
}, { write: true });

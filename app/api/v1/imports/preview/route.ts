import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { SNAPSHOT_BODY_LIMIT } from "@/lib/contribute/api-schemas";
import { readMultipart } from "@/lib/contribute/read-form";
import { AppError } from "@/lib/errors/app-error";
import { runParseJob } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

/** POST /api/v1/imports/preview: the review step of a bulk import. Stores nothing. */
export const POST = handler(async ({ req }) => {
  const { files } = await readMultipart(req, SNAPSHOT_BODY_LIMIT);
  if (files.length !== 1) throw new AppError("validation_error", 'Send exactly one RVTools export in the "file" field.', { field: "file" });
  const summary = await runParseJob("summarizeWorkbook", [files[0].fileName, files[0].data], files[0].fileName);
  return NextResponse.json(summary, { headers: { "Cache-Control": "no-store" } });
}, { write: true });

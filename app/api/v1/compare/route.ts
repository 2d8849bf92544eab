import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/api/handler";
import { SNAPSHOT_BODY_LIMIT } from "@/lib/contribute/api-schemas";
import { readMultipart } from "@/lib/contribute/read-form";
import { privateCompareSchema } from "@/lib/compare/private-input";
import { compareUnpublished } from "@/lib/db/compare";
import { AppError } from "@/lib/errors/app-error";
import { runParseJob } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

const JSON_LIMIT = 1024 * 1024;

/**
 * POST /api/v1/compare: compares a configuration with the published VMs
 * without publishing it. Either JSON {vm, tags?, context?} or
 * multipart/form-data with one snapshot "file" (any supported format) and
 * optional "tag"/"version" or "tags" (JSON) and "index" fields. The VM is
 * redacted before comparing and nothing about it is stored; the write rate
 * limit applies because parsing an upload costs real CPU.
 */
export const POST = handler(async ({ req, db }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) {
    const { files, fields } = await readMultipart(req, SNAPSHOT_BODY_LIMIT);
    if (files.length !== 1) throw new AppError("validation_error", 'Send exactly one snapshot file in the "file" field.', { field: "file" });
    const subject = await runParseJob("subjectFromFile", [files[0], fields], files[0].fileName);
    const comparison = await compareUnpublished(db, subject);
    return NextResponse.json(comparison, {
      headers: { "Cache-Control": "no-store", "X-VM-Count": String(subject.vmCount) },
    });
  }
  const input = privateCompareSchema.parse(await readJson(req, JSON_LIMIT));
  const comparison = await compareUnpublished(db, input);
  return NextResponse.json(comparison, { headers: { "Cache-Control": "no-store" } });
}, { write: true });

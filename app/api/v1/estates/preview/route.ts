import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { readMultipart } from "@/lib/contribute/read-form";
import { ESTATE_BODY_LIMIT } from "@/lib/estates/upload";
import { runParseJob, uploadSubject } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/estates/preview (multipart files): what an import would hold —
 * counts, totals and guest families — without storing anything.
 */
export const POST = handler(async ({ req }) => {
  const { files } = await readMultipart(req, ESTATE_BODY_LIMIT);
  const preview = await runParseJob("previewUpload", [files], uploadSubject(files, { names: false }));
  return NextResponse.json(preview, { headers: { "Cache-Control": "no-store" } });
}, { write: true });

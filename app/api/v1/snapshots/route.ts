import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { MAX_SNAPSHOT_FILES, SNAPSHOT_BODY_LIMIT } from "@/lib/contribute/api-schemas";
import { readMultipart } from "@/lib/contribute/read-form";
import { AppError } from "@/lib/errors/app-error";
import { runParseJob, uploadSubject } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/snapshots: parses and redacts uploaded snapshot files and
 * returns what would be published. Stores nothing. Parsing runs in a parse
 * worker (lib/parse-pool), never on the request thread.
 */
export const POST = handler(async ({ req }) => {
  const { files } = await readMultipart(req, SNAPSHOT_BODY_LIMIT);
  if (files.length === 0) throw new AppError("validation_error", 'No file in the upload: send one or more in the "files" field.', { field: "files" });
  if (files.length > MAX_SNAPSHOT_FILES) throw new AppError("validation_error", `At most ${MAX_SNAPSHOT_FILES} files per upload.`, { field: "files" });
  const previews = await runParseJob("previewSnapshots", [files], uploadSubject(files));
  return NextResponse.json({ files: previews }, { headers: { "Cache-Control": "no-store" } });
}, { write: true });

import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { readMultipart } from "@/lib/contribute/read-form";
import { checkEstateToken, importIntoEstate } from "@/lib/db/estates";
import { tagChoiceFromFields } from "@/lib/estates/tags";
import { ESTATE_BODY_LIMIT } from "@/lib/estates/upload";
import { runParseJob, uploadSubject } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * POST /api/v1/estates/{id}/imports (Bearer edit token; multipart files, and
 * optionally tag / tag.<family> for new VMs): imports a newer export and
 * returns what changed since the last one.
 */
export const POST = handler<Params>(async ({ req, params, db }) => {
  const token = bearerToken(req);
  // Check the estate and token before reading (and parsing) a large upload.
  await checkEstateToken(db, params.id, token);
  const { files, fields } = await readMultipart(req, ESTATE_BODY_LIMIT);
  // Parsed, redacted and keyed in the worker, for this estate's token (checked above, and again under the lock).
  const upload = await runParseJob("parseEstateUpload", [files, token!], uploadSubject(files, { names: false }));
  const tagging = fields.tag?.trim() ? tagChoiceFromFields(fields) : undefined;
  const diff = await importIntoEstate(db, params.id, token, { vms: upload.vms, tagging });
  return NextResponse.json({ ...diff, warnings: upload.warnings }, { status: 201, headers: { "Cache-Control": "no-store" } });
}, { write: true });

import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { readMultipart } from "@/lib/contribute/read-form";
import { createEstate, newEstateEditToken } from "@/lib/db/estates";
import { tagChoiceFromFields } from "@/lib/estates/tags";
import { ESTATE_BODY_LIMIT } from "@/lib/estates/upload";
import { runParseJob, uploadSubject } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/estates (multipart: name, tag, tag.<family>, files): saves a
 * bulk import as an estate and publishes its VMs. The edit token is in the
 * response once; the site keeps only its hash.
 */
export const POST = handler(async ({ req, db }) => {
  const { files, fields } = await readMultipart(req, ESTATE_BODY_LIMIT);
  // The estate's keys derive from its edit token: drawn here, so the worker can prepare the VMs with the parse.
  const editToken = newEstateEditToken();
  const upload = await runParseJob("parseEstateUpload", [files, editToken], uploadSubject(files, { names: false }));
  const created = await createEstate(db, { name: fields.name ?? "", prepared: { editToken, vms: upload.vms }, tagging: tagChoiceFromFields(fields) });
  const origin = new URL(req.url).origin;
  return NextResponse.json(
    {
      id: created.id,
      editToken: created.editToken,
      editUrl: `${origin}/estates/${created.id}#token=${created.editToken}`,
      warnings: upload.warnings,
      import: created.import,
    },
    { status: 201, headers: { "Cache-Control": "no-store" } },
  );
}, { write: true });

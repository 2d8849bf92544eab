import { NextResponse } from "next/server";
import { bearerToken, handler, readJson } from "@/lib/api/handler";
import { PUBLISH_BODY_LIMIT, publishContributionSchema, sanitizeContribution } from "@/lib/contribute/api-schemas";
import { deleteVm, getVm, updateVm } from "@/lib/db/vms";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/v1/vms/{id}: one published VM with its tags and context. */
export const GET = handler<Params>(async ({ params, db }) => {
  const rec = await getVm(db, params.id);
  if (!rec) throw new AppError("not_found", `No VM with id ${params.id}.`);
  return NextResponse.json(rec);
});

/** PATCH /api/v1/vms/{id}: replaces the VM's configuration, tags and context; needs its edit token. */
export const PATCH = handler<Params>(async ({ req, params, db }) => {
  const token = bearerToken(req);
  if (!token) {
    // Same order as updateVm: an unknown id is 404 whether or not a token came.
    if (!(await getVm(db, params.id, { includeHidden: true }))) throw new AppError("not_found", `No VM with id ${params.id}.`);
    throw new AppError("unauthorized", "An edit token is required: send Authorization: Bearer <edit token>.");
  }
  const body = publishContributionSchema.parse(await readJson(req, PUBLISH_BODY_LIMIT));
  const rec = await updateVm(db, params.id, token, sanitizeContribution(body));
  return NextResponse.json(rec);
}, { write: true });

/** DELETE /api/v1/vms/{id}: removes the VM for good; needs its edit token. */
export const DELETE = handler<Params>(async ({ req, params, db }) => {
  await deleteVm(db, params.id, bearerToken(req));
  return new Response(null, { status: 204 });
}, { write: true });

import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { cancelImportJob, getImportJob } from "@/lib/db/imports";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/v1/imports/{id}: progress of a bulk import (import token as Bearer). */
export const GET = handler<Params>(async ({ req, params, db }) => {
  return NextResponse.json(await getImportJob(db, params.id, bearerToken(req)), { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/v1/imports/{id}: abandons the rest of an import; VMs already published stay. */
export const DELETE = handler<Params>(async ({ req, params, db }) => {
  await cancelImportJob(db, params.id, bearerToken(req));
  return new Response(null, { status: 204 });
}, { write: true });

import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { deleteEstate, getEstate } from "@/lib/db/estates";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/v1/estates/{id} (Bearer edit token): import history, totals and the latest VMs. */
export const GET = handler<Params>(async ({ req, params, db }) => {
  const view = await getEstate(db, params.id, bearerToken(req));
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});

/** DELETE /api/v1/estates/{id} (Bearer edit token): removes the estate and every VM it published. */
export const DELETE = handler<Params>(async ({ req, params, db }) => {
  const deleted = await deleteEstate(db, params.id, bearerToken(req));
  return NextResponse.json({ deletedVms: deleted });
}, { write: true });

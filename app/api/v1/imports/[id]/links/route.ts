import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { editPath } from "@/lib/contribute/api-schemas";
import { importLinks } from "@/lib/db/imports";
import { publicOrigin } from "@/lib/server/public-origin";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * GET /api/v1/imports/{id}/links: the edit links of every VM the import has
 * published so far, derived again from the import token (Bearer); nothing
 * secret is stored to make this possible (lib/db/import-links.ts).
 */
export const GET = handler<Params>(async ({ req, params, db }) => {
  const token = bearerToken(req);
  const r = await importLinks(db, params.id, token);
  const origin = publicOrigin(req);
  return NextResponse.json(
    {
      job: r.job,
      links: r.batches.flatMap((b) =>
        b.created.map((c) => ({ batch: b.position + 1, id: c.id, editToken: c.editToken!, editUrl: new URL(editPath(c.id, c.editToken!), origin).toString() })),
      ),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});

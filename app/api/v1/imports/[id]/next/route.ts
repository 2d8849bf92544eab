import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { editPath } from "@/lib/contribute/api-schemas";
import { runNextBatch } from "@/lib/db/imports";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

type Params = { id: string };

/**
 * POST /api/v1/imports/{id}/next: publishes the next batch in one transaction
 * and returns the edit links of its VMs (shown once).
 */
export const POST = handler<Params>(async ({ req, params, db }) => {
  const r = await runNextBatch(db, params.id, bearerToken(req));
  const origin = env().PUBLIC_URL ?? new URL(req.url).origin;
  return NextResponse.json(
    {
      job: r.job,
      duplicates: r.duplicates,
      created: r.created.map((c) => ({ id: c.id, editToken: c.editToken!, editUrl: new URL(editPath(c.id, c.editToken!), origin).toString() })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}, { write: true });

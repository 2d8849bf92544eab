import { NextResponse } from "next/server";
import { bearerToken, handler, readBodyLimited } from "@/lib/api/handler";
import { editPath } from "@/lib/contribute/api-schemas";
import { runNextBatch } from "@/lib/db/imports";
import { publicOrigin } from "@/lib/server/public-origin";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** The request id: `{"requestId": "…"}` in a JSON body, or an Idempotency-Key header. */
async function requestIdOf(req: Request): Promise<string | null> {
  const text = (await readBodyLimited(req, 4096, () => new AppError("too_large", "The body of /next holds only a request id."))).toString("utf8").trim();
  let fromBody: unknown = null;
  if (text) {
    try {
      fromBody = (JSON.parse(text) as { requestId?: unknown } | null)?.requestId ?? null;
    } catch {
      throw new AppError("validation_error", 'Body is not valid JSON: send {"requestId": "…"} or nothing.', { field: "requestId" });
    }
  }
  const id = fromBody ?? req.headers.get("idempotency-key");
  if (id !== null && typeof id !== "string") throw new AppError("validation_error", "requestId must be a string.", { field: "requestId" });
  return id;
}

/**
 * POST /api/v1/imports/{id}/next: publishes the next batch in one transaction
 * and returns the edit links of its VMs. With a request id, a retry of a call
 * whose answer was lost returns that same batch again (`replayed: true`)
 * instead of publishing the next one.
 */
export const POST = handler<Params>(async ({ req, params, db }) => {
  const r = await runNextBatch(db, params.id, bearerToken(req), { requestId: await requestIdOf(req) });
  const origin = publicOrigin(req);
  return NextResponse.json(
    {
      job: r.job,
      duplicates: r.duplicates,
      replayed: r.replayed,
      created: r.created.map((c) => ({ id: c.id, editToken: c.editToken!, editUrl: new URL(editPath(c.id, c.editToken!), origin).toString() })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}, { write: true });

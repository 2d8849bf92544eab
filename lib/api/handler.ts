import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, HTTP_STATUS, isAppError } from "@/lib/errors/app-error";
import { getDb, getReadDb, type Db } from "@/lib/db/client";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { checkWriteRequest } from "@/lib/api/write-guard";
import { dumpAfterWrite } from "@/lib/db/dump-schedule";
import { hasControlChars } from "@/lib/text/control-chars";
import { asWriter } from "@/lib/db/priority-gate";

/**
 * The one wrapper for route handlers: opens the database, checks writes
 * (content type, same origin: lib/api/write-guard.ts) and applies their rate
 * limit, and maps every error to {"error":{"code","message","field"?}}
 * with its HTTP status. Unexpected errors become 500 without details.
 */
export interface HandlerContext<P> {
  req: Request;
  params: P;
  db: Db;
}

export function jsonError(e: AppError, headers?: HeadersInit): NextResponse {
  const body: { error: { code: string; message: string; field?: string; details?: unknown } } = {
    error: { code: e.code, message: e.describe() },
  };
  if (e.field) body.error.field = e.field;
  if (e.details !== undefined) body.error.details = e.details;
  if (e.retryAfterSeconds != null) {
    const h = new Headers(headers);
    if (!h.has("Retry-After")) h.set("Retry-After", String(e.retryAfterSeconds));
    headers = h;
  }
  return NextResponse.json(body, { status: HTTP_STATUS[e.code], headers });
}

export function zodToAppError(err: ZodError, prefix = ""): AppError {
  const first = err.issues[0];
  const field = [prefix, ...first.path.map(String)].filter(Boolean).join(".");
  const details = err.issues.slice(0, 20).map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message }));
  return new AppError("validation_error", first.message, { field: field || undefined }, details);
}

export function handler<P = Record<string, string>>(
  fn: (ctx: HandlerContext<P>) => Promise<Response>,
  opts: { write?: boolean } = {},
) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      if (opts.write) {
        const refused = checkWriteRequest(req);
        if (refused) return jsonError(refused);
      }
      // Reads may go to a read replica (DATABASE_READ_URL); writes, and a writer's next reads, to the primary.
      const db = opts.write ? await getDb() : await getReadDb();
      if (opts.write) {
        const limited = await checkRateLimit(db, req);
        if (limited) {
          return jsonError(new AppError("rate_limited", `Too many writes; try again in ${limited} s.`), { "Retry-After": String(limited) });
        }
      }
      const params = (await route?.params) ?? ({} as P);
      checkPathParams(params as Record<string, unknown>);
      const run = async () => fn({ req, params, db });
      // A write's reads (duplicate checks, token checks) go ahead of page reads too.
      const res = await (opts.write ? asWriter(run) : run());
      // The open-data dump follows the site within minutes (lib/db/dump-schedule.ts).
      if (opts.write && res.status < 400) dumpAfterWrite(db);
      return res;
    } catch (e) {
      if (isAppError(e)) return jsonError(e);
      if (e instanceof ZodError) return jsonError(zodToAppError(e));
      console.error("unexpected error in", req.method, new URL(req.url).pathname, e);
      return jsonError(new AppError("internal", "Something went wrong on the server."));
    }
  };
}

/**
 * Ids, slugs and file names are short plain text: a path segment with a
 * control character (NUL) or of absurd length names nothing, and must not
 * reach the database, which refuses NUL in text.
 */
function checkPathParams(params: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(params)) {
    if (typeof v === "string" && (v.length > 200 || hasControlChars(v))) {
      throw new AppError("not_found", `Nothing is found at this ${k}: it is over 200 characters or holds control characters.`);
    }
  }
}

/** Reads a JSON body with a size limit (413 over it) and clear errors. */
export async function readJson(req: Request, limitBytes = 5 * 1024 * 1024): Promise<unknown> {
  const text = (await readBodyLimited(req, limitBytes, () => new AppError("too_large", `Request body is over ${Math.round(limitBytes / 1024 / 1024)} MiB.`))).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AppError("validation_error", `Body is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * A request body, refused with `tooLarge()` as soon as it passes the limit
 * (by its Content-Length, or while streaming) rather than after buffering an
 * arbitrarily large upload.
 */
export async function readBodyLimited(req: Request, limitBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  if (Number(req.headers.get("content-length") ?? 0) > limitBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function bearerToken(req: Request): string | null {
  const h = req.headers.get("authorization");
  const m = h?.match(/^Bearer\s+(\S+)$/i);
  return m ? m[1] : null;
}

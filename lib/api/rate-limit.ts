import crypto from "node:crypto";
import { env } from "@/lib/env";
import type { Db } from "@/lib/db/client";

/**
 * Fixed-window write limit per client, kept in the database so it holds
 * across server instances. The client key is a hash of the address (never
 * stored raw). Returns the seconds to wait, or 0 when allowed.
 */
export function clientKey(req: Request): string {
  const fwd = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = fwd || req.headers.get("x-real-ip") || "local";
  return crypto.createHash("sha256").update("rl\0" + ip).digest("hex").slice(0, 32);
}

export async function checkRateLimit(db: Db, req: Request, limit = env().RATE_LIMIT_PER_MINUTE, windowMs = 60_000): Promise<number> {
  const key = clientKey(req);
  const now = new Date();
  const reset = new Date(now.getTime() + windowMs);
  const rows = await db.prisma.$queryRawUnsafe<{ count: number; reset_at: Date }[]>(
    `INSERT INTO rate_limit (key, count, reset_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limit.reset_at <= $3 THEN 1 ELSE rate_limit.count + 1 END,
       reset_at = CASE WHEN rate_limit.reset_at <= $3 THEN $2 ELSE rate_limit.reset_at END
     RETURNING count, reset_at`,
    key,
    reset,
    now,
  );
  const r = rows[0];
  if (!r || Number(r.count) <= limit) return 0;
  return Math.max(1, Math.ceil((new Date(r.reset_at).getTime() - now.getTime()) / 1000));
}

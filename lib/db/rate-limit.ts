import "server-only";
import type { Db } from "./client";

/** Rows whose window ended are removed this many at a time, by the writes that follow. */
export const RATE_LIMIT_PURGE_BATCH = 100;

/**
 * Counts one write for `key` in a fixed window and returns the count so far
 * and when the window ends. The same statement deletes a bounded number of
 * other clients' rows whose window is over, so the table holds only clients
 * seen within the last window, whatever the traffic.
 */
export async function hitRateLimit(db: Db, key: string, now: Date, windowMs: number): Promise<{ count: number; resetAt: Date }> {
  const reset = new Date(now.getTime() + windowMs);
  const rows = await db.prisma.$queryRawUnsafe<{ count: number; reset_at: Date }[]>(
    // The purge skips this key: one statement may not touch a row twice.
    `WITH expired AS (
       DELETE FROM rate_limit WHERE key IN (
         SELECT key FROM rate_limit WHERE reset_at <= $3 AND key <> $1 ORDER BY reset_at LIMIT ${RATE_LIMIT_PURGE_BATCH}
       )
     )
     INSERT INTO rate_limit (key, count, reset_at) VALUES ($1, 1, $2)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limit.reset_at <= $3 THEN 1 ELSE rate_limit.count + 1 END,
       reset_at = CASE WHEN rate_limit.reset_at <= $3 THEN $2 ELSE rate_limit.reset_at END
     RETURNING count, reset_at`,
    key,
    reset,
    now,
  );
  const r = rows[0];
  return { count: Number(r.count), resetAt: new Date(r.reset_at) };
}

import "server-only";
import type { Db } from "./client";

/**
 * Work that must happen once across every process of one database (several
 * `WORKERS`, several hosts): the first-start demo data and maintenance, the
 * open-data dump, the purge of old import jobs. On PostgreSQL it runs under
 * a session advisory lock named after the work; on PGlite the folder lock
 * (lib/db/lock.ts) already makes the process the only one, so it just runs.
 *
 * The lock is held on a connection of its own (Db.lockSession), never one of
 * the query pool's: a long dump must not shrink the pool that pages use, and
 * if the process dies PostgreSQL releases the lock with the connection.
 * Waiting polls pg_try_advisory_lock rather than blocking in
 * pg_advisory_lock, so a role's statement_timeout never cuts a wait short.
 */
export interface LockSession {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  release(): void;
}

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

export interface ExclusiveOptions {
  /** Wait for the lock (polling) instead of giving up when another process holds it. Default false. */
  wait?: boolean;
  pollMs?: number;
  /** Longest wait before giving up (ran: false). Default: no limit. */
  maxWaitMs?: number;
}

/** The lock's key: a 64-bit hash of the work's name, in the project's own namespace. */
const KEY_SQL = `hashtextextended('vmcompare:' || $1::text, 0)`;

export async function runExclusive<T>(db: Db, name: string, fn: () => Promise<T>, opts: ExclusiveOptions = {}): Promise<Exclusive<T>> {
  if (db.kind !== "postgresql" || !db.lockSession) return { ran: true, value: await fn() };
  const session = await db.lockSession();
  let locked = false;
  try {
    const poll = opts.pollMs ?? 250;
    const deadline = opts.maxWaitMs == null ? Infinity : Date.now() + opts.maxWaitMs;
    for (;;) {
      const [r] = await session.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${KEY_SQL}) AS ok`, [name]);
      if (r.ok) break;
      if (!opts.wait || Date.now() >= deadline) return { ran: false };
      await new Promise((res) => setTimeout(res, poll));
    }
    locked = true;
    return { ran: true, value: await fn() };
  } finally {
    if (locked) await session.query(`SELECT pg_advisory_unlock(${KEY_SQL})`, [name]).catch(() => {});
    session.release();
  }
}

/** Whether any session holds the named lock on this database now (for tests and status pages). */
export async function lockHeld(db: Db, name: string): Promise<boolean> {
  if (db.kind !== "postgresql") return false;
  const [r] = await db.sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND ((classid::bigint << 32) | objid::bigint) = (${KEY_SQL})`,
    [name],
  );
  return r.n > 0;
}

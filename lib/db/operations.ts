import "server-only";
import type { Db, PoolStats } from "./client";
import { listMigrations } from "./migrate";

/**
 * What operators ask the database: is it ready to serve (/api/health/ready),
 * and how are its import jobs and connections doing (/api/metrics).
 */
export interface Readiness {
  ready: boolean;
  /** Why not, in words an operator can act on; null when ready. */
  reason: string | null;
  /** Migrations on disk that the database has not applied. */
  pendingMigrations: string[];
}

export async function databaseReadiness(db: Db, timeoutMs = 2000): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    const rows = await Promise.race([
      db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`),
      timeout,
    ]);
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = listMigrations().map((m) => m.name).filter((n) => !applied.has(n));
    if (pending.length) return { ready: false, reason: `${pending.length} migration(s) not applied: ${pending.join(", ")}`, pendingMigrations: pending };
    return { ready: true, reason: null, pendingMigrations: [] };
  } catch (e) {
    return { ready: false, reason: `the database does not answer: ${(e as Error).message}`, pendingMigrations: [] };
  } finally {
    clearTimeout(timer);
  }
}

/** Import jobs by status ("pending", "done"), every status present in the table. */
export async function importJobCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db.sql.query<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM import_job GROUP BY status ORDER BY status`);
  const out: Record<string, number> = { pending: 0, done: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export function poolStatsOf(db: Db): PoolStats | null {
  return db.poolStats?.() ?? null;
}

import "server-only";
import type { Db } from "./client";
import { rebuildPeerStats } from "./peer-stats";

/**
 * Work a migration asks for but cannot do in SQL, run once at the next start
 * (lib/server/boot.ts). A migration inserts a row into maintenance_task; the
 * row is removed only after the work succeeded, so a crash retries it at the
 * following start. Running a task twice is harmless: each one recomputes from
 * the current data.
 */
export const MAINTENANCE_TASKS: Record<string, (db: Db) => Promise<unknown>> = {
  // The frequency maps of every peer group, after a migration changed the values they count.
  "rebuild-peer-stats": rebuildPeerStats,
};

/** The migrations applied to this database, oldest first. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((r) => r.migration_name);
}

export async function pendingMaintenance(db: Db): Promise<string[]> {
  const rows = await db.sql.query<{ task: string }>(`SELECT task FROM maintenance_task ORDER BY requested_at, task`);
  return rows.map((r) => r.task);
}

/** Runs every pending task; returns the names of those done. An unknown task name is an error that stops the start. */
export async function runPendingMaintenance(db: Db, log: (line: string) => void = () => {}): Promise<string[]> {
  const done: string[] = [];
  for (const task of await pendingMaintenance(db)) {
    const run = MAINTENANCE_TASKS[task];
    if (!run) throw new Error(`maintenance_task "${task}" is not known to this version of vmcompare.`);
    const t = Date.now();
    await run(db);
    await db.sql.query(`DELETE FROM maintenance_task WHERE task = $1`, [task]);
    log(`vmcompare: maintenance "${task}" done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    done.push(task);
  }
  return done;
}

import { afterAll, describe, expect, it } from "vitest";
import { databaseMetrics } from "@/lib/server/database-metrics";
import { formatExposition } from "@/lib/server/metrics";
import { listMigrations } from "./migrate";
import { databaseReadiness, importJobCounts, poolStatsOf } from "./operations";
import { testTargets } from "./test-targets";

for (const target of testTargets()) {
  describe(`operations on ${target.name}`, () => {
    afterAll(() => target.dispose());

    it("is ready once every migration on disk is applied, and says which one is missing otherwise", async () => {
      const db = await target.open();
      expect(await databaseReadiness(db)).toEqual({ ready: true, reason: null, pendingMigrations: [] });
      const last = listMigrations().at(-1)!.name;
      await db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1`, [last]);
      try {
        const r = await databaseReadiness(db);
        expect(r.ready).toBe(false);
        expect(r.pendingMigrations).toEqual([last]);
        expect(r.reason).toContain(last);
      } finally {
        await db.sql.query(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = $1`, [last]);
      }
      expect((await databaseReadiness(db)).ready).toBe(true);
    });

    it("counts import jobs by status, and shows them with the pool in the metrics", async () => {
      const db = await target.open();
      expect(await importJobCounts(db)).toEqual({ pending: 0, done: 0 });
      const job = (id: string, status: string) =>
        db.sql.query(`INSERT INTO import_job (id, token_hash, status, total, batch_size, batch_count, updated_at) VALUES ($1, 'h', $2, 1, 1, 1, now())`, [id, status]);
      await job("opsjob1", "pending");
      await job("opsjob2", "pending");
      await job("opsjob3", "done");
      expect(await importJobCounts(db)).toEqual({ pending: 2, done: 1 });
      const stats = poolStatsOf(db)!;
      expect(stats.waiting).toBe(0);
      if (db.kind === "postgresql") {
        expect(stats.max).toBe(10);
        expect(stats.total).toBeGreaterThanOrEqual(1);
        expect(stats.idle).toBeLessThanOrEqual(stats.total!);
      } else {
        expect(stats).toEqual({ max: 1, total: null, idle: null, waiting: 0 });
      }
      const text = formatExposition(await databaseMetrics(async () => db));
      expect(text).toContain(`vmcompare_database_up{engine="${db.kind}"} 1\n`);
      expect(text).toContain('vmcompare_import_jobs{status="pending"} 2\n');
      expect(text).toContain('vmcompare_import_jobs{status="done"} 1\n');
      if (db.kind === "postgresql") expect(text).toMatch(/vmcompare_db_pool_connections\{state="idle"\} \d+\n/);
      else expect(text).not.toContain("vmcompare_db_pool_connections");
      await db.sql.query(`DELETE FROM import_job WHERE id LIKE 'opsjob%'`);
    });

    it("reports the database down, not a failed scrape, when it cannot be opened", async () => {
      const text = formatExposition(await databaseMetrics(() => Promise.reject(new Error("no database"))));
      expect(text).toContain("\nvmcompare_database_up 0\n");
    });
  });
}

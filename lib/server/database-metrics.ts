import "server-only";
import type { Db } from "@/lib/db/client";
import { importJobCounts, poolStatsOf } from "@/lib/db/operations";
import { gauge, type MetricFamily, type Sample } from "./metrics";

/**
 * The database as /api/metrics shows it: whether it answers, its connection
 * pool (PostgreSQL) and statements waiting for a turn, import jobs by status.
 */
export async function databaseMetrics(open: () => Promise<Db>): Promise<MetricFamily[]> {
  let db: Db;
  let jobs: Record<string, number>;
  try {
    db = await open();
    jobs = await importJobCounts(db);
  } catch {
    return [gauge("vmcompare_database_up", "1 when the database answered this scrape's query.", 0)];
  }
  const out: MetricFamily[] = [
    gauge("vmcompare_database_up", "1 when the database answered this scrape's query.", [{ labels: { engine: db.kind }, value: 1 }]),
    gauge("vmcompare_import_jobs", "Bulk import jobs in the database, by status.", Object.entries(jobs).map(([status, n]): Sample => ({ labels: { status }, value: n }))),
  ];
  const p = poolStatsOf(db);
  if (p) {
    out.push(gauge("vmcompare_db_statements_waiting", "Statements waiting for a database connection (or, with PGlite, for its one session).", p.waiting));
    out.push(gauge("vmcompare_db_pool_max", "Connections the pool may open (1: PGlite's one session).", p.max));
    if (p.total !== null && p.idle !== null) {
      out.push(
        gauge("vmcompare_db_pool_connections", "PostgreSQL pool connections, by state.", [
          { labels: { state: "total" }, value: p.total },
          { labels: { state: "idle" }, value: p.idle },
          { labels: { state: "busy" }, value: p.total - p.idle },
        ]),
      );
    }
  }
  return out;
}

/**
 * `npx tsx bench/load.ts`: page readers and API writers at once against a
 * production build (run `npx next build` first), on PGlite and, when
 * TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL. Prints reader
 * and writer p50/p99, errors and lost acknowledged writes per database.
 *
 * Loopback only. Options (environment): LOAD_READERS (200), LOAD_WRITERS
 * (20), LOAD_SECONDS (15), LOAD_PORT (3470), LOAD_DATABASES ("pglite,postgresql").
 *
 * Figures (e2e/load, 1,000 VMs, 20 writers alone 5 s then with 200 readers 10 s, two shared cores):
 *   before the one-statement write path, load average 6–13 (CI log):
 *     PGlite     alone p50 485 ms, p99 5,677 ms; under readers p99 5,854 ms
 *     PostgreSQL alone p99 1,650 ms;            under readers p99 1,616 ms
 *   after it (lib/db/vms.ts insertRowSets, lib/db/sql-tx.ts), load average 27:
 *     PGlite     alone p50 2,310 ms, p99 9,187 ms; under readers p50 1,596 ms, p99 12,586 ms
 *     PostgreSQL alone p50 5,836 ms, p99 7,537 ms; under readers p50 7,315 ms, p99 11,213 ms
 *   0 errors and 0 lost acknowledged writes in every run. The machine's load, not the write
 *   path, sets these (PostgreSQL slowed as much); bench/write-profile.ts gives paired per-write
 *   figures: publish step 665 -> 209 ms and 328 -> 261 ms at load average 25-30.
 */
import { formatResult, runLoad } from "../e2e/load/load-run";
import { startServer, type DatabaseKind } from "../e2e/server/production-server";

const readers = Number(process.env.LOAD_READERS ?? 200);
const writers = Number(process.env.LOAD_WRITERS ?? 20);
const seconds = Number(process.env.LOAD_SECONDS ?? 15);
const port = Number(process.env.LOAD_PORT ?? 3470);
const databases = (process.env.LOAD_DATABASES ?? "pglite,postgresql").split(",").map((s) => s.trim()) as DatabaseKind[];

async function main() {
  let failed = false;
  for (const database of databases) {
    if (database === "postgresql" && !process.env.TEST_DATABASE_URL) {
      console.log("postgresql: skipped (set TEST_DATABASE_URL)");
      continue;
    }
    const server = await startServer({
      database,
      port,
      adminUrl: process.env.TEST_DATABASE_URL,
      maxOldSpaceMiB: 2048,
      env: { RATE_LIMIT_PER_MINUTE: "100000" },
    });
    try {
      const r = await runLoad({ baseUrl: server.baseUrl, readers, writers, durationMs: seconds * 1000 });
      console.log(formatResult(`${database}, ${readers} readers + ${writers} writers`, r));
      if (r.lostWrites.length || (r.writes.p99 ?? Infinity) > 2000) failed = true;
    } finally {
      await server.stop();
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

/**
 * `npx tsx bench/load.ts`: page readers and API writers at once against a
 * production build (run `npx next build` first), on PGlite and, when
 * TEST_DATABASE_URL names a PostgreSQL server, on PostgreSQL. Prints reader
 * and writer p50/p99, errors and lost acknowledged writes per database.
 *
 * Loopback only. Options (environment): LOAD_READERS (200), LOAD_WRITERS
 * (20), LOAD_SECONDS (15), LOAD_PORT (3470), LOAD_DATABASES ("pglite,postgresql").
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

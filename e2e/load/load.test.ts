import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResult, runLoad, seedThroughApi } from "./load-run";
import { startServer, type DatabaseKind, type RunningServer } from "../server/production-server";

/**
 * Issue 14, "writes are never starved": 200 page readers and 20 API writers
 * at once against a production build (scripts/serve.ts, what `npm start`
 * runs), on PGlite (the default) and on PostgreSQL. Before the priority gate
 * no write finished during a 15-s burst on PGlite; before the render gate of
 * scripts/serve.ts write p99 was 10.8 s. Loopback only; the burst is short
 * for a 2-core CI.
 */
const READERS = 200;
const WRITERS = 20;
const BURST_MS = Number(process.env.LOAD_TEST_SECONDS ?? 10) * 1000;
// The bound for write p99 under this load: renders are admitted a few at a time
// (lib/server/admission-gate.ts), so a write waits for at most those, never for 200.
const WRITE_P99_TARGET_MS = Number(process.env.LOAD_WRITE_P99_MS ?? 2000);
const BASELINE_MS = 5000;
const BASE_PORT = Number(process.env.SERVER_TEST_PORT ?? 3471);

const databases: DatabaseKind[] = ["pglite"];
if (process.env.TEST_DATABASE_URL) databases.push("postgresql");
else if (process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the PostgreSQL load test may not be skipped");

describe.each(databases.map((d, i) => [d, i] as const))("under read load, on %s", (database, i) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      database,
      port: BASE_PORT + i,
      adminUrl: process.env.TEST_DATABASE_URL,
      maxOldSpaceMiB: 2048,
      env: { DEMO_DATA: "off", RATE_LIMIT_PER_MINUTE: "100000" },
    });
    await seedThroughApi(server.baseUrl, 1000);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers every write within the p99 bound, without error, and loses none of those it acknowledged", async () => {
    // The same writers with no reader first: what a write costs on this machine right now. On a machine
    // so busy that writers alone miss the target, readers may not make it worse than 2.5 times that: a
    // guard against starvation (before the render gate readers made it 11 times worse), not the target,
    // which the log line says was met or not. (A write is now three statements in one transaction,
    // lib/db/vms.ts; at load average 27 even PostgreSQL missed 2 s alone, so the target is not asserted.)
    const alone = await runLoad({ baseUrl: server.baseUrl, readers: 0, writers: WRITERS, durationMs: BASELINE_MS, requestTimeoutMs: 30_000 });
    console.log(formatResult(`${database}, ${WRITERS} writers alone`, alone));
    const r = await runLoad({ baseUrl: server.baseUrl, readers: READERS, writers: WRITERS, durationMs: BURST_MS, requestTimeoutMs: 30_000 });
    console.log(formatResult(`${database}, ${READERS} readers + ${WRITERS} writers`, r));
    const bound = Math.max(WRITE_P99_TARGET_MS, 2.5 * (alone.writes.p99 ?? 0));
    expect(r.writes.acknowledged, "writes acknowledged during the burst").toBeGreaterThan(WRITERS);
    expect(r.writes.errors, "writes refused or unanswered").toBe(0);
    console.log(
      `${database}: write p99 ${Math.round(r.writes.p99 ?? 0)} ms under ${READERS} readers, ${Math.round(alone.writes.p99 ?? 0)} ms alone; ` +
        `target ${WRITE_P99_TARGET_MS} ms ${r.writes.p99! <= WRITE_P99_TARGET_MS ? "met" : "NOT met"}, bound asserted ${Math.round(bound)} ms`,
    );
    expect(r.lostWrites, "acknowledged writes not readable afterwards").toEqual([]);
    expect(alone.lostWrites).toEqual([]);
    expect(r.writes.p99, "write p99 under 200 readers").toBeLessThanOrEqual(bound);
    expect(r.reads.count, "reads served").toBeGreaterThan(0);
    expect(server.exited(), "the server is still running").toBeNull();
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The production server (scripts/serve.ts) on a real socket: whatever peer
 * and X-Forwarded-For headers a client sends, its writes count against its
 * own address, and no row is added per forged value. It runs the current
 * production build, so the test command runs it right after `next build`
 * (VMC_AFTER_BUILD=1); a plain `vitest run` skips it rather than test a stale build.
 */
const built = process.env.VMC_AFTER_BUILD === "1" && fs.existsSync(path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"));
const PORT = 3461;

describe.skipIf(!built)("scripts/serve.ts", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-serve-"));
  let server: ChildProcess;
  let log = "";

  beforeAll(async () => {
    server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: { ...process.env, DATABASE_URL: `pglite:${dir}`, DEMO_DATA: "off", PORT: String(PORT), RATE_LIMIT_PER_MINUTE: "3", TRUST_PROXY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (b) => (log += b));
    server.stderr!.on("data", (b) => (log += b));
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the server did not answer:\n${log}`);
  }, 180_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("limits a client that forges its peer and X-Forwarded-For headers, and stores one row for it", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/vms`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: `http://127.0.0.1:${PORT}`, "x-forwarded-for": `198.51.100.${i}`, "X-Vmcompare-Peer": `203.0.113.${i}` },
        body: JSON.stringify({ vms: [] }),
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    // Stop the server, then count the rows in its database.
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
    const { getDb, closeDb } = await import("@/lib/db/client");
    const target = { kind: "pglite" as const, dir };
    const db = await getDb(target);
    const rows = await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit");
    await closeDb(target);
    expect(rows[0].n).toBe(1);
  }, 120_000);
});

import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// `npm start`'s supervisor with the real production server: kill -9 the server, see it come back with a
// log line, /api/health answers again, and SIGTERM ends both cleanly.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const BASE = `http://127.0.0.1:${PORT}`;

async function healthy(ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const res = await fetch(`${BASE}/api/health`, { signal: AbortSignal.timeout(2_000) }).catch(() => null);
    if (res?.ok) return true;
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

/** The supervisor's server child (tsx may run a helper process next to it). */
function serverChild(supervisorPid: number): number | null {
  const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(supervisorPid)], { encoding: "utf8" });
  const line = out.split("\n").map((l) => l.trim()).find((l) => l && !/esbuild/.test(l));
  return line ? Number(line.split(/\s+/)[0]) : null;
}

test("npm start brings the server back after kill -9 and stops cleanly on SIGTERM", async () => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-supervisor-e2e-"));
  let log = "";
  const sup = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: `pglite:${dir}`, DEMO_DATA: "off", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  sup.stdout!.on("data", (d) => (log += d));
  sup.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<number | null>((r) => sup.once("exit", (code) => r(code)));
  try {
    expect(await healthy(120_000), "the server answers /api/health").toBe(true);
    const first = serverChild(sup.pid!);
    expect(first).toBeTruthy();

    process.kill(first!, "SIGKILL");
    await expect.poll(() => log, { timeout: 30_000 }).toMatch(/vmcompare: the server was killed by SIGKILL after [\d.]+ s; restarting in [\d.]+ s \(restart 1\)\./);
    expect(await healthy(120_000), "the server answers /api/health again").toBe(true);
    const second = serverChild(sup.pid!);
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);

    sup.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(() => process.kill(second!, 0)).toThrow();
    expect(await healthy(1_000)).toBe(false);
  } finally {
    if (sup.exitCode === null) sup.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import { afterEach, describe, expect, it } from "vitest";
import { supervise, type Supervisor } from "./supervisor";

/** A real server process: answers /api/health with its own pid. */
const PORT = 3441;
const SERVER = `
require("node:http").createServer((req, res) => {
  res.writeHead(req.url === "/api/health" ? 200 : 404, { "content-type": "application/json" });
  res.end(JSON.stringify({ ok: true, pid: process.pid }));
}).listen(${PORT}, "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
`;

async function health(): Promise<{ pid: number } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok ? ((await res.json()) as { pid: number }) : null;
  } catch {
    return null;
  }
}

async function until<T>(fn: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

let sup: Supervisor | undefined;
afterEach(() => {
  sup?.child()?.kill("SIGKILL");
  sup = undefined;
});

describe("supervise", () => {
  it("starts the server again after a kill -9, with a log line, and stops cleanly on SIGTERM", async () => {
    const lines: string[] = [];
    let exitCode: number | undefined;
    sup = supervise({
      server: () => ({ command: process.execPath, args: ["-e", SERVER] }),
      initialBackoffMs: 200,
      log: (l) => lines.push(l),
      exit: (c) => (exitCode = c),
      handleSignals: false,
    });
    const first = await until(health);
    expect(first.pid).toBe(sup.child()?.pid);

    process.kill(first.pid, "SIGKILL");
    const second = await until(async () => {
      const h = await health();
      return h && h.pid !== first.pid ? h : null;
    });
    expect(second.pid).toBe(sup.child()?.pid);
    expect(sup.restarts()).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^vmcompare: the server was killed by SIGKILL after [\d.]+ s; restarting in 0\.2 s \(restart 1\)\.$/)]);

    sup.stop("SIGTERM");
    await until(async () => (exitCode !== undefined ? true : null));
    expect(exitCode).toBe(0);
    expect(await health()).toBeNull();
    expect(sup.restarts()).toBe(1);
  }, 40_000);

  it("backs off on repeated quick failures and then gives up with exit 1", async () => {
    const lines: string[] = [];
    let exitCode: number | undefined;
    const started: number[] = [];
    sup = supervise({
      server: () => {
        started.push(Date.now());
        return { command: process.execPath, args: ["-e", "process.exit(3)"] };
      },
      initialBackoffMs: 50,
      maxQuickFailures: 3,
      log: (l) => lines.push(l),
      exit: (c) => (exitCode = c),
      handleSignals: false,
    });
    await until(async () => (exitCode !== undefined ? true : null));
    expect(exitCode).toBe(1);
    expect(started).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => /restarting in ([\d.]+) s/.exec(l)?.[1])).toEqual(["0.1", "0.1", "0.2"]);
    expect(lines[3]).toMatch(/exited with code 3 .*giving up/);
    // The pauses grow: 50, 100, 200 ms.
    expect(started[3] - started[2]).toBeGreaterThanOrEqual(190);
  }, 40_000);
});

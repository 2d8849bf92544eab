import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Operations on the production server (scripts/serve.ts, a current build:
 * the test command runs this right after `next build` with
 * VMC_AFTER_BUILD=1): /api/metrics values move with requests, every answer
 * carries its request id and has its JSON log line, the health probes answer,
 * and `npm run db:backup` copies the database while the server runs.
 */
const built = process.env.VMC_AFTER_BUILD === "1" && fs.existsSync(path.join(process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"));
const PORT = 3471;
const BASE = `http://127.0.0.1:${PORT}`;
const TOKEN = "serve-observability-token-0123456789";

/** The value of one sample line (name with its labels exactly as exposed), or null. */
function sample(text: string, series: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(series + " "));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe.skipIf(!built)("operations on the production server", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-observe-"));
  let server: ChildProcess;
  let out = "";
  let err = "";

  beforeAll(async () => {
    server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: { ...process.env, DATABASE_URL: `pglite:${dir}`, DEMO_DATA: "off", PORT: String(PORT), METRICS_TOKEN: TOKEN, LOG_REQUESTS: "on", TRUST_PROXY: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (b) => (out += b));
    server.stderr!.on("data", (b) => (err += b));
    for (let i = 0; i < 360; i++) {
      const ok = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the server did not answer:\n${out}\n${err}`);
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers the liveness and readiness probes, and the old health check as before", async () => {
    const live = await fetch(`${BASE}/api/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers.get("cache-control")).toBe("no-store");
    const ready = await fetch(`${BASE}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", database: "pglite" });
    const health = await fetch(`${BASE}/api/health`);
    expect(await health.json()).toMatchObject({ status: "ok", database: "pglite", vms: 0 });
  });

  it("counts requests and their durations by route, and the render cache's hits", async () => {
    const scrape = async () => {
      const res = await fetch(`${BASE}/api/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      expect(res.headers.get("cache-control")).toBe("no-store");
      return res.text();
    };
    const before = await scrape();
    const series = 'vmcompare_http_requests_total{route="/api/v1/vms/[id]",method="GET",status="404"}';
    const count = 'vmcompare_http_request_duration_seconds_count{route="/api/v1/vms/[id]",method="GET"}';
    for (const id of ["nosuch1", "nosuch2", "nosuch3"]) expect((await fetch(`${BASE}/api/v1/vms/${id}`)).status).toBe(404);
    // One render of the list, then two answers from the render cache.
    for (let i = 0; i < 3; i++) expect((await fetch(`${BASE}/api/v1/vms?size=5`)).status).toBe(200);
    const after = await scrape();
    expect((sample(after, series) ?? 0) - (sample(before, series) ?? 0)).toBe(3);
    expect((sample(after, count) ?? 0) - (sample(before, count) ?? 0)).toBe(3);
    expect(sample(after, 'vmcompare_http_requests_total{route="/api/v1/vms",method="GET",status="200"}')).toBe(3);
    expect(sample(after, "vmcompare_render_cache_hits_total")! - (sample(before, "vmcompare_render_cache_hits_total") ?? 0)).toBeGreaterThanOrEqual(2);
    expect(sample(after, "vmcompare_render_cache_hit_ratio")).toBeGreaterThan(0);
    expect(sample(after, "vmcompare_render_gate_waiting")).toBe(0);
    expect(sample(after, "vmcompare_render_gate_concurrency")).toBe(2);
    expect(sample(after, 'vmcompare_import_jobs{status="pending"}')).toBe(0);
    expect(sample(after, "vmcompare_parse_jobs_waiting")).toBe(0);
    // The scrapes themselves are counted under their route, not their URL.
    expect(sample(after, 'vmcompare_http_requests_total{route="/api/metrics",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain("nosuch");
  });

  it("refuses /api/metrics through a proxy without the token, and serves it with the token", async () => {
    const proxied = await fetch(`${BASE}/api/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } });
    expect(proxied.status).toBe(401);
    await proxied.text();
    const withToken = await fetch(`${BASE}/api/metrics`, { headers: { "x-forwarded-for": "203.0.113.7", authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain("# TYPE vmcompare_http_requests_total counter");
  });

  it("echoes a valid X-Request-Id, makes one up otherwise, and logs one JSON line per request with it", async () => {
    const mine = await fetch(`${BASE}/vms/does-not-exist`, { headers: { "x-request-id": "probe-7f3a" } });
    expect(mine.headers.get("x-request-id")).toBe("probe-7f3a");
    await mine.text();
    const bad = await fetch(`${BASE}/api/health/live`, { headers: { "x-request-id": "no spaces allowed" } });
    const made = bad.headers.get("x-request-id")!;
    expect(made).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    await bad.text();
    await new Promise((r) => setTimeout(r, 300));
    const lines = out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    const a = lines.find((l) => l.requestId === "probe-7f3a");
    expect(a).toMatchObject({ level: "info", msg: "request", method: "GET", route: "/vms/[id]", status: 404 });
    expect(typeof a.durationMs).toBe("number");
    expect(lines.find((l) => l.requestId === made)).toMatchObject({ route: "/api/health/live", status: 200 });
    // Neither the path's id nor the client's address is logged.
    expect(out).not.toContain("does-not-exist");
    expect(out).not.toContain("127.0.0.1\"");
  });

  it("copies the database with `npm run db:backup` while the server runs", () => {
    const file = path.join(dir, "..", `vmc-observe-backup-${process.pid}.tar.gz`);
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/db-backup.ts", file], {
        env: { ...process.env, DATABASE_URL: `pglite:${dir}` },
        encoding: "utf8",
        timeout: 180_000,
      });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/written to .* \(\d+\.\d MiB, from the running server/);
      expect(fs.statSync(file).size).toBeGreaterThan(1000);
      // The server still serves.
    } finally {
      fs.rmSync(file, { force: true });
    }
  }, 200_000);
});

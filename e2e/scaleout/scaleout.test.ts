import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook } from "@/bench/fixtures-gen/rvtools-workbook";
import { adminQuery } from "@/lib/db/admin-query";
import { FRESH_COOKIE } from "@/lib/db/read-route";
import { DEFAULT_DEMO_COUNT } from "@/lib/demo/generate";
import { distinctContribution, formatResult, runLoad } from "../load/load-run";
import { startServer, type RunningServer } from "../server/production-server";

/**
 * Issue 18 §2, many processes on one PostgreSQL: three production servers (scripts/serve.ts, what
 * `npm start` runs) on one database, behind nginx configured by deploy/nginx.conf.template (the file
 * docs/deploy.md documents), each started at the same moment. Checks that the first-start work ran
 * once, that the browser smoke tests pass through nginx, that the write rate limit is one limit
 * across processes, that a bulk import started on one process finishes on the others, that a
 * write through one process shows on another's cached pages within the version clock's promise,
 * that a read replica URL is used for reads, that a short load run through nginx has no error, and
 * that `npm start` with WORKERS runs a cluster (and refuses WORKERS with the embedded database).
 */
const ADMIN = process.env.TEST_DATABASE_URL;
if (!ADMIN && process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the scale-out test may not be skipped");

const ROOT = path.resolve(__dirname, "..", "..");
const BASE_PORT = Number(process.env.SCALEOUT_PORT ?? 3491);
const NGINX_PORT = BASE_PORT;
const APP_PORTS = [BASE_PORT + 10, BASE_PORT + 11, BASE_PORT + 12];
const CLUSTER_PORT = BASE_PORT + 13;
/** The version clock's promise (lib/server/site-version.ts): a write shows on other processes within 1 s. */
const VERSION_TTL_MS = 1000;
const RATE_LIMIT = 300;
// Three servers start at once and one seeds the 5,000 demo VMs (about a minute on two quiet cores).
const START_TIMEOUT_MS = Number(process.env.SCALEOUT_START_SECONDS ?? 300) * 1000;
const SMOKE_TIMEOUT_MS = Number(process.env.SCALEOUT_SMOKE_SECONDS ?? 240) * 1000;

function nginxBinary(): string | null {
  for (const p of [process.env.NGINX_PATH, "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]) if (p && fs.existsSync(p)) return p;
  const which = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** deploy/nginx.conf.template with its placeholders filled in, as envsubst would. */
export function renderNginxTemplate(vars: Record<string, string>): string {
  const text = fs.readFileSync(path.join(ROOT, "deploy", "nginx.conf.template"), "utf8");
  return text.replace(/\$\{(VMC_[A-Z_]+)\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`deploy/nginx.conf.template uses \${${name}}, which the test does not set`);
    return vars[name];
  });
}

type Answer = { status: number; headers: Headers; text: string };

async function call(url: string, init: RequestInit & { client?: string } = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  // Through nginx (or straight to a process, which believes loopback proxies): the client address the rate limit keys on.
  if (init.client) headers.set("x-forwarded-for", init.client);
  const r = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(120_000) });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

const totalOf = (html: string): number | null => {
  const m = html.match(/data-testid="total-vms"[^>]*>([\d,]+)</);
  return m ? Number(m[1].replace(/,/g, "")) : null;
};

describe.skipIf(!ADMIN)("three processes behind nginx on one PostgreSQL", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-scaleout-"));
  const dbName = `vmc_scaleout_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  let dbUrl = "";
  let replicaUrl = "";
  const secret = crypto.randomBytes(32).toString("hex");
  let servers: RunningServer[] = [];
  let nginx: ChildProcess | null = null;
  let nginxLog = "";
  const viaNginx = `http://127.0.0.1:${NGINX_PORT}`;
  const direct = APP_PORTS.map((p) => `http://127.0.0.1:${p}`);

  beforeAll(async () => {
    const bin = nginxBinary();
    if (!bin) throw new Error("nginx is not installed: run `bash scripts/ensure-system-deps.sh` as root (apt-get install nginx).");
    await adminQuery(ADMIN!, `CREATE DATABASE ${dbName}`);
    const u = new URL(ADMIN!);
    u.pathname = `/${dbName}`;
    dbUrl = u.toString();
    // The primary itself stands in for a replica (no replication here); its own application name tells its sessions apart.
    u.searchParams.set("application_name", "vmc_replica");
    replicaUrl = u.toString();

    const env = {
      FINGERPRINT_SECRET: secret,
      TRUST_PROXY: "loopback",
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      DATABASE_READ_URL: replicaUrl,
      DUMP_DIR: path.join(work, "dumps"),
      DEMO_DATA: "on",
    };
    // All three at once: one migrates and seeds, the others wait for it (lib/db/advisory-lock.ts).
    servers = await Promise.all(
      APP_PORTS.map((port) => startServer({ database: "postgresql", databaseUrl: dbUrl, port, env, maxOldSpaceMiB: 1024, startTimeoutMs: START_TIMEOUT_MS })),
    );

    fs.mkdirSync(path.join(work, "nginx"), { recursive: true });
    // nginx's workers run as an unprivileged user when started by root: they must reach their temporary folders.
    fs.chmodSync(work, 0o755);
    fs.chmodSync(path.join(work, "nginx"), 0o777);
    const site = renderNginxTemplate({
      VMC_LISTEN: `127.0.0.1:${NGINX_PORT}`,
      VMC_SERVER_NAME: "localhost",
      VMC_UPSTREAMS: APP_PORTS.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join("\n"),
      VMC_CACHE_DIR: path.join(work, "nginx", "cache"),
    });
    fs.writeFileSync(path.join(work, "nginx", "vmcompare.conf"), site);
    const n = path.join(work, "nginx");
    fs.writeFileSync(
      path.join(n, "nginx.conf"),
      [
        "worker_processes 1;",
        `pid ${n}/nginx.pid;`,
        `error_log ${n}/error.log warn;`,
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((t) => `  ${t}_temp_path ${n}/${t}_temp;`),
        `  include ${n}/vmcompare.conf;`,
        "}",
        "",
      ].join("\n"),
    );
    const check = spawnSync(bin, ["-t", "-p", n, "-c", path.join(n, "nginx.conf")], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx rejects the rendered deploy/nginx.conf.template:\n${check.stderr}`);
    nginx = spawn(bin, ["-p", n, "-c", path.join(n, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout!.on("data", (b: Buffer) => (nginxLog += b.toString()));
    nginx.stderr!.on("data", (b: Buffer) => (nginxLog += b.toString()));
    const deadline = Date.now() + 20_000;
    while (!(await fetch(`${viaNginx}/api/health`).then((r) => r.ok, () => false))) {
      if (Date.now() > deadline || nginx.exitCode !== null) throw new Error(`nginx did not start:\n${nginxLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, START_TIMEOUT_MS + 60_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill("SIGQUIT");
      await new Promise((r) => nginx!.once("exit", r));
    }
    await Promise.all(servers.map((s) => s.stop()));
    if (dbUrl) await adminQuery(ADMIN!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it("seeded the demo data once although three processes started at once on an empty database", async () => {
    for (const base of direct) {
      const h = JSON.parse((await call(`${base}/api/health`)).text) as { database: string; vms: number };
      expect(h).toMatchObject({ database: "postgresql", vms: DEFAULT_DEMO_COUNT });
    }
    const seeders = servers.filter((s) => /adding demo VMs/.test(s.log()));
    expect(seeders.length, "processes that seeded").toBe(1);
  });

  it("passes the browser smoke tests through nginx", async () => {
    // Not spawnSync: a blocked event loop would keep this process's idle keep-alive sockets past their close.
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules", "@playwright", "test", "cli.js"), "test", "-c", "e2e/scaleout/playwright.config.ts"], {
      cwd: ROOT,
      env: { ...process.env, SCALEOUT_BASE_URL: viaNginx, CI: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    const kill = setTimeout(() => child.kill("SIGTERM"), SMOKE_TIMEOUT_MS);
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    clearTimeout(kill);
    console.log(out.split("\n").filter((l) => /✓|✘|passed|failed|skipped/.test(l)).join("\n"));
    expect(code, out.slice(-4000)).toBe(0);
    // Every smoke spec the config picks ran and passed (at least the four it was written with).
    expect(Number(out.match(/\b(\d+) passed/)?.[1] ?? 0)).toBeGreaterThanOrEqual(4);
    expect(out).not.toMatch(/\b\d+ failed/);
  }, SMOKE_TIMEOUT_MS + 20_000);

  it("serves public pages from nginx's cache, and a writer's own reads past it", async () => {
    await call(`${viaNginx}/workloads`);
    const second = await call(`${viaNginx}/workloads`);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-cache-status")).toBe("HIT");
    const fresh = await call(`${viaNginx}/workloads`, { headers: { cookie: `${FRESH_COOKIE}=1` } });
    expect(fresh.headers.get("x-cache-status")).toBe("BYPASS");
    expect(fresh.headers.get("cache-control")).toBe("no-store");
  });

  it("counts writes spread over every process against one rate limit", async () => {
    // Writes with an empty body are refused after they are counted: cheap, and nothing is stored.
    const client = "198.51.100.7";
    const targets = [viaNginx, ...direct];
    const total = RATE_LIMIT + 20;
    const statuses: number[] = [];
    const perTarget = new Map<string, number>();
    for (let i = 0; i < total; i += 20) {
      const batch = Array.from({ length: Math.min(20, total - i) }, (_, k) => targets[(i + k) % targets.length]);
      for (const t of batch) perTarget.set(t, (perTarget.get(t) ?? 0) + 1);
      const answers = await Promise.all(
        batch.map((t) => call(`${t}/api/v1/vms`, { method: "POST", client, headers: { "content-type": "application/json" }, body: "{}" })),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    // No one process saw enough writes to reach the limit on its own.
    for (const [t, n] of perTarget) if (t !== viaNginx) expect(n).toBeLessThan(RATE_LIMIT);
    expect(statuses.filter((s) => s === 429).length, "429s past the limit").toBe(20);
    expect(statuses.filter((s) => s !== 429).every((s) => s >= 400 && s < 500 && s !== 413)).toBe(true);
    // Another client is not affected.
    const other = await call(`${direct[0]}/api/v1/vms`, { method: "POST", client: "198.51.100.8", headers: { "content-type": "application/json" }, body: "{}" });
    expect(other.status).not.toBe(429);
  });

  it("finishes through other processes a bulk import started through one", async () => {
    const xlsx = await writeRvtoolsWorkbook(generateRvtoolsEnvironment({ vms: 600, seed: 18 }), "current");
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(xlsx)]), "RVTools_export_all.xlsx");
    form.append("rules", JSON.stringify([{ kind: "all", slug: "nginx" }]));
    const created = await call(`${direct[0]}/api/v1/imports`, { method: "POST", client: "198.51.100.20", body: form });
    expect(created.status, created.text).toBe(201);
    const { job, token } = JSON.parse(created.text) as { job: { id: string; total: number; batchCount: number }; token: string };
    expect(job.batchCount).toBeGreaterThanOrEqual(3);
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const ran: number[] = [];
    for (let i = 0; i < job.batchCount; i++) {
      const p = 1 + (i % 2); // processes 2 and 3, never the one that staged it
      const r = await call(`${direct[p]}/api/v1/imports/${job.id}/next`, { method: "POST", client: "198.51.100.20", headers: auth, body: JSON.stringify({ requestId: `scaleout-${job.id}-${i}` }) });
      expect(r.status, r.text).toBe(200);
      ran.push(p);
    }
    expect(new Set(ran).size).toBe(2);
    const status = await call(`${direct[2]}/api/v1/imports/${job.id}`, { client: "198.51.100.20", headers: { authorization: `Bearer ${token}` } });
    const done = JSON.parse(status.text) as { job?: { status: string; imported: number; duplicates: number; batchesDone: number } } & { status?: string; imported?: number; duplicates?: number };
    const j = done.job ?? (done as { status: string; imported: number; duplicates: number });
    expect(j.status).toBe("done");
    expect(j.imported + j.duplicates).toBe(job.total);
    expect(j.imported).toBeGreaterThan(0);
  }, 180_000);

  it("shows a write through one process on another's cached page within the version clock's promise", async () => {
    const reader = direct[1];
    await call(`${reader}/`);
    const kept = await call(`${reader}/`);
    expect(kept.headers.get("x-vmcompare-cache"), "the page is served from the render cache").toBe("hit");
    const before = totalOf(kept.text)!;
    expect(before).toBeGreaterThan(0);

    // Process 2 is read all along, so that its version clock is in use when the write lands.
    const seen: { sent: number; total: number | null }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const sent = Date.now();
        const r = await call(`${reader}/`);
        seen.push({ sent, total: totalOf(r.text) });
        await new Promise((res) => setTimeout(res, 50));
      }
    })();
    await new Promise((res) => setTimeout(res, 1500));
    const w = await call(`${direct[0]}/api/v1/vms`, {
      method: "POST",
      client: "198.51.100.30",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(distinctContribution(1, Date.now() % 1e6)),
    });
    expect(w.status, w.text).toBe(201);
    expect(w.headers.get("set-cookie") ?? "").toContain(`${FRESH_COOKIE}=1`);
    const wroteAt = Date.now();
    const shown = () => seen.find((x) => x.sent >= wroteAt && x.total !== null && x.total > before);
    while (!shown() && Date.now() - wroteAt < 15_000) await new Promise((res) => setTimeout(res, 50));
    polling = false;
    await poller;
    const first = shown();
    expect(first, "the write never showed on process 2").toBeDefined();
    // Every request sent past the promise (1 s, and a second's slack for one version read on a busy machine) sees it.
    const staleLate = seen.filter((x) => x.sent >= wroteAt + VERSION_TTL_MS + 1000 && !(x.total !== null && x.total > before));
    expect(staleLate).toEqual([]);
    const staleSoon = seen.filter((x) => x.sent >= wroteAt && x.sent < first!.sent).length;
    console.log(
      `a write through process 1 showed on process 2's cached page ${first!.sent - wroteAt} ms after it was acknowledged ` +
        `(${staleSoon} answers from before; promise: ${VERSION_TTL_MS} ms + one version read)`,
    );

    // Through nginx, whose cache keeps "/" for a minute: the writer, carrying the cookie its write set, sees it at once.
    const fresh = await call(`${viaNginx}/`, { headers: { cookie: `${FRESH_COOKIE}=1` } });
    expect(totalOf(fresh.text)).toBeGreaterThan(before);
  });

  it("sends page reads to the read replica's connections", async () => {
    const { Client } = await import("pg");
    const c = new Client({ connectionString: dbUrl });
    await c.connect();
    try {
      await call(`${direct[2]}/vms?sort=memory&q=${Date.now()}`);
      const r = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'vmc_replica'`,
      );
      expect(r.rows[0].n, "sessions of DATABASE_READ_URL").toBeGreaterThan(0);
    } finally {
      await c.end();
    }
  });

  it("answers a short load run through nginx without an error", async () => {
    const readers = 40;
    const r = await runLoad({ baseUrl: viaNginx, readers, writers: 2, durationMs: 8_000, requestTimeoutMs: 30_000, maxRequestsPerClient: 100 });
    console.log(formatResult("3 processes behind nginx", r));
    expect(r.reads.count).toBeGreaterThan(0);
    expect(r.reads.errors, "reads refused or unanswered").toBe(0);
    expect(r.writes.errors, "writes refused or unanswered").toBe(0);
    expect(r.writes.acknowledged).toBeGreaterThan(0);
    expect(r.lostWrites).toEqual([]);
  }, 120_000);

  it("takes nginx's 413 only past every upload limit of the app", async () => {
    // 55 MiB: over the snapshot limit (51 MiB) but under nginx's 64 MiB: the app's own 413 in JSON.
    const big = new FormData();
    big.append("files", new Blob([new Uint8Array(55 * 1024 * 1024)]), "big.vmx");
    const app = await call(`${viaNginx}/api/v1/snapshots`, { method: "POST", client: "198.51.100.40", body: big });
    expect(app.status).toBe(413);
    expect(JSON.parse(app.text)).toMatchObject({ error: { code: "too_large" } });
    const huge = new FormData();
    huge.append("files", new Blob([new Uint8Array(65 * 1024 * 1024)]), "huge.vmx");
    const proxy = await call(`${viaNginx}/api/v1/snapshots`, { method: "POST", client: "198.51.100.40", body: huge }).catch(() => null);
    // nginx answers 413 itself (or closes the connection while the body is still arriving).
    if (proxy) expect(proxy.status).toBe(413);
  }, 60_000);

  it("runs WORKERS=2 as a cluster on one port with `npm start`, and refuses WORKERS with the embedded database", async () => {
    const refused = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `pglite:${path.join(work, "pglite")}`, WORKERS: "2", PORT: String(CLUSTER_PORT) },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/WORKERS: 2 server processes need a PostgreSQL database/);

    let out = "";
    const primary = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: dbUrl, FINGERPRINT_SECRET: secret, WORKERS: "2", PORT: String(CLUSTER_PORT), DEMO_DATA: "on", TRUST_PROXY: "loopback" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    primary.stdout!.on("data", (b: Buffer) => (out += b.toString()));
    primary.stderr!.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => primary.once("exit", (code) => r(code)));
    try {
      const deadline = Date.now() + 180_000;
      while ((out.match(/database ready/g) ?? []).length < 2) {
        if (Date.now() > deadline || primary.exitCode !== null) throw new Error(`the cluster did not start:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(out).toMatch(/2 server processes \(WORKERS\) sharing port/);
      const workers = fs.readFileSync(`/proc/${primary.pid}/task/${primary.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
      expect(workers.length).toBe(2);
      const answers = await Promise.all(Array.from({ length: 6 }, () => call(`http://127.0.0.1:${CLUSTER_PORT}/api/health`, { headers: { connection: "close" } })));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      // Demo data already there: nobody seeded again.
      expect(out).not.toMatch(/adding demo VMs/);
    } finally {
      primary.kill("SIGTERM");
      const t = setTimeout(() => primary.kill("SIGKILL"), 15_000);
      expect(await exited).toBe(0);
      clearTimeout(t);
    }
  }, 240_000);
});

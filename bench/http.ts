/**
 * `npm run bench:http`: the HTTP throughput targets of issue 18 §1, measured
 * side by side with nginx in one run, on PGlite and (when TEST_DATABASE_URL
 * names a PostgreSQL server) on PostgreSQL.
 *
 * For each database it starts the production server (scripts/serve.ts, the
 * production build: run `npm run build` first) with a fresh database and the
 * demo data, saves one VM page as served, and starts nginx twice from
 * generated configurations: one serving the saved page from disk (the
 * yardstick: the same bytes at static-file speed) and one in front of the
 * app with `proxy_cache` honouring the app's Cache-Control (the
 * configuration docs/deploy.md describes, reduced to what is measured). The
 * load generator is autocannon, in this process; requests ask for no
 * compression, so every side sends the same bytes.
 *
 * Measured, each for HTTP_SECONDS after a short warm-up:
 *   - the VM page from nginx's disk, from the app, and through the proxy cache;
 *   - the list API (a rotation of filtered, sorted and paged queries) and the
 *     comparison API (GET /api/v1/vms/{id}/comparison over several VMs) from
 *     the app at HTTP_API_CONNECTIONS connections; a request unanswered after
 *     2 s counts as a timeout.
 * Targets: app ≥ 10% and proxy cache ≥ 30% of nginx's requests/s on the page;
 * APIs p99 ≤ 100 ms with 0 timeouts and 0 errors. Exits 1 when one is missed.
 *
 * Needs nginx on the PATH (Debian: `apt-get install -y nginx`; the bench
 * installs nothing). Loopback only. Options (environment): HTTP_DATABASES
 * ("pglite,postgresql"), HTTP_SECONDS (8), HTTP_WARMUP_SECONDS (2),
 * HTTP_PAGE_CONNECTIONS (100), HTTP_API_CONNECTIONS (200), HTTP_VMS (1000 demo
 * VMs: seeding is most of the start-up; the answers measured are kept, so the
 * count barely shows in them), HTTP_PORT (3104,
 * the app), HTTP_NGINX_PORT (3124; the proxy uses the next port).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startServer, type DatabaseKind } from "../e2e/server/production-server";

const seconds = Number(process.env.HTTP_SECONDS ?? 8);
const warmup = Number(process.env.HTTP_WARMUP_SECONDS ?? 2);
const pageConnections = Number(process.env.HTTP_PAGE_CONNECTIONS ?? 100);
const apiConnections = Number(process.env.HTTP_API_CONNECTIONS ?? 200);
const appPort = Number(process.env.HTTP_PORT ?? 3104);
const staticPort = Number(process.env.HTTP_NGINX_PORT ?? 3124);
const proxyPort = staticPort + 1;
const demoVms = Number(process.env.HTTP_VMS ?? 1000);
const databases = (process.env.HTTP_DATABASES ?? "pglite,postgresql").split(",").map((s) => s.trim()) as DatabaseKind[];
const TIMEOUT_S = 2;

interface Row {
  database: string;
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  timeouts: number;
  errors: number;
  non2xx: number;
  bytesPerReq: number;
}

function findNginx(): string {
  for (const p of [process.env.NGINX, "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"]) if (p && fs.existsSync(p)) return p;
  const which = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  console.error("bench/http.ts needs nginx: on Debian, `apt-get install -y nginx` (the bench installs nothing itself).");
  process.exit(2);
}

/** The nginx configuration of one variant: the saved page from disk, or the app behind proxy_cache. */
function nginxConfig(dir: string, variant: "static" | "proxy"): string {
  const common = `
worker_processes auto;
${process.getuid?.() === 0 ? "user root;" : ""}
error_log ${dir}/${variant}-error.log warn;
pid ${dir}/${variant}.pid;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65s;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  types { text/html html; application/json json; }
`;
  if (variant === "static") {
    return `${common}
  server {
    listen 127.0.0.1:${staticPort};
    root ${dir}/www;
    location / { try_files $uri $uri.html =404; }
  }
}
`;
  }
  // No proxy_cache_valid: how long an answer is kept comes from the app's Cache-Control (s-maxage,
  // stale-while-revalidate); private answers (no-store) are never kept.
  return `${common}
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=vmcompare:10m max_size=256m inactive=10m use_temp_path=off;
  upstream vmcompare { server 127.0.0.1:${appPort}; keepalive 32; }
  server {
    listen 127.0.0.1:${proxyPort};
    location / {
      proxy_pass http://vmcompare;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_cache vmcompare;
      proxy_cache_key $scheme$host$request_uri;
      proxy_cache_lock on;
      proxy_cache_use_stale error timeout updating http_500 http_502 http_503 http_504;
      proxy_cache_background_update on;
      proxy_cache_revalidate on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`;
}

async function startNginx(bin: string, dir: string, variant: "static" | "proxy"): Promise<{ stop(): Promise<void> }> {
  const conf = path.join(dir, `${variant}.conf`);
  fs.writeFileSync(conf, nginxConfig(dir, variant));
  const child: ChildProcess = spawn(bin, ["-p", dir, "-c", conf, "-e", path.join(dir, `${variant}-error.log`), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (b) => (out += b));
  child.stderr!.on("data", (b) => (out += b));
  let exited = false;
  const gone = new Promise<void>((r) => child.once("exit", () => ((exited = true), r())));
  const port = variant === "static" ? staticPort : proxyPort;
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`nginx (${variant}) exited:\n${out}${fs.readFileSync(path.join(dir, `${variant}-error.log`), "utf8")}`);
    const ok = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
    if (ok) break;
    if (i > 50) throw new Error(`nginx (${variant}) did not answer on port ${port}:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    async stop() {
      if (exited) return;
      child.kill("SIGQUIT");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await gone;
      clearTimeout(t);
    },
  };
}

async function measure(database: string, name: string, base: string, paths: string[], connections: number): Promise<Row> {
  const opts = {
    url: base,
    connections,
    timeout: TIMEOUT_S,
    // Identity encoding on every side: the same bytes.
    headers: { "accept-encoding": "identity" },
    requests: paths.map((p) => ({ method: "GET" as const, path: p })),
  };
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const r = await autocannon({ ...opts, duration: seconds });
  const row: Row = {
    database,
    name,
    connections,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    timeouts: r.timeouts,
    errors: r.errors - r.timeouts,
    non2xx: r.non2xx,
    bytesPerReq: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
  };
  console.log(
    `  ${name.padEnd(34)} ${fmt(row.rps, 8)} req/s  p50 ${fmt(row.p50, 5)} ms  p99 ${fmt(row.p99, 6)} ms  timeouts ${row.timeouts}  errors ${row.errors}  non-2xx ${row.non2xx}  ${row.bytesPerReq} B/req`,
  );
  return row;
}

const fmt = (n: number, w: number) => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toString() : n.toFixed(1)) : "–").padStart(w);

async function getJson<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** Query strings of the browse table, as the /vms page and API clients send them. */
const LIST_QUERIES = [
  "",
  "?page=2",
  "?page=3&size=50",
  "?sort=vcpus&dir=desc",
  "?sort=memory&dir=asc&page=2",
  "?family=windows",
  "?family=linux&sort=disk&dir=desc",
  "?vcpus=4..16",
  "?memory=%3E%3D8",
  "?vendor=vmware",
  "?vendor=kvm&page=2",
  "?q=sql",
  "?facets=1",
  "?facets=1&family=linux",
  "?size=100",
  "?family=linux&vcpus=%3E%3D8&sort=memory&dir=asc",
];

async function benchDatabase(nginx: string, database: DatabaseKind): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-bench-http-"));
  fs.chmodSync(dir, 0o755);
  for (const d of ["www", "tmp-body", "tmp-proxy", "tmp-fastcgi", "tmp-uwsgi", "tmp-scgi", "cache"]) fs.mkdirSync(path.join(dir, d));
  const started = Date.now();
  const server = await startServer({
    database,
    port: appPort,
    adminUrl: process.env.TEST_DATABASE_URL,
    env: { RATE_LIMIT_PER_MINUTE: "100000", TRUST_PROXY: "127.0.0.1", DEMO_COUNT: String(demoVms) },
    startTimeoutMs: 420_000,
  }).catch((e: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const stops: Array<() => Promise<void>> = [() => server.stop()];
  const rows: Row[] = [];
  try {
    const list = await getJson<{ total: number; rows: { id: string }[] }>(`${server.baseUrl}/api/v1/vms?size=20`);
    if (!list.rows.length) throw new Error("the demo data is missing: the list API returned no VM");
    console.log(`\n${database}: server ready in ${((Date.now() - started) / 1000).toFixed(1)} s, ${list.total} VMs`);
    const ids = list.rows.map((r) => r.id);
    const page = `/vms/${ids[0]}`;
    const html = Buffer.from(await (await fetch(`${server.baseUrl}${page}`, { headers: { "accept-encoding": "identity" } })).arrayBuffer());
    fs.writeFileSync(path.join(dir, "www", "vm.html"), html);
    fs.chmodSync(path.join(dir, "www", "vm.html"), 0o644);
    console.log(`  the VM page ${page}: ${html.length} bytes (saved for nginx)`);
    const again = await fetch(`${server.baseUrl}${page}`, { headers: { "accept-encoding": "identity" } });
    await again.arrayBuffer();
    console.log(`  the app's answer to the same request again: x-vmcompare-cache ${again.headers.get("x-vmcompare-cache") ?? "(none: rendered)"}`);

    const stat = await startNginx(nginx, dir, "static");
    stops.unshift(() => stat.stop());
    const proxy = await startNginx(nginx, dir, "proxy");
    stops.unshift(() => proxy.stop());

    const staticBase = `http://127.0.0.1:${staticPort}`;
    const proxyBase = `http://127.0.0.1:${proxyPort}`;
    rows.push(await measure(database, "VM page, nginx from disk", staticBase, ["/vm.html"], pageConnections));
    rows.push(await measure(database, "VM page, app", server.baseUrl, [page], pageConnections));
    rows.push(await measure(database, "VM page, nginx proxy_cache", proxyBase, [page], pageConnections));
    const probe = await fetch(`${proxyBase}${page}`, { headers: { "accept-encoding": "identity" } });
    await probe.arrayBuffer();
    console.log(`  proxy cache status after the run: ${probe.headers.get("x-cache-status")} (Cache-Control: ${probe.headers.get("cache-control")})`);
    // Each answer is rendered once first (a cold cache after a write costs that again): what is measured
    // is the steady state between writes, which is what the targets are about.
    const apiPaths = [...LIST_QUERIES.map((q) => `/api/v1/vms${q}`), ...ids.map((id) => `/api/v1/vms/${id}/comparison`)];
    const t = Date.now();
    const slowest = { ms: 0, path: "" };
    for (const p of apiPaths) {
      const t1 = Date.now();
      const r = await fetch(`${server.baseUrl}${p}`, { headers: { "accept-encoding": "identity" }, signal: AbortSignal.timeout(60_000) });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`${p}: ${r.status}`);
      if (Date.now() - t1 > slowest.ms) Object.assign(slowest, { ms: Date.now() - t1, path: p });
    }
    console.log(`  ${apiPaths.length} API answers rendered once in ${((Date.now() - t) / 1000).toFixed(1)} s (slowest ${slowest.ms} ms: ${slowest.path})`);
    rows.push(await measure(database, "list API, app", server.baseUrl, LIST_QUERIES.map((q) => `/api/v1/vms${q}`), apiConnections));
    rows.push(await measure(database, "comparison API, app", server.baseUrl, ids.map((id) => `/api/v1/vms/${id}/comparison`), apiConnections));
  } finally {
    for (const stop of stops) await stop().catch((e) => console.error(e));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function verdicts(rows: Row[]): { text: string; ok: boolean }[] {
  const out: { text: string; ok: boolean }[] = [];
  for (const db of [...new Set(rows.map((r) => r.database))]) {
    const of = (name: string) => rows.find((r) => r.database === db && r.name === name);
    const nginx = of("VM page, nginx from disk");
    const app = of("VM page, app");
    const proxy = of("VM page, nginx proxy_cache");
    if (nginx && app) {
      const ratio = app.rps / nginx.rps;
      out.push({ text: `${db}: app / nginx = ${(ratio * 100).toFixed(1)}% (target ≥ 10%)`, ok: ratio >= 0.1 && app.non2xx + app.errors + app.timeouts === 0 });
    }
    if (nginx && proxy) {
      const ratio = proxy.rps / nginx.rps;
      out.push({ text: `${db}: proxy_cache / nginx = ${(ratio * 100).toFixed(1)}% (target ≥ 30%)`, ok: ratio >= 0.3 && proxy.non2xx + proxy.errors + proxy.timeouts === 0 });
    }
    for (const api of ["list API, app", "comparison API, app"]) {
      const r = of(api);
      if (!r) continue;
      out.push({
        text: `${db}: ${api.replace(", app", "")} at ${r.connections} connections: p99 ${r.p99} ms, ${r.timeouts} timeouts, ${r.errors + r.non2xx} errors (target p99 ≤ 100 ms, 0 timeouts)`,
        ok: r.p99 <= 100 && r.timeouts === 0 && r.errors === 0 && r.non2xx === 0,
      });
    }
  }
  return out;
}

async function main() {
  const nginx = findNginx();
  const t0 = Date.now();
  console.log(`bench:http — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${spawnSync(nginx, ["-v"], { encoding: "utf8" }).stderr.trim()}`);
  console.log(`${seconds} s per measurement after ${warmup} s of warm-up; page at ${pageConnections} connections, APIs at ${apiConnections}; timeout ${TIMEOUT_S} s`);
  const rows: Row[] = [];
  for (const database of databases) {
    if (database === "postgresql" && !process.env.TEST_DATABASE_URL) {
      console.log("\npostgresql: skipped (set TEST_DATABASE_URL to a server where the user may CREATE DATABASE)");
      continue;
    }
    rows.push(...(await benchDatabase(nginx, database)));
  }
  console.log("\n| database | what | connections | req/s | p50 ms | p99 ms | timeouts | errors |");
  console.log("|---|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.database} | ${r.name} | ${r.connections} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.timeouts} | ${r.errors + r.non2xx} |`);
  }
  console.log("");
  const v = verdicts(rows);
  for (const x of v) console.log(`${x.ok ? "PASS" : "MISS"}  ${x.text}`);
  console.log(`\nbench:http finished in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.exit(v.every((x) => x.ok) ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

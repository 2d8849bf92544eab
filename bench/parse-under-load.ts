/**
 * Page reads while a 25 MB RVTools workbook is parsed (issue 14: "page reads keep their p99 within
 * 2x of an idle server"). Loopback only, bounded in time.
 *
 *   npm run build && npx tsx bench/parse-under-load.ts
 *
 * Starts the production server (scripts/serve.ts, what `npm start` runs) on BENCH_PORT (default 3442) with a fresh embedded
 * database holding the demo VMs, or uses BENCH_URL (a loopback URL) when given. Reads pages with
 * BENCH_READERS concurrent readers (default 4) for BENCH_IDLE_S seconds (default 20) on the idle
 * server, then again while the workbook is uploaded to /api/v1/imports/preview (parsed and
 * summarized), and prints p50/p99 of both, their ratio, the upload's time and status, and the
 * server's peak RSS.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateRvtoolsWorkbook } from "./fixtures-gen/rvtools-workbook";

const PORT = Number(process.env.BENCH_PORT ?? 3442);
const READERS = Number(process.env.BENCH_READERS ?? 4);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 20);
const VMS = Number(process.env.BENCH_VMS ?? 28_500); // about 25 MB
const MAX_UPLOAD_S = 600;
const PAGES = ["/vms", "/api/v1/vms?sort=memory&dir=desc&size=50", "/api/v1/vms?app=microsoft-sql-server&size=25", "/workloads", "/api/health"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function loopback(url: string): string {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) throw new Error(`BENCH_URL must be a loopback address, not ${host}`);
  return url.replace(/\/$/, "");
}

async function waitForHealth(base: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the server at ${base} did not answer /api/health within ${ms / 1000} s`);
}

/** Readers fetch pages in a loop until `stop` resolves; latencies in ms. */
async function readUntil(base: string, stop: Promise<unknown>): Promise<{ latencies: number[]; errors: number; failed: Record<string, number> }> {
  let done = false;
  void stop.finally(() => (done = true));
  const latencies: number[] = [];
  let errors = 0;
  const failed: Record<string, number> = {};
  const fail = (what: string) => {
    errors++;
    failed[what] = (failed[what] ?? 0) + 1;
  };
  await Promise.all(
    Array.from({ length: READERS }, async (_, r) => {
      for (let i = r; !done; i++) {
        const t = performance.now();
        const page = PAGES[i % PAGES.length];
        try {
          const res = await fetch(`${base}${page}`, { signal: AbortSignal.timeout(60_000) });
          await res.arrayBuffer();
          if (res.ok) latencies.push(performance.now() - t);
          else fail(`${page} ${res.status}`);
        } catch (e) {
          fail(`${page} ${(e as Error).name}`);
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, failed };
}

function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function main() {
  let server: ChildProcess | undefined;
  let dataDir: string | undefined;
  let base: string;
  if (process.env.BENCH_URL) {
    base = loopback(process.env.BENCH_URL);
  } else {
    base = `http://127.0.0.1:${PORT}`;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-parse-bench-"));
    // The production entry (`npm start` supervises it): render gate and render cache included.
    // RENDER_CACHE_MB=0 measures every read as a render.
    server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
      env: { ...process.env, NODE_ENV: "production", DATABASE_URL: `pglite:${dataDir}`, DEMO_DATA: "on", RATE_LIMIT_PER_MINUTE: "100000", PORT: String(PORT),
        // The whole parse is measured, even on a slow or busy machine.
        PARSE_TIMEOUT_SECONDS: process.env.PARSE_TIMEOUT_SECONDS ?? "900" },
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  try {
    const cache = path.join("bench", "out", `rvtools-${VMS}.xlsx`);
    let workbook: Buffer;
    if (fs.existsSync(cache)) workbook = fs.readFileSync(cache);
    else {
      console.error(`generating a workbook of ${VMS} VMs (cached in ${cache})…`);
      workbook = await generateRvtoolsWorkbook({ vms: VMS, seed: 7, templates: 20 });
      fs.mkdirSync(path.dirname(cache), { recursive: true });
      fs.writeFileSync(cache, workbook);
    }
    await waitForHealth(base, 300_000);
    // Warm the pages so the idle phase does not pay first-request costs.
    await readUntil(base, new Promise((r) => setTimeout(r, 3_000)));

    const idle = await readUntil(base, new Promise((r) => setTimeout(r, IDLE_S * 1000)));

    let peakRss = rssMiB(server?.pid) ?? 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(server?.pid) ?? 0)), 250);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(workbook)]), "RVTools_export_all.xlsx");
    const t = performance.now();
    const upload = fetch(`${base}/api/v1/imports/preview`, { method: "POST", body: form, signal: AbortSignal.timeout(MAX_UPLOAD_S * 1000) }).then(
      async (res) => ({ status: res.status, body: await res.text(), ms: performance.now() - t }),
      (e: Error) => ({ status: 0, body: e.message, ms: performance.now() - t }),
    );
    const busy = await readUntil(base, upload);
    clearInterval(sampler);
    const up = await upload;

    const row = (name: string, r: { latencies: number[]; errors: number; failed: Record<string, number> }) =>
      `${name}\treads ${r.latencies.length}\terrors ${r.errors}${r.errors ? ` ${JSON.stringify(r.failed)}` : ""}\tp50 ${percentile(r.latencies, 50).toFixed(1)} ms\tp99 ${percentile(r.latencies, 99).toFixed(1)} ms`;
    console.log(`workbook\t${(workbook.length / 2 ** 20).toFixed(1)} MiB\t${VMS} VMs`);
    console.log(row("idle", idle));
    console.log(row("during-parse", busy));
    console.log(`p99-ratio\t${(percentile(busy.latencies, 99) / percentile(idle.latencies, 99)).toFixed(2)}`);
    const summary = up.status === 200 ? `${(JSON.parse(up.body) as { vmCount: number }).vmCount} VMs` : up.body.slice(0, 200);
    console.log(`upload\tstatus ${up.status}\t${(up.ms / 1000).toFixed(1)} s\t${summary}`);
    if (server) console.log(`server-peak-rss\t${peakRss} MiB`);
  } finally {
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

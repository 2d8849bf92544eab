import crypto from "node:crypto";
import http from "node:http";
import { Worker } from "node:worker_threads";
import { generateDemoVms } from "@/lib/demo/generate";
import { blankVm } from "@/lib/vm/model";

/**
 * A bounded read/write burst against a running server (loopback only): page
 * readers and API writers loop until the burst ends, then every acknowledged
 * write is read back. Every loop stops by itself: at the end of the burst or
 * after `maxRequestsPerClient`, and every request has a timeout.
 */
export interface LoadOptions {
  baseUrl: string;
  readers: number;
  writers: number;
  durationMs: number;
  /** Per request; a write still unanswered then counts as an error with this latency. */
  requestTimeoutMs?: number;
  maxRequestsPerClient?: number;
  /** After the burst, how long to wait for the server to answer again before checking the writes. */
  drainTimeoutMs?: number;
}

export interface Latencies {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface LoadResult {
  durationMs: number;
  reads: Latencies & { errors: number; byStatus: Record<string, number> };
  writes: Latencies & { errors: number; byStatus: Record<string, number>; acknowledged: number };
  /** Acknowledged writes (201 with an id) that GET /api/v1/vms/{id} could not read back afterwards. */
  lostWrites: string[];
  /** A few error descriptions, for the report. */
  samples: string[];
}

export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(ms: number[]): Latencies {
  const s = [...ms].sort((a, b) => a - b);
  return { count: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : null };
}

function assertLoopback(baseUrl: string): void {
  const host = new URL(baseUrl).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") {
    throw new Error(`The load test only runs against a loopback server, not ${host}.`);
  }
}

/** A contribution no other writer sends: a random identity key and a run-unique disk size. */
export function distinctContribution(n: number, runTag: number) {
  const vm = blankVm("manual");
  vm.cpu = { ...vm.cpu, vcpus: 1 + (n % 16) };
  vm.memoryMiB = 1024 * (1 + (n % 64));
  vm.disks = [{ sizeGiB: 20 + (runTag % 1000) + n / 1000, bus: "scsi", provisioning: "thin" } as (typeof vm.disks)[number]];
  vm.guestOs = { id: null, family: n % 2 ? "linux" : "windows", name: null } as typeof vm.guestOs;
  return {
    vm,
    tags: [{ slug: n % 3 ? "mssql" : "apache-httpd", primary: true }],
    identityKey: crypto.randomBytes(32).toString("hex"),
  };
}

/**
 * Publishes `count` demo-generator VMs through the API, 250 per request: a
 * realistic table in seconds, where the first-start demo seeding of 5,000
 * takes most of a minute on two cores.
 */
export async function seedThroughApi(baseUrl: string, count: number, seed = 1408): Promise<number> {
  assertLoopback(baseUrl);
  const demo = generateDemoVms({ count, seed });
  let published = 0;
  for (let i = 0; i < demo.length; i += 250) {
    // A random identity key each: demo configurations repeat, and a duplicate would refuse its whole batch.
    const vms = demo.slice(i, i + 250).map((d) => ({ vm: d.vm, tags: d.tags, context: d.context, identityKey: crypto.randomBytes(32).toString("hex") }));
    const res = await fetch(`${baseUrl}/api/v1/vms`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ vms }),
      signal: AbortSignal.timeout(120_000),
    });
    const body = await res.text();
    if (res.status === 201) published += vms.length;
    else throw new Error(`Seeding failed: ${res.status} ${body.slice(0, 300)}`);
  }
  return published;
}

type Timed = { status: number; ms: number; body: string; error?: string };

const READER_SOURCE = String.raw`
const http = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const { base, urls, readers, end, timeout, maxPerClient } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: readers });
const ms = [], status = {}, samples = [];
let errors = 0;
function get(url) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.get(url, { agent, timeout }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t0 }));
      res.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, error: e.message }));
  });
}
async function reader(r) {
  for (let i = 0; i < maxPerClient && Date.now() < end; i++) {
    const url = base + urls[(r * 7 + i) % urls.length];
    const res = await get(url);
    status[res.status] = (status[res.status] || 0) + 1;
    if (res.status === 200) ms.push(res.ms);
    else {
      errors++;
      if (samples.length < 5) samples.push("read " + url + " -> " + res.status + " " + (res.error || ""));
    }
  }
}
Promise.all(Array.from({ length: readers }, (_, r) => reader(r))).then(() => {
  agent.destroy();
  parentPort.postMessage({ ms, status, errors, samples });
});
`;

/** One request over a keep-alive agent; the body is kept only when asked for. */
function request(url: string, agent: http.Agent, timeoutMs: number, opts: { method?: string; body?: string; keepBody?: boolean } = {}): Promise<Timed> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const headers: http.OutgoingHttpHeaders = opts.body != null ? { "content-type": "application/json", "content-length": Buffer.byteLength(opts.body) } : {};
    const req = http.request(url, { method: opts.method ?? "GET", agent, timeout: timeoutMs, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => opts.keepBody !== false && chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, body: "", error: e.message }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (e) => resolve({ status: 0, ms: performance.now() - t0, body: "", error: e.message }));
    req.end(opts.body);
  });
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  assertLoopback(opts.baseUrl);
  const timeout = opts.requestTimeoutMs ?? 30_000;
  const maxPerClient = opts.maxRequestsPerClient ?? 5_000;
  const base = opts.baseUrl;
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.writers + 10 });

  // Page targets: the table, filtered tables, VM pages and the API.
  const first = await request(`${base}/api/v1/vms?size=100`, agent, timeout);
  const ids = first.status === 200 ? (JSON.parse(first.body) as { rows: { id: string }[] }).rows.map((r) => r.id) : [];
  if (!ids.length) throw new Error(`The server has no VMs to read (${first.status}): start it with DEMO_DATA=on or seed it.`);
  const readUrls = [
    "/vms",
    "/vms?sort=memory",
    "/vms?app=mssql",
    "/vms?vcpus=>=4&sort=vcpus",
    "/api/v1/vms",
    "/api/v1/vms?facets=1",
    "/api/v1/vms?family=windows&page=2",
    ...ids.slice(0, 20).map((id) => `/vms/${id}`),
    ...ids.slice(20, 40).map((id) => `/api/v1/vms/${id}`),
  ].map((u) => u.replace(">", "%3E"));

  const writeMs: number[] = [];
  const writeStatus: Record<string, number> = {};
  const acked: string[] = [];
  const samples: string[] = [];
  let writeErrors = 0;
  const note = (s: string) => {
    if (samples.length < 10) samples.push(s);
  };

  const t0 = Date.now();
  const end = t0 + opts.durationMs;
  const runTag = Math.floor(Math.random() * 1e6);
  let writeSeq = 0;

  // Readers on a thread of their own: parsing their answers must not delay the writers' clocks.
  const readers = new Promise<{ ms: number[]; status: Record<string, number>; errors: number; samples: string[] }>((resolve, reject) => {
    const w = new Worker(READER_SOURCE, { eval: true, workerData: { base, urls: readUrls, readers: opts.readers, end, timeout, maxPerClient } });
    w.once("message", (m) => {
      resolve(m);
      void w.terminate();
    });
    w.once("error", reject);
  });
  const writer = async () => {
    for (let i = 0; i < maxPerClient && Date.now() < end; i++) {
      const n = writeSeq++;
      const res = await request(`${base}/api/v1/vms`, agent, timeout, { method: "POST", body: JSON.stringify(distinctContribution(n, runTag)) });
      writeStatus[res.status] = (writeStatus[res.status] ?? 0) + 1;
      // A write that never answered counts with its full wait.
      writeMs.push(res.ms);
      let id: string | undefined;
      if (res.status === 201) {
        try {
          id = (JSON.parse(res.body) as { created?: { id?: string }[] }).created?.[0]?.id;
        } catch {
          /* counted below */
        }
      }
      if (id) acked.push(id);
      else {
        writeErrors++;
        note(`write -> ${res.status} ${res.error ?? res.body.slice(0, 200)}`);
      }
    }
  };

  const [read] = await Promise.all([readers, ...Array.from({ length: opts.writers }, () => writer())]);
  const durationMs = Date.now() - t0;
  samples.push(...read.samples);

  // The server may still be rendering reads whose clients gave up: wait (bounded)
  // until it answers again, so that "slow" is not reported as "lost".
  if (acked.length) {
    const drainUntil = Date.now() + (opts.drainTimeoutMs ?? 120_000);
    while (Date.now() < drainUntil && (await request(`${base}/api/v1/vms/${acked[0]}`, agent, 10_000)).status === 0) {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  // Every acknowledged write must be readable now, a few at a time.
  const lostWrites: string[] = [];
  for (let i = 0; i < acked.length; i += 10) {
    await Promise.all(
      acked.slice(i, i + 10).map(async (id) => {
        const res = await request(`${base}/api/v1/vms/${id}`, agent, timeout);
        let ok = res.status === 200;
        if (ok) {
          try {
            ok = (JSON.parse(res.body) as { id?: string }).id === id;
          } catch {
            ok = false;
          }
        }
        if (!ok) {
          lostWrites.push(id);
          note(`lost ${id}: GET -> ${res.status} ${res.error ?? res.body.slice(0, 200)}`);
        }
      }),
    );
  }
  agent.destroy();

  return {
    durationMs,
    reads: { ...summarize(read.ms), errors: read.errors, byStatus: read.status },
    writes: { ...summarize(writeMs), errors: writeErrors, byStatus: writeStatus, acknowledged: acked.length },
    lostWrites,
    samples,
  };
}

export function formatResult(label: string, r: LoadResult): string {
  const ms = (v: number | null) => (v == null ? "–" : `${Math.round(v)} ms`);
  return [
    `${label}: ${(r.durationMs / 1000).toFixed(1)} s`,
    `  reads : ${r.reads.count} ok, p50 ${ms(r.reads.p50)}, p99 ${ms(r.reads.p99)}, max ${ms(r.reads.max)}, errors ${r.reads.errors} ${JSON.stringify(r.reads.byStatus)}`,
    `  writes: ${r.writes.count} sent, ${r.writes.acknowledged} acknowledged, p50 ${ms(r.writes.p50)}, p99 ${ms(r.writes.p99)}, max ${ms(r.writes.max)}, errors ${r.writes.errors} ${JSON.stringify(r.writes.byStatus)}`,
    `  lost acknowledged writes: ${r.lostWrites.length}`,
    ...r.samples.map((s) => `  · ${s}`),
  ].join("\n");
}

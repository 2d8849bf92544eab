import crypto from "node:crypto";
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

async function timed(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; ms: number; body: string; error?: string }> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    const body = await res.text();
    return { status: res.status, ms: performance.now() - t0, body };
  } catch (e) {
    return { status: 0, ms: performance.now() - t0, body: "", error: (e as Error).name === "TimeoutError" ? "timeout" : (e as Error).message };
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  assertLoopback(opts.baseUrl);
  const timeout = opts.requestTimeoutMs ?? 30_000;
  const maxPerClient = opts.maxRequestsPerClient ?? 5_000;
  const base = opts.baseUrl;

  // Page targets: the table, filtered tables, VM pages and the API.
  const first = await fetch(`${base}/api/v1/vms?size=100`, { signal: AbortSignal.timeout(timeout) }).then((r) => r.json() as Promise<{ rows: { id: string }[] }>);
  const ids = first.rows.map((r) => r.id);
  if (!ids.length) throw new Error("The server has no VMs to read: start it with DEMO_DATA=on.");
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
  ];

  const readMs: number[] = [];
  const writeMs: number[] = [];
  const readStatus: Record<string, number> = {};
  const writeStatus: Record<string, number> = {};
  const acked: string[] = [];
  const samples: string[] = [];
  let readErrors = 0;
  let writeErrors = 0;
  const note = (s: string) => {
    if (samples.length < 10) samples.push(s);
  };

  const t0 = Date.now();
  const end = t0 + opts.durationMs;
  const runTag = Math.floor(Math.random() * 1e6);
  let writeSeq = 0;

  const reader = async (r: number) => {
    for (let i = 0; i < maxPerClient && Date.now() < end; i++) {
      const url = base + readUrls[(r * 7 + i) % readUrls.length];
      const res = await timed(url, {}, timeout);
      readStatus[res.status] = (readStatus[res.status] ?? 0) + 1;
      if (res.status === 200) readMs.push(res.ms);
      else {
        readErrors++;
        note(`read ${url} -> ${res.status} ${res.error ?? res.body.slice(0, 200)}`);
      }
    }
  };
  const writer = async () => {
    for (let i = 0; i < maxPerClient && Date.now() < end; i++) {
      const n = writeSeq++;
      const res = await timed(
        `${base}/api/v1/vms`,
        { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(distinctContribution(n, runTag)) },
        timeout,
      );
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

  await Promise.all([
    ...Array.from({ length: opts.readers }, (_, r) => reader(r)),
    ...Array.from({ length: opts.writers }, () => writer()),
  ]);
  const durationMs = Date.now() - t0;

  // Every acknowledged write must be readable now, a few at a time.
  const lostWrites: string[] = [];
  for (let i = 0; i < acked.length; i += 10) {
    await Promise.all(
      acked.slice(i, i + 10).map(async (id) => {
        const res = await timed(`${base}/api/v1/vms/${id}`, {}, timeout);
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

  return {
    durationMs,
    reads: { ...summarize(readMs), errors: readErrors, byStatus: readStatus },
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

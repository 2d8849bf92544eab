import fs from "node:fs";
import os from "node:os";
import { env } from "@/lib/env";
import { fingerprintSecret } from "@/lib/vm/fingerprint";
import { buildWorkerForThisProcess, builtWorkerPath } from "./build-worker";
import type { ParseJobName, ParseJobs } from "./jobs";
import { ParsePool, type ParsePoolOptions, type ParsePoolStats } from "./pool";

/**
 * Every parse of an upload goes through here: off the request thread, in a
 * worker with a heap and time limit, at most PARSE_WORKERS at once with up to
 * PARSE_QUEUE waiting (503 with Retry-After beyond).
 */
export function parsePoolOptions(): Omit<ParsePoolOptions, "script"> {
  const e = env();
  const heapMb = e.PARSE_HEAP_MB;
  return {
    workers: e.PARSE_WORKERS ?? Math.max(1, os.cpus().length - 1),
    queue: e.PARSE_QUEUE,
    heapMb,
    timeoutMs: e.PARSE_TIMEOUT_SECONDS * 1000,
    retireAboveHeapMb: Math.min(256, heapMb / 2),
    idleMs: 5 * 60_000,
    // Identity keys are computed in the worker: it needs the secret this process holds, which with
    // PGlite comes from the data folder when the database opens, not from the environment.
    env: () => ({ ...process.env, FINGERPRINT_SECRET: fingerprintSecret() }),
  };
}

/**
 * The production server runs the worker that `npm run build` wrote next to
 * BUILD_ID; anywhere else (tests, `next dev`, a build made with a bare
 * `next build`) it is bundled from the sources once per process.
 */
async function workerScript(): Promise<string> {
  const built = builtWorkerPath();
  if (process.env.NODE_ENV === "production" && fs.existsSync(built)) return built;
  if (process.env.NODE_ENV === "production") console.warn(`vmcompare: ${built} is missing (run \`npm run build\`); bundling the parse worker now.`);
  return buildWorkerForThisProcess();
}

// One pool per process, on globalThis: `next start` may evaluate this module once per route chunk.
const g = globalThis as unknown as { __vmcParsePool?: ParsePool };

export function parsePool(): ParsePool {
  return (g.__vmcParsePool ??= new ParsePool({ ...parsePoolOptions(), script: workerScript }));
}

/** The pool's counts, or null before the first upload started it (a scrape does not start it). */
export function parsePoolStatsIfStarted(): ParsePoolStats | null {
  return g.__vmcParsePool?.stats() ?? null;
}

/** Runs one job of lib/parse-pool/jobs.ts in a parse worker. `subject` names the upload in errors. */
export function runParseJob<K extends ParseJobName>(
  job: K,
  args: Parameters<ParseJobs[K]>,
  subject: string,
): Promise<Awaited<ReturnType<ParseJobs[K]>>> {
  return parsePool().run({ job, args, subject });
}

/**
 * How an error names an upload: its file name, or for several files the
 * first few. Estates pass names: false, since a file's name is often a VM's.
 */
export function uploadSubject(files: { fileName: string }[], opts: { names?: boolean } = {}): string {
  if (opts.names === false || files.length === 0) return files.length > 1 ? `the upload (${files.length} files)` : "the upload";
  const base = (n: string) => n.split(/[\\/]/).pop() || n;
  if (files.length === 1) return base(files[0].fileName);
  const shown = files.slice(0, 3).map((f) => base(f.fileName)).join(", ");
  return `one of ${files.length} files (${shown}${files.length > 3 ? ", …" : ""})`;
}

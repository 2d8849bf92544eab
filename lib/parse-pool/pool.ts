import { Worker } from "node:worker_threads";
import { ZodError } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors/app-error";

/**
 * A small pool of worker threads that run parse jobs. Each worker has a heap
 * limit and each job a time limit: a file that needs more memory or time
 * than that costs its worker (terminated and later replaced), never the
 * server, and its upload gets a 413 naming the file. Beyond `workers` jobs
 * at once, up to `queue` wait; past that the answer is 503 with Retry-After.
 */
export interface ParsePoolOptions {
  /** The worker script (a file Node can run), or how to obtain it once. */
  script: string | (() => Promise<string>);
  workers: number;
  queue: number;
  heapMb: number;
  timeoutMs: number;
  /** A worker whose heap is above this after a job is retired, so an idle server gives the memory back. */
  retireAboveHeapMb?: number;
  /** An idle worker is ended after this long. */
  idleMs?: number;
  /** The environment of a new worker (default: this process's). */
  env?: () => NodeJS.ProcessEnv;
}

export interface ParseJob {
  job: string;
  args: unknown[];
  /** What to name in an error: a file name, or "the upload" when names must not be echoed. */
  subject: string;
}

/** A worker posts this once it has loaded, so job time limits do not count its start-up. */
export const WORKER_READY = "vmcompare-parse-worker-ready";

/** What a worker posts back for each job. */
export type WorkerReply =
  | { id: number; ok: true; result: unknown; heapMb: number }
  | { id: number; ok: false; error: SerializedError; heapMb: number };

export type SerializedError =
  | { kind: "app"; code: ErrorCode; message: string; file?: string; line?: number; field?: string; details?: unknown }
  | { kind: "zod"; issues: unknown[] }
  | { kind: "error"; name: string; message: string; stack?: string };

export function serializeError(e: unknown): SerializedError {
  if (e instanceof AppError) return { kind: "app", code: e.code, message: e.message, file: e.file, line: e.line, field: e.field, details: e.details };
  if (e instanceof ZodError) return { kind: "zod", issues: JSON.parse(JSON.stringify(e.issues)) };
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: "error", name: err.name, message: err.message, stack: err.stack };
}

export function deserializeError(s: SerializedError): Error {
  if (s.kind === "app") return new AppError(s.code, s.message, { file: s.file, line: s.line, field: s.field }, s.details);
  if (s.kind === "zod") return new ZodError(s.issues as ZodError["issues"]);
  const err = new Error(s.message);
  err.name = s.name;
  err.stack = `${s.name}: ${s.message}\n    (in a parse worker)\n${s.stack?.split("\n").slice(1).join("\n") ?? ""}`;
  return err;
}

interface Pending {
  request: ParseJob;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  /** The job this worker runs now, with its id and deadline timer. */
  current?: Pending & { id: number; timer: NodeJS.Timeout; started: number };
  idleTimer?: NodeJS.Timeout;
  /** Taken for a job (set before the job is handed over, so two jobs never pick the same idle worker). */
  taken: boolean;
  dead: boolean;
}

export interface ParsePoolStats {
  running: number;
  queued: number;
  workers: number;
  /** Workers ended because a job exceeded its heap or time limit, or crashed. */
  replaced: number;
  completed: number;
}

export class ParsePool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Pending[] = [];
  private scriptPath?: Promise<string>;
  private nextId = 1;
  private avgMs = 5_000;
  private replaced = 0;
  private completed = 0;
  private closed = false;
  /** Jobs started and not yet settled (a worker may still be starting for some). */
  private active = 0;

  constructor(readonly options: ParsePoolOptions) {}

  stats(): ParsePoolStats {
    return {
      running: this.active,
      queued: this.waiting.length,
      workers: this.slots.size,
      replaced: this.replaced,
      completed: this.completed,
    };
  }

  run<T = unknown>(request: ParseJob): Promise<T> {
    if (this.closed) return Promise.reject(new AppError("overloaded", "The server is shutting down; try again shortly."));
    return new Promise<T>((resolve, reject) => {
      const pending: Pending = { request, resolve: resolve as (v: unknown) => void, reject };
      if (this.active < this.options.workers) {
        this.start(pending);
      } else if (this.waiting.length < this.options.queue) {
        this.waiting.push(pending);
      } else {
        const err = new AppError("overloaded", `Every file reader is busy with other uploads; try again in ${this.retryAfter()} s.`, { file: request.subject });
        err.retryAfterSeconds = this.retryAfter();
        reject(err);
      }
    });
  }

  /** Ends every worker; jobs still running or waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.waiting.splice(0)) p.reject(new AppError("overloaded", "The server is shutting down; try again shortly."));
    await Promise.all([...this.slots].map((s) => this.retire(s, new AppError("overloaded", "The server is shutting down; try again shortly."))));
  }

  /** Seconds until a slot is likely free: the queue ahead, at the recent average job time. */
  private retryAfter(): number {
    const ahead = this.waiting.length + this.active;
    return Math.min(600, Math.max(1, Math.ceil((ahead / this.options.workers) * (this.avgMs / 1000))));
  }

  /** Counts the job as active until it settles, whichever way. */
  private start(request: Pending): void {
    this.active++;
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      this.active--;
      queueMicrotask(() => this.pump());
      return true;
    };
    const pending: Pending = {
      request: request.request,
      resolve: (v) => settle() && request.resolve(v),
      reject: (e) => settle() && request.reject(e),
    };
    this.slotForJob().then(
      (slot) => this.assign(slot, pending),
      (e) => {
        console.error("vmcompare: could not start a parse worker:", e);
        pending.reject(new AppError("internal", "The server could not start a file reader."));
      },
    );
  }

  private async slotForJob(): Promise<Slot> {
    for (const s of this.slots) {
      if (!s.taken && !s.dead) {
        s.taken = true;
        return s;
      }
    }
    const script = await (this.scriptPath ??= (typeof this.options.script === "string" ? Promise.resolve(this.options.script) : this.options.script()).catch((e) => {
      // Try again with the next upload rather than failing every one after a passing problem.
      this.scriptPath = undefined;
      throw e;
    }));
    const worker = new Worker(script, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.heapMb,
        // The young generation is part of the budget too; keep it modest so the limit means what it says.
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(this.options.heapMb / 16))),
      },
      stdout: false,
      stderr: false,
      env: this.options.env?.() ?? process.env,
    });
    const slot: Slot = { worker, taken: true, dead: false };
    const ready = new Promise<void>((resolve, reject) => {
      worker.once("message", (m) => (m === WORKER_READY ? resolve() : reject(new Error(`the parse worker said ${JSON.stringify(m)} before it was ready`))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the parse worker exited (code ${code}) before it was ready`)));
    });
    worker.on("message", (reply: WorkerReply | typeof WORKER_READY) => {
      if (reply !== WORKER_READY) this.onReply(slot, reply);
    });
    worker.on("error", (err: Error & { code?: string }) => {
      const oom = err.code === "ERR_WORKER_OUT_OF_MEMORY" || /heap out of memory|out of memory/i.test(err.message);
      this.fail(slot, oom ? "memory" : "crash", err);
    });
    worker.on("exit", () => this.fail(slot, "crash"));
    this.slots.add(slot);
    try {
      await ready;
    } catch (e) {
      void this.retire(slot);
      throw e;
    }
    return slot;
  }

  private assign(slot: Slot, pending: Pending): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.dead) {
      pending.reject(new AppError("parse_error", "could not be read: the file reader stopped unexpectedly.", { file: pending.request.subject }));
      return;
    }
    const id = this.nextId++;
    const timer = setTimeout(() => this.fail(slot, "time"), this.options.timeoutMs);
    slot.current = { ...pending, id, timer, started: Date.now() };
    slot.worker.ref();
    slot.worker.postMessage({ id, job: pending.request.job, args: pending.request.args });
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const cur = slot.current;
    if (!cur || cur.id !== reply.id) return;
    clearTimeout(cur.timer);
    slot.current = undefined;
    this.completed++;
    this.avgMs = this.avgMs * 0.7 + (Date.now() - cur.started) * 0.3;
    if (reply.ok) cur.resolve(reply.result);
    else cur.reject(deserializeError(reply.error));
    if (this.options.retireAboveHeapMb != null && reply.heapMb > this.options.retireAboveHeapMb) void this.retire(slot);
    else this.idle(slot);
  }

  private idle(slot: Slot): void {
    slot.taken = false;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.retire(slot), this.options.idleMs ?? 30_000);
    slot.idleTimer.unref();
  }

  /** A worker is lost: out of memory, out of time, or it crashed. Its job fails cleanly and the worker goes. */
  private fail(slot: Slot, why: "memory" | "time" | "crash", err?: Error): void {
    const cur = slot.current;
    if (cur) {
      const subject = { file: cur.request.subject };
      const error =
        why === "memory" ? new AppError("too_large", `needs more than ${this.options.heapMb} MiB of memory to read; reading it was stopped.`, subject)
        : why === "time" ? new AppError("too_large", `takes longer than ${seconds(this.options.timeoutMs)} s to read; reading it was stopped.`, subject)
        : new AppError("parse_error", "could not be read: the file reader stopped unexpectedly.", subject);
      if (why !== "memory") console.error(`vmcompare: parse worker ${why === "time" ? "timed out" : "crashed"} on job ${cur.request.job}`, err ?? "");
      else console.error(`vmcompare: parse worker ran out of memory (${this.options.heapMb} MiB) on job ${cur.request.job}; replacing it`);
      clearTimeout(cur.timer);
      slot.current = undefined;
      cur.reject(error);
    }
    if (!slot.dead) {
      if (cur) this.replaced++;
      void this.retire(slot);
    }
  }

  private async retire(slot: Slot, reason?: AppError): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.current) {
      clearTimeout(slot.current.timer);
      slot.current.reject(reason ?? new AppError("internal", "The file reader was stopped."));
      slot.current = undefined;
    }
    await slot.worker.terminate().catch(() => {});
  }

  private pump(): void {
    while (!this.closed && this.waiting.length > 0 && this.active < this.options.workers) this.start(this.waiting.shift()!);
  }
}

function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

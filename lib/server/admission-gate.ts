import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Admission of requests at the HTTP level (scripts/serve.ts), before Next.js
 * sees them.
 *
 * A page render costs 20–40 ms of CPU on the one event loop. With 200
 * readers at once every render interleaves with every other, and a write
 * that arrives waits behind all of them: write p99 was 10.8 s. The gate lets
 * only `concurrency` renders run at once; the others wait in a bounded FIFO
 * (503 with Retry-After beyond it, or after waiting `maxWaitMs`). Writes,
 * the health check and static build files never wait here: a write then
 * competes with at most `concurrency` renders for the event loop.
 */
export type Admission = "bypass" | "gated";

/** Which requests skip the gate: anything that is not a GET/HEAD (writes), the health check, build files. */
export function admissionOf(method: string | undefined, url: string | undefined): Admission {
  const m = (method ?? "GET").toUpperCase();
  if (m !== "GET" && m !== "HEAD") return "bypass";
  const path = (url ?? "/").split("?")[0];
  if (path === "/api/health" || path.startsWith("/api/health/") || path === "/api/metrics") return "bypass";
  if (path.startsWith("/_next/static/") || path === "/favicon.ico" || path === "/robots.txt") return "bypass";
  return "gated";
}

export interface GateOptions {
  /** Renders at once. */
  concurrency: number;
  /** Requests that may wait; one more is refused with 503. */
  maxQueue: number;
  /** A request that waited this long is refused with 503 instead of being rendered late. */
  maxWaitMs: number;
}

export type Ticket = { ok: true; release: () => void } | { ok: false; reason: "queue-full" | "timeout" | "aborted" };

interface Waiter {
  grant: (t: Ticket) => void;
  timer: NodeJS.Timeout;
}

export class RenderGate {
  private running = 0;
  private readonly queue: Waiter[] = [];
  refused = 0;

  constructor(readonly opts: GateOptions) {}

  stats() {
    return { running: this.running, waiting: this.queue.length, refused: this.refused };
  }

  /** Waits for a render slot; `signal` drops a request whose client went away from the queue. */
  enter(signal?: AbortSignal): Promise<Ticket> {
    if (this.running < this.opts.concurrency) {
      this.running++;
      return Promise.resolve({ ok: true, release: this.releaser() });
    }
    if (this.queue.length >= this.opts.maxQueue) {
      this.refused++;
      return Promise.resolve({ ok: false, reason: "queue-full" });
    }
    return new Promise<Ticket>((resolve) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          this.drop(waiter);
          this.refused++;
          resolve({ ok: false, reason: "timeout" });
        }, this.opts.maxWaitMs),
      };
      this.queue.push(waiter);
      signal?.addEventListener(
        "abort",
        () => {
          if (this.drop(waiter)) resolve({ ok: false, reason: "aborted" });
        },
        { once: true },
      );
    });
  }

  private drop(w: Waiter): boolean {
    const i = this.queue.indexOf(w);
    if (i < 0) return false;
    this.queue.splice(i, 1);
    clearTimeout(w.timer);
    return true;
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        // The slot passes straight to the next request: `running` is unchanged.
        next.grant({ ok: true, release: this.releaser() });
      } else {
        this.running--;
      }
    };
  }
}

/**
 * Runs `handle` for the request once the gate admits it, and frees the slot
 * when the response is over (sent, or the connection closed). Refused
 * requests get 503 with Retry-After.
 */
export async function admit(gate: RenderGate, req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  if (admissionOf(req.method, req.url) === "bypass") return handle();
  const abort = new AbortController();
  const onClose = () => abort.abort();
  res.once("close", onClose);
  const ticket = await gate.enter(abort.signal);
  if (!ticket.ok) {
    res.off("close", onClose);
    if (ticket.reason !== "aborted" && !res.headersSent) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "overloaded", message: "The server is busy rendering other pages; retry in a second." } }));
    }
    return;
  }
  res.off("close", onClose);
  if (res.writableEnded || res.destroyed) return ticket.release();
  res.once("close", ticket.release);
  res.once("finish", ticket.release);
  try {
    await handle();
  } catch (e) {
    ticket.release();
    throw e;
  }
}

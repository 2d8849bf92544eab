import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { format } from "node:util";
import { policyOf } from "./cache-policy";
import { metrics } from "./metrics";

/**
 * One JSON line per request, and the request's id on every error logged
 * while it is handled (scripts/serve.ts wires this in).
 *
 * What a line holds, and what it leaves out on purpose: the time, level,
 * request id, method, the route *pattern* (/vms/[id], never the path: a
 * private report's or an import's id in a path is its only protection), the
 * status and the duration. No client address, user agent, query string,
 * referrer or body. The README's "Operations" paragraph says the same.
 */
export const REQUEST_ID_HEADER = "x-request-id";

/** An id a client or proxy may pass on: short, and nothing that could break a log line or a header. */
const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}$/;

export function requestIdFrom(given: string | string[] | undefined, make: () => string = crypto.randomUUID): string {
  const v = Array.isArray(given) ? given[0] : given;
  return v && VALID_ID.test(v) ? v : make();
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The label of a request path: the route that serves it, so that ids and queries never multiply the series. */
export function routeLabel(url: string): string {
  const path = url.split("?")[0].split("#")[0];
  const hit = policyOf(path);
  if (hit) return hit.route;
  if (path.startsWith("/_next/static/")) return "/_next/static";
  if (path.startsWith("/_next/")) return "/_next";
  return "(unmatched)";
}

export function methodLabel(method: string | undefined): string {
  const m = (method ?? "GET").toUpperCase();
  return METHODS.has(m) ? m : "other";
}

export type Level = "info" | "warn" | "error";

export interface RequestLine {
  time: string;
  level: Level;
  msg: "request";
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  /** The client went away before the answer was complete. */
  aborted?: true;
}

export function requestLine(f: { at: Date; requestId: string; method: string; route: string; status: number; durationMs: number; aborted: boolean }): RequestLine {
  const line: RequestLine = {
    time: f.at.toISOString(),
    level: f.status >= 500 ? "error" : "info",
    msg: "request",
    requestId: f.requestId,
    method: f.method,
    route: f.route,
    status: f.status,
    durationMs: Math.round(f.durationMs * 10) / 10,
  };
  if (f.aborted) line.aborted = true;
  return line;
}

/** An error (or warning) logged while a request was handled, with that request's id. */
export function errorLine(level: Level, requestId: string | null, args: unknown[], at = new Date()): Record<string, unknown> {
  const line: Record<string, unknown> = { time: at.toISOString(), level };
  if (requestId) line.requestId = requestId;
  line.msg = format(...args);
  return line;
}

export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const processSink: LogSink = {
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l + "\n"),
};

const context = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the request being handled here, or null outside one. */
export function currentRequestId(): string | null {
  return context.getStore()?.requestId ?? null;
}

export interface RequestLogOptions {
  /** Write a line per request (LOG_REQUESTS); metrics are kept either way. */
  lines: boolean;
  sink?: LogSink;
  now?: () => number;
}

/**
 * Gives the request its id (the client's X-Request-Id when valid, else a new
 * one), echoes it in the answer, hands it on to the route handlers in the
 * request's own X-Request-Id header, and once the answer is over counts it
 * and logs its line. `handle` runs with the id in context, so errors it logs
 * carry it (see captureConsole).
 */
export function observeRequest<T>(req: IncomingMessage, res: ServerResponse, handle: () => T, opts: RequestLogOptions): T {
  const now = opts.now ?? (() => performance.now());
  const sink = opts.sink ?? processSink;
  const start = now();
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const method = methodLabel(req.method);
  const route = routeLabel(req.url ?? "/");
  let done = false;
  const end = (aborted: boolean) => {
    if (done) return;
    done = true;
    const durationMs = now() - start;
    const status = res.statusCode;
    const reg = metrics();
    reg.requests.inc({ route, method, status: String(status) });
    reg.duration.observe({ route, method }, durationMs / 1000);
    if (opts.lines) {
      const line = requestLine({ at: new Date(), requestId, method, route, status, durationMs, aborted });
      (line.level === "error" ? sink.err : sink.out)(JSON.stringify(line));
    }
  };
  res.once("finish", () => end(false));
  res.once("close", () => end(!res.writableFinished));
  return context.run({ requestId }, handle);
}

/**
 * Errors and warnings logged while a request is handled (by a route, or by
 * Next.js itself) become JSON lines with the request's id; anything logged
 * outside a request is left as it was. Returns a function that undoes it.
 */
export function captureConsole(sink: LogSink = processSink): () => void {
  const original = { error: console.error, warn: console.warn };
  const wrap = (level: Level, fallback: (...a: unknown[]) => void) =>
    function (...args: unknown[]) {
      const id = currentRequestId();
      if (id === null) return fallback.apply(console, args);
      sink.err(JSON.stringify(errorLine(level, id, args)));
    };
  console.error = wrap("error", original.error);
  console.warn = wrap("warn", original.warn);
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}

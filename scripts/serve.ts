/**
 * The production HTTP server (`npm start` runs it under its supervisor; so do
 * the Playwright web server and the load and hostile-input suites). It is
 * Next's own request handler behind node:http, for three reasons:
 *
 * - Route handlers cannot see the TCP peer, and the write rate limit must key
 *   on it. Every request's x-vmcompare-peer header is replaced by the
 *   socket's remote address, so a client can never choose its own; whether
 *   X-Forwarded-For is believed is decided later, against TRUST_PROXY
 *   (lib/api/rate-limit.ts).
 * - Renders are admitted a few at a time (lib/server/admission-gate.ts), so
 *   that writes and the health check are never stuck behind hundreds of page
 *   renders on the one event loop.
 * - Caching by route (lib/server/cache-policy.ts): public answers get an ETag
 *   from the site's write version and shared-cache headers, and are kept
 *   until the version changes (lib/server/render-cache.ts); private ones get
 *   no-store.
 * - Fresh after a write (lib/db/read-route.ts): a successful write sets a
 *   short-lived cookie; while a client carries it, its reads go to the
 *   primary database (not DATABASE_READ_URL's replica) and skip every cache
 *   (this process's, the version clock's, and a proxy's: no-store), so a
 *   contributor sees their own change at once on any process.
 */
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import next from "next";
import { freshCookie, hasFreshCookie, runWithReadRoute } from "../lib/db/read-route";
import { env, ipToBigInt, maskAddress, type ProxyRange } from "../lib/env";
import { admissionOf, admit, RenderGate } from "../lib/server/admission-gate";
import { cacheControlFor, etagMatches, policyOf, PUBLIC_CACHE_CONTROL, type CacheKind } from "../lib/server/cache-policy";
import { assemble, preparedOf } from "../lib/server/kept-answer";
import { keepable, RenderCache, type CachedAnswer } from "../lib/server/render-cache";
import { siteVersionReader, VersionClock } from "../lib/server/site-version";
import { markShuttingDown } from "../lib/server/lifecycle";
import { captureConsole, observeRequest } from "../lib/server/request-log";
import { registerServerMetrics } from "../lib/server/server-metrics";
import { RELAYED_HEADER, relayedMark } from "../lib/server/relayed";

const PEER_HEADER = "x-vmcompare-peer";

// Headers an App Router answer varies on besides the URL: client navigations and prefetches are rendered, never kept.
const RSC_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

function renderedPerRequest(req: http.IncomingMessage): boolean {
  return RSC_HEADERS.some((h) => req.headers[h] !== undefined) || /[?&]_rsc=/.test(req.url ?? "");
}

/** Sets the route's Cache-Control (and the ETag of a public 200) whatever the handler set, as the headers go out. */
function enforceHeaders(res: http.ServerResponse, kind: CacheKind | null, method: string, etag: string | null): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    const cc = cacheControlFor(kind, method, status);
    const last = rest[rest.length - 1];
    const given = last && typeof last === "object" && !Array.isArray(last) ? (last as Record<string, unknown>) : null;
    const drop = (name: string) => {
      if (given) for (const k of Object.keys(given)) if (k.toLowerCase() === name) delete given[k];
    };
    if (cc) {
      drop("cache-control");
      this.setHeader("cache-control", cc);
    }
    if (etag && status === 200) {
      drop("etag");
      this.setHeader("etag", etag);
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
}

/** Calls `done` with the answer's status, headers and body once it is sent (bodies over `max` are not collected). */
function capture(res: http.ServerResponse, max: number, done: (status: number, headers: http.OutgoingHttpHeaders, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  const collect = (chunk: unknown, enc: unknown) => {
    if (over || chunk == null || typeof chunk === "function") return;
    const b = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof enc === "string" ? (enc as BufferEncoding) : "utf8");
    size += b.length;
    if (size > max) {
      over = true;
      chunks.length = 0;
    } else chunks.push(Buffer.from(b));
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (end as (...a: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  res.once("finish", () => {
    if (!over) done(res.statusCode, res.getHeaders(), Buffer.concat(chunks));
  });
}

/** The request reached a proxy named in TRUST_PROXY over HTTPS (the fresh cookie is then Secure). */
function viaHttps(req: http.IncomingMessage, trusted: ProxyRange[]): boolean {
  const peer = (req.socket.remoteAddress ?? "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  const family = net.isIP(peer);
  if (!family || !trusted.length) return false;
  const n = ipToBigInt(peer, family as 4 | 6);
  if (!trusted.some((r) => r.family === family && maskAddress(n, r.family, r.bits) === r.base)) return false;
  return String(req.headers["x-forwarded-proto"] ?? "").split(",")[0].trim().toLowerCase() === "https";
}

/** Marks the client of a successful write, as its answer's headers go out. */
function markWriter(res: http.ServerResponse, cookie: string): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    if (status < 400) this.appendHeader("set-cookie", cookie);
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
}

/** A kept answer, sent again with a fresh nonce; gzipped from its precompressed pieces when the client accepts gzip. */
function sendKept(req: http.IncomingMessage, res: http.ServerResponse, a: CachedAnswer, etag: string): void {
  const prepared = preparedOf(a);
  const gzip = a.body.length > 1024 && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const { headers, body } = assemble(prepared, gzip);
  const out: http.OutgoingHttpHeaders = { ...headers, etag, "cache-control": PUBLIC_CACHE_CONTROL, "x-vmcompare-cache": "hit" };
  if (a.body.length > 1024) {
    // Whether or not this one is compressed, the answer differs by Accept-Encoding: shared caches keep one per kind.
    const vary = String(out["vary"] ?? "");
    if (!/accept-encoding/i.test(vary)) out["vary"] = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  }
  if (gzip) out["content-encoding"] = "gzip";
  out["content-length"] = body.length;
  res.writeHead(a.status, out);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function main() {
  const e = env();
  const port = e.PORT;
  // Next reads NODE_ENV while loading; `next start` sets it the same way.
  (process.env as Record<string, string>).NODE_ENV = "production";
  // All interfaces, as `next start` (not $HOSTNAME: containers set it to their own name).
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();

  const gate = new RenderGate({ concurrency: e.RENDER_CONCURRENCY, maxQueue: e.RENDER_QUEUE, maxWaitMs: e.RENDER_WAIT_SECONDS * 1000 });
  const cache = new RenderCache(e.RENDER_CACHE_MB * 1024 * 1024);
  const clock = new VersionClock(siteVersionReader);
  const flights = new Map<string, Promise<void>>();
  const render = (req: http.IncomingMessage, res: http.ServerResponse) => () => handle(req, res);
  // /api/metrics and the JSON request log (lib/server/request-log.ts).
  registerServerMetrics(gate, cache);
  captureConsole();

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = req.url ?? "/";
    const read = method === "GET" || method === "HEAD";
    const fresh = read && hasFreshCookie(req.headers.cookie);
    const routeKind = policyOf(url.split("?")[0])?.kind ?? null;
    // A writer's public pages are theirs alone for a while: rendered from the primary, never shared.
    const kind = fresh && routeKind === "public" ? "private" : routeKind;
    // A write through this process is visible to its author's next read here at once.
    if (!read) {
      res.once("finish", () => clock.invalidate());
      markWriter(res, freshCookie(viaHttps(req, e.TRUST_PROXY)));
    }
    if (kind !== "public" || !read || renderedPerRequest(req) || admissionOf(method, url) === "bypass") {
      enforceHeaders(res, kind, method, null);
      return admit(gate, req, res, render(req, res));
    }
    const version = clock.peek() ?? (await clock.current());
    if (version === null) {
      enforceHeaders(res, kind, method, null);
      return admit(gate, req, res, render(req, res));
    }
    const key = `${req.headers["x-forwarded-proto"] ?? ""}|${req.headers.host ?? ""}|${url}`;
    const etag = `W/"v${version}-${crypto.createHash("sha1").update(key).digest("base64url").slice(0, 12)}"`;
    if (etagMatches(req.headers["if-none-match"] as string | undefined, etag)) {
      // No CSP here: the browser keeps the one stored with the page it already has.
      res.writeHead(304, { etag, "cache-control": PUBLIC_CACHE_CONTROL });
      res.end();
      return;
    }
    const keeping = cache.maxBytes > 0 && method === "GET";
    const kept = keeping ? cache.get(key, version) : null;
    if (kept) return sendKept(req, res, kept, etag);
    if (keeping) {
      // One render per answer and version: the others wait for it and are served what it kept.
      const flightKey = `${version}|${key}`;
      const flight = flights.get(flightKey);
      if (flight) {
        await flight;
        const now = cache.get(key, version);
        if (now) return sendKept(req, res, now, etag);
      } else {
        let land!: () => void;
        flights.set(flightKey, new Promise<void>((r) => (land = r)));
        // "close" follows "finish", when capture has kept the answer.
        res.once("close", () => {
          flights.delete(flightKey);
          land();
        });
      }
    }
    enforceHeaders(res, kind, method, etag);
    if (keeping) {
      // Rendered uncompressed so that it can be kept (and served gzipped later).
      delete req.headers["accept-encoding"];
      capture(res, cache.maxEntryBytes, (status, headers, body) => {
        const a = keepable(status, headers as Record<string, unknown>, body, version, cache.maxEntryBytes);
        if (a) cache.set(key, a);
      });
    }
    return admit(gate, req, res, render(req, res));
  }

  if (process.env.VMC_DEBUG_GATE) {
    setInterval(() => console.log(`gate ${JSON.stringify(gate.stats())} cache ${cache.size} hits ${cache.hits} misses ${cache.misses}`), 1000).unref();
  }
  const server = http.createServer((req, res) => {
    // Node lower-cases header names; any case the client sent lands here.
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    // Before Next adds X-Forwarded-* of its own: whether a proxy relayed this request (lib/server/relayed.ts).
    delete req.headers[RELAYED_HEADER];
    const relayed = relayedMark(req.headers);
    if (relayed) req.headers[RELAYED_HEADER] = relayed;
    // Public reads may go to a read replica; private pages (a contributor's own), writes and a fresh writer's reads to the primary.
    const method = (req.method ?? "GET").toUpperCase();
    const toReplica =
      (method === "GET" || method === "HEAD") && !hasFreshCookie(req.headers.cookie) && policyOf((req.url ?? "/").split("?")[0])?.kind === "public";
    observeRequest(req, res, () =>
      runWithReadRoute(toReplica ? "replica" : "primary", () => serve(req, res)).catch((err: unknown) => {
        console.error("vmcompare: request failed:", err);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end();
      }),
      { lines: e.LOG_REQUESTS === "on" },
    );
  });
  // Proxies and load balancers keep idle connections longer than Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.listen(port, () =>
    console.log(
      `vmcompare: ${process.env.VMC_WORKER ? `worker ${process.env.VMC_WORKER} (pid ${process.pid}) ` : ""}listening on http://localhost:${port} (${e.RENDER_CONCURRENCY} renders at once, ${e.RENDER_QUEUE} may wait; render cache ${e.RENDER_CACHE_MB} MiB)`,
    ),
  );
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      markShuttingDown();
      server.close(() => process.exit(0));
      // Open keep-alive connections would hold close() up.
      server.closeIdleConnections();
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

main().catch((e: unknown) => {
  console.error(`vmcompare: cannot start.\n${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});

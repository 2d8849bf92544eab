/**
 * The production HTTP server (`npm start` runs it; so does the Playwright
 * web server). It is Next's own request handler behind node:http, for one
 * reason: route handlers cannot see the TCP peer, and the write rate limit
 * must key on it. Every request's x-vmcompare-peer header is replaced by the
 * socket's remote address, so a client can never choose its own; whether
 * X-Forwarded-For is believed is decided later, against TRUST_PROXY
 * (lib/api/rate-limit.ts).
 */
import http from "node:http";
import next from "next";

const PEER_HEADER = "x-vmcompare-peer";
const port = Number(process.env.PORT || 3000);

async function main() {
  // Next reads NODE_ENV while loading; `next start` sets it the same way.
  (process.env as Record<string, string>).NODE_ENV = "production";
  // All interfaces, as `next start` (not $HOSTNAME: containers set it to their own name).
  const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    // Node lower-cases header names; any case the client sent lands here.
    delete req.headers[PEER_HEADER];
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    handle(req, res).catch((e: unknown) => {
      console.error("vmcompare: request failed:", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  // Proxies and load balancers keep idle connections longer than Node's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => console.log(`vmcompare: listening on http://localhost:${port}`));
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
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

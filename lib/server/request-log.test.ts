import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "./metrics";
import { captureConsole, currentRequestId, errorLine, observeRequest, requestIdFrom, requestLine, routeLabel, type LogSink } from "./request-log";

describe("request ids", () => {
  it("keeps a valid X-Request-Id and replaces anything else with a new one", () => {
    const make = () => "generated";
    expect(requestIdFrom("abc-123_x.y:z", make)).toBe("abc-123_x.y:z");
    expect(requestIdFrom("0f8fad5b-d9cb-469f-a165-70867728950e", make)).toBe("0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(requestIdFrom(["first", "second"], make)).toBe("first");
    for (const bad of [undefined, "", " x", "a b", 'x"y', "x\ny", "x".repeat(129), "<script>", "-leading", "é"]) {
      expect(requestIdFrom(bad, make), String(bad)).toBe("generated");
    }
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("route labels", () => {
  it("are route patterns, never paths with ids or queries", () => {
    expect(routeLabel("/vms/0f3c9a?x=1")).toBe("/vms/[id]");
    expect(routeLabel("/reports/secret-permalink-id")).toBe("/reports/[id]");
    expect(routeLabel("/api/v1/imports/j1/next")).toBe("/api/v1/imports/[id]/next");
    expect(routeLabel("/api/metrics")).toBe("/api/metrics");
    expect(routeLabel("/_next/static/chunks/abc.js")).toBe("/_next/static");
    expect(routeLabel("/wp-admin/setup.php")).toBe("(unmatched)");
  });
});

describe("log lines", () => {
  it("hold the time, level, id, method, route, status and duration, and nothing about the client", () => {
    const line = requestLine({ at: new Date("2026-12-05T08:00:00.000Z"), requestId: "r1", method: "GET", route: "/vms/[id]", status: 200, durationMs: 12.345, aborted: false });
    expect(line).toEqual({ time: "2026-12-05T08:00:00.000Z", level: "info", msg: "request", requestId: "r1", method: "GET", route: "/vms/[id]", status: 200, durationMs: 12.3 });
    expect(requestLine({ at: new Date(0), requestId: "r2", method: "POST", route: "/api/v1/vms", status: 503, durationMs: 1, aborted: true })).toMatchObject({ level: "error", aborted: true });
    const err = errorLine("error", "r3", ["boom:", new Error("bad thing")], new Date(0));
    expect(err).toMatchObject({ time: "1970-01-01T00:00:00.000Z", level: "error", requestId: "r3" });
    expect(err.msg).toMatch(/^boom: Error: bad thing\n\s+at /);
  });
});

describe("observeRequest on a real socket", () => {
  const out: string[] = [];
  const err: string[] = [];
  const sink: LogSink = { out: (l) => out.push(l), err: (l) => err.push(l) };
  let server: http.Server;
  let base = "";
  let restore: () => void;
  const seenInside: (string | null)[] = [];

  beforeAll(async () => {
    restore = captureConsole(sink);
    server = http.createServer((req, res) =>
      observeRequest(
        req,
        res,
        async () => {
          await new Promise((r) => setTimeout(r, 5));
          // The route handlers read the id from the request; async code sees it in context.
          seenInside.push(currentRequestId());
          if (req.url?.startsWith("/api/v1/vms/")) {
            console.error("unexpected error in", "GET", new Error("it broke"));
            res.writeHead(500, { "content-type": "text/plain" }).end(String(req.headers["x-request-id"]));
            return;
          }
          res.writeHead(200, { "content-type": "text/plain" }).end(String(req.headers["x-request-id"]));
        },
        { lines: true, sink },
      ),
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    restore();
    await new Promise((r) => server.close(r));
  });

  it("echoes a valid id, hands it to the handler, logs one line per request and counts it by route", async () => {
    const before = metrics().requests.get({ route: "/vms/[id]", method: "GET", status: "200" });
    const a = await fetch(`${base}/vms/abc123?sort=x`, { headers: { "x-request-id": "client-chosen-1" } });
    expect(a.headers.get("x-request-id")).toBe("client-chosen-1");
    expect(await a.text()).toBe("client-chosen-1");
    const b = await fetch(`${base}/vms/def456`, { headers: { "x-request-id": "bad id with spaces" } });
    const generated = b.headers.get("x-request-id")!;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await b.text()).toBe(generated);
    await new Promise((r) => setTimeout(r, 20));
    expect(metrics().requests.get({ route: "/vms/[id]", method: "GET", status: "200" })).toBe(before + 2);
    const parsed = out.map((l) => JSON.parse(l));
    const mine = parsed.filter((l) => l.requestId === "client-chosen-1" || l.requestId === generated);
    expect(mine).toHaveLength(2);
    for (const l of mine) {
      expect(Object.keys(l).sort()).toEqual(["durationMs", "level", "method", "msg", "requestId", "route", "status", "time"]);
      expect(l).toMatchObject({ level: "info", msg: "request", method: "GET", route: "/vms/[id]", status: 200 });
      expect(l.durationMs).toBeGreaterThanOrEqual(4);
      expect(new Date(l.time).toISOString()).toBe(l.time);
    }
    // No path, query or address anywhere in the lines.
    expect(out.join("\n")).not.toMatch(/abc123|def456|sort=|127\.0\.0\.1/);
    expect(seenInside).toContain("client-chosen-1");
    expect(seenInside).toContain(generated);
  });

  it("logs an error raised while handling a request as a JSON line with that request's id", async () => {
    const res = await fetch(`${base}/api/v1/vms/x`, { headers: { "x-request-id": "failing-1" } });
    expect(res.status).toBe(500);
    await res.text();
    await new Promise((r) => setTimeout(r, 20));
    const errors = err.map((l) => JSON.parse(l)).filter((l) => l.requestId === "failing-1");
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({ level: "error", requestId: "failing-1" });
    expect(errors[0].msg).toMatch(/unexpected error in GET Error: it broke/);
    expect(errors[1]).toMatchObject({ level: "error", msg: "request", requestId: "failing-1", route: "/api/v1/vms/[id]", status: 500 });
    const h = (await metrics().exposition()).split("\n").find((l) => l.startsWith('vmcompare_http_request_duration_seconds_count{route="/api/v1/vms/[id]",method="GET"}'));
    expect(h).toMatch(/ [1-9]\d*$/);
  });

  it("leaves console output outside a request as it was", () => {
    const before = err.length;
    const original = console.warn;
    // captureConsole's wrapper falls back to the original outside a request: nothing reaches the sink.
    const seen: unknown[] = [];
    restore();
    console.warn = (...a: unknown[]) => seen.push(a);
    restore = captureConsole(sink);
    console.warn("plain", 1);
    restore();
    console.warn = original;
    restore = captureConsole(sink);
    expect(err.length).toBe(before);
    expect(seen).toEqual([["plain", 1]]);
  });
});

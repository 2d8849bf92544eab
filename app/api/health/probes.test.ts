import { describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { PEER_HEADER } from "@/lib/server/trust-proxy";

// Before the routes read the environment.
useRouteTestDatabase("probes");
process.env.METRICS_TOKEN = "probe-test-metrics-token-0123456789";

describe("liveness, readiness and metrics routes", () => {
  it("/api/health/live answers without the database", async () => {
    const { GET } = await import("./live/route");
    const res = GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("/api/metrics answers a local client, and refuses others without the token", async () => {
    const { GET } = await import("../metrics/route");
    const local = await GET(new Request("http://x/api/metrics", { headers: { [PEER_HEADER]: "127.0.0.1" } }));
    expect(local.status).toBe(200);
    expect(local.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await local.text();
    expect(text).toContain('vmcompare_database_up{engine="pglite"} 1\n');
    expect(text).toContain('vmcompare_import_jobs{status="pending"} 0\n');
    expect(text).toContain("vmcompare_db_statements_waiting 0\n");
    expect(text).toMatch(/\nvmcompare_parse_jobs_waiting 0\n/);
    expect(text).toMatch(/\nprocess_resident_memory_bytes \d+\n/);
    const remote = await GET(new Request("http://x/api/metrics", { headers: { [PEER_HEADER]: "203.0.113.5" } }));
    expect(remote.status).toBe(401);
    expect(remote.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await remote.json()).error.code).toBe("unauthorized");
    const withToken = await GET(new Request("http://x/api/metrics", { headers: { [PEER_HEADER]: "203.0.113.5", authorization: `Bearer ${process.env.METRICS_TOKEN}` } }));
    expect(withToken.status).toBe(200);
  });

  it("/api/health/ready is 200 on a migrated database, and 503 once the server is shutting down", async () => {
    const { GET } = await import("./ready/route");
    const ok = await GET();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", database: "pglite" });
    const { markShuttingDown } = await import("@/lib/server/lifecycle");
    markShuttingDown();
    const closing = await GET();
    expect(closing.status).toBe(503);
    expect(await closing.json()).toEqual({ status: "unavailable", reason: "the server is shutting down" });
    // The old combined check is unchanged.
    const health = await (await import("./route")).GET();
    expect(health.status).toBe(200);
  });
});

import { describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";

// A fresh embedded database and a low write limit for this file's process.
useRouteTestDatabase("ratelimit");
process.env.RATE_LIMIT_PER_MINUTE = "2";

const { POST } = await import("./route");

const post = () =>
  POST(new Request("http://localhost/api/v1/vms", {
    method: "POST",
    headers: { "content-type": "application/json", "x-vmcompare-peer": "203.0.113.5" },
    body: JSON.stringify({ vms: [] }),
  }), { params: Promise.resolve({}) });

describe("POST /api/v1/vms under the write rate limit", () => {
  it("answers 429 with Retry-After and a JSON error once a client is over its limit", async () => {
    expect((await post()).status).not.toBe(429);
    expect((await post()).status).not.toBe(429);
    const limited = await post();
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(await limited.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/try again in \d+ s/) } });
  });
});

import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { admissionOf, admit, RenderGate } from "./admission-gate";

describe("admissionOf", () => {
  it("lets writes, the health check and build files past the gate, and gates every page or API read", () => {
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(admissionOf(m, "/api/v1/vms")).toBe("bypass");
    expect(admissionOf("GET", "/api/health")).toBe("bypass");
    expect(admissionOf("GET", "/api/health?x=1")).toBe("bypass");
    expect(admissionOf("GET", "/_next/static/chunks/app.js")).toBe("bypass");
    expect(admissionOf("GET", "/vms")).toBe("gated");
    expect(admissionOf("HEAD", "/vms/abc")).toBe("gated");
    expect(admissionOf("GET", "/api/v1/vms?size=10")).toBe("gated");
    expect(admissionOf("GET", "/api/healthy")).toBe("gated");
  });
});

describe("RenderGate", () => {
  it("runs at most `concurrency` at once and hands slots over in arrival order", async () => {
    const gate = new RenderGate({ concurrency: 2, maxQueue: 10, maxWaitMs: 10_000 });
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const t = await gate.enter();
        if (!t.ok) throw new Error("refused");
        order.push(i);
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        t.release();
        t.release(); // twice: still one slot given back
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gate.stats()).toEqual({ running: 0, waiting: 0, refused: 0 });
  });

  it("refuses beyond its queue, and a request that waited too long", async () => {
    const gate = new RenderGate({ concurrency: 1, maxQueue: 1, maxWaitMs: 50 });
    const first = await gate.enter();
    const queued = gate.enter();
    expect(await gate.enter()).toEqual({ ok: false, reason: "queue-full" });
    expect(await queued).toEqual({ ok: false, reason: "timeout" });
    expect(gate.stats()).toMatchObject({ running: 1, waiting: 0, refused: 2 });
    if (first.ok) first.release();
    expect(gate.stats().running).toBe(0);
  });

  it("drops a waiting request whose client went away", async () => {
    const gate = new RenderGate({ concurrency: 1, maxQueue: 5, maxWaitMs: 10_000 });
    const first = await gate.enter();
    const ac = new AbortController();
    const waiting = gate.enter(ac.signal);
    ac.abort();
    expect(await waiting).toEqual({ ok: false, reason: "aborted" });
    expect(gate.stats().waiting).toBe(0);
    if (first.ok) first.release();
  });
});

describe("admit, on a real HTTP server", () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  async function start(gate: RenderGate, renderMs: number) {
    const seen = { rendering: 0, peak: 0 };
    server = http.createServer((req, res) => {
      void admit(gate, req, res, async () => {
        if (req.method !== "GET" || req.url === "/api/health") return void res.end(req.method);
        seen.peak = Math.max(seen.peak, ++seen.rendering);
        await new Promise((r) => setTimeout(r, renderMs));
        seen.rendering--;
        res.end(req.method);
      });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return { base: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, seen };
  }

  it("answers a write at once while reads wait for the gate, and 503 with Retry-After past its queue", async () => {
    const gate = new RenderGate({ concurrency: 2, maxQueue: 4, maxWaitMs: 30_000 });
    const { base, seen } = await start(gate, 400);
    const reads = Array.from({ length: 10 }, () => fetch(`${base}/vms`));
    await new Promise((r) => setTimeout(r, 50));
    const write = await fetch(`${base}/api/v1/vms`, { method: "POST", body: "{}" });
    // Answered while reads still wait their turn: it never queued behind them.
    const waitingWhenWritten = gate.stats().waiting;
    const health = await fetch(`${base}/api/health`);
    expect(write.status).toBe(200);
    expect(health.status).toBe(200);
    expect(waitingWhenWritten).toBeGreaterThan(0);
    const answers = await Promise.all(reads);
    const statuses = answers.map((r) => r.status).sort();
    // 2 rendering + 4 waiting; the other 4 are refused at once.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 503, 503, 503, 503]);
    const refused = answers.find((r) => r.status === 503)!;
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("overloaded");
    expect(seen.peak).toBe(2);
    expect(gate.stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});

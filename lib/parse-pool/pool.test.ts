import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError, HTTP_STATUS } from "@/lib/errors/app-error";
import { ParsePool, type ParsePoolOptions } from "./pool";

const FAKE = path.join(__dirname, "testing", "fake-worker.cjs");
const pools: ParsePool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(opts: Partial<ParsePoolOptions> = {}): ParsePool {
  const p = new ParsePool({ script: FAKE, workers: 1, queue: 2, heapMb: 64, timeoutMs: 10_000, ...opts });
  pools.push(p);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe("ParsePool", () => {
  it("runs a job in a worker and returns plain data, bytes included", async () => {
    const r = await pool().run<{ args: unknown[]; bytes: number }>({ job: "echo", args: ["a.vmx", new Uint8Array(1000), { n: 1 }], subject: "a.vmx" });
    expect(r.args[0]).toBe("a.vmx");
    expect(r.bytes).toBe(1000);
    expect(r.args[2]).toEqual({ n: 1 });
  });

  it("turns a worker that runs out of heap into a 413 naming the file, and replaces the worker", async () => {
    const p = pool({ heapMb: 64 });
    const e = await rejection(p.run({ job: "allocate", args: [], subject: "hostile.xlsx" }));
    expect(e.code).toBe("too_large");
    expect(HTTP_STATUS[e.code]).toBe(413);
    expect(e.describe()).toBe("hostile.xlsx: needs more than 64 MiB of memory to read; reading it was stopped.");
    expect(p.stats()).toMatchObject({ replaced: 1, running: 0, queued: 0 });
    // The pool still works, on a new worker.
    await expect(p.run({ job: "echo", args: [1], subject: "next.vmx" })).resolves.toMatchObject({ args: [1] });
  }, 60_000);

  it("stops a job over its time limit with a 413, and the next job runs", async () => {
    const p = pool({ timeoutMs: 300 });
    const t = Date.now();
    const e = await rejection(p.run({ job: "spin", args: [], subject: "slow.ovf" }));
    expect(Date.now() - t).toBeLessThan(5_000);
    expect(e.code).toBe("too_large");
    expect(e.describe()).toBe("slow.ovf: takes longer than 0.3 s to read; reading it was stopped.");
    await expect(p.run({ job: "echo", args: [2], subject: "next.vmx" })).resolves.toMatchObject({ args: [2] });
    expect(p.stats().replaced).toBe(1);
  });

  it("queues up to its limit, then answers 503 with a Retry-After", async () => {
    const p = pool({ workers: 1, queue: 1 });
    const first = p.run({ job: "sleep", args: [400], subject: "one.xlsx" });
    const second = p.run({ job: "sleep", args: [10], subject: "two.xlsx" });
    expect(p.stats()).toMatchObject({ running: 1, queued: 1 });
    const e = await rejection(p.run({ job: "sleep", args: [10], subject: "three.xlsx" }));
    expect(e.code).toBe("overloaded");
    expect(HTTP_STATUS[e.code]).toBe(503);
    expect(e.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(e.message).toMatch(/try again in \d+ s/);
    await expect(first).resolves.toEqual({ slept: 400 });
    await expect(second).resolves.toEqual({ slept: 10 });
    expect(p.stats()).toMatchObject({ running: 0, queued: 0, workers: 1, completed: 2 });
  });

  it("runs at most `workers` jobs at once", async () => {
    const p = pool({ workers: 2, queue: 10 });
    const jobs = Array.from({ length: 5 }, (_, i) => p.run({ job: "sleep", args: [150], subject: `f${i}` }));
    await new Promise((r) => setTimeout(r, 20));
    expect(p.stats()).toMatchObject({ running: 2, queued: 3 });
    await Promise.all(jobs);
    expect(p.stats()).toMatchObject({ running: 0, queued: 0, workers: 2, completed: 5 });
  });

  it("hands a job's AppError back with its code and place", async () => {
    const e = await rejection(pool().run({ job: "appError", args: ["RVTools.xlsx"], subject: "RVTools.xlsx" }));
    expect(e.code).toBe("parse_error");
    expect(e.describe()).toBe("RVTools.xlsx, line 3, field vInfo: no VM found");
  });

  it("fails the job cleanly when its worker dies, and carries on", async () => {
    const p = pool();
    const e = await rejection(p.run({ job: "exit", args: [], subject: "odd.vbox" }));
    expect(e.code).toBe("parse_error");
    expect(e.describe()).toMatch(/^odd\.vbox: could not be read/);
    await expect(p.run({ job: "echo", args: [3], subject: "x" })).resolves.toMatchObject({ args: [3] });
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, type Db } from "./client";
import { asWriter, priorityOf, PriorityGate } from "./priority-gate";

const tick = () => new Promise<void>((r) => setImmediate(r));

describe("PriorityGate", () => {
  it("runs one operation at a time and lets queued writes go before queued reads", async () => {
    const gate = new PriorityGate();
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const op = (name: string) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      order.push(name);
      running--;
    };
    const all = [
      gate.run("read", op("r1")),
      gate.run("read", op("r2")),
      gate.run("read", op("r3")),
      gate.run("write", op("w1")),
      gate.run("read", op("r4")),
      gate.run("write", op("w2")),
    ];
    await Promise.all(all);
    // r1 was admitted at once; then both writes, then the reads in arrival order.
    expect(order).toEqual(["r1", "w1", "w2", "r2", "r3", "r4"]);
    expect(maxRunning).toBe(1);
  });

  it("lets a read through after a burst of writes, so reads are not starved either", async () => {
    const gate = new PriorityGate(3);
    const order: string[] = [];
    const op = (name: string) => async () => {
      await tick();
      order.push(name);
    };
    const all = [gate.run("write", op("w0")), gate.run("read", op("r1"))];
    for (let i = 1; i <= 7; i++) all.push(gate.run("write", op(`w${i}`)));
    await Promise.all(all);
    expect(order).toEqual(["w0", "w1", "w2", "r1", "w3", "w4", "w5", "w6", "w7"]);
  });

  it("admits as many operations as its capacity (a pool's size), writes first beyond it", async () => {
    const gate = new PriorityGate(8, 2);
    const order: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const op = (name: string) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await tick();
      await tick();
      order.push(name);
      running--;
    };
    await Promise.all([gate.run("read", op("r1")), gate.run("read", op("r2")), gate.run("read", op("r3")), gate.run("write", op("w1"))]);
    expect(maxRunning).toBe(2);
    expect(order.indexOf("w1")).toBeLessThan(order.indexOf("r3"));
  });

  it("releases the slot when an operation fails", async () => {
    const gate = new PriorityGate();
    await expect(gate.run("write", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(gate.run("read", async () => 42)).resolves.toBe(42);
    expect(gate.stats()).toEqual({ running: false, waitingWrites: 0, waitingReads: 0 });
  });

  it("classifies data-changing statements and everything inside a write request as writes", async () => {
    expect(priorityOf("SELECT 1")).toBe("read");
    expect(priorityOf("  insert into rate_limit values (1)")).toBe("write");
    expect(priorityOf("/* c */ UPDATE vm SET x = 1")).toBe("write");
    expect(priorityOf("DELETE FROM vm")).toBe("write");
    expect(priorityOf("WITH x AS (SELECT 1) SELECT * FROM x")).toBe("read");
    await asWriter(async () => {
      await tick();
      expect(priorityOf("SELECT 1")).toBe("write");
    });
    expect(priorityOf("SELECT 1")).toBe("read");
  });
});

describe("PGlite behind the gate", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-gate-"));
  const target = { kind: "pglite" as const, dir };
  let db: Db;
  beforeAll(async () => {
    db = await getDb(target);
  });
  afterAll(async () => {
    await closeDb(target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("finishes a write request queued behind 300 reads before most of them", async () => {
    const done: string[] = [];
    const reads = Array.from({ length: 300 }, (_, i) =>
      db.prisma.$queryRawUnsafe("SELECT count(*) FROM generate_series(1, 2000)").then(() => done.push(`r${i}`)),
    );
    // A write request: a read of its own, then an interactive transaction.
    const write = asWriter(async () => {
      await db.prisma.application.findMany({ take: 1 });
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`INSERT INTO rate_limit (key, count, reset_at) VALUES ('gate-test', 1, now())`);
      });
    }).then(() => done.push("write"));
    await Promise.all([...reads, write]);
    expect(done.indexOf("write")).toBeLessThan(30);
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM rate_limit WHERE key = 'gate-test'`);
    expect(rows[0].n).toBe(1);
  });
});

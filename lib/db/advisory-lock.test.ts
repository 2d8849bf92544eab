import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery } from "./admin-query";
import { lockHeld, runExclusive } from "./advisory-lock";
import { closeDb, getDb, type Db } from "./client";
import { purgeImportJobs } from "./imports";

/**
 * Work that must run once across processes: two handles on one PostgreSQL database stand in for two
 * processes (each has its own pools and lock connection, as a process would).
 */
const admin = process.env.TEST_DATABASE_URL;
if (!admin && process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI");

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("runExclusive on the embedded database", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-lock-"));
  let db: Db;
  beforeAll(async () => {
    db = await getDb({ kind: "pglite", dir });
  });
  afterAll(async () => {
    await closeDb({ kind: "pglite", dir });
    fs.rmSync(dir, { recursive: true, force: true });
  });
  it("runs at once: the folder lock already makes this process the only one", async () => {
    expect(await runExclusive(db, "boot", async () => 42)).toEqual({ ran: true, value: 42 });
    expect(await lockHeld(db, "boot")).toBe(false);
  });
});

describe.skipIf(!admin)("runExclusive across two processes of one PostgreSQL database", () => {
  const name = `vmc_lock_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let urlA = "";
  let urlB = "";
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    await adminQuery(admin!, `CREATE DATABASE ${name}`);
    const u = new URL(admin!);
    u.pathname = `/${name}`;
    urlA = u.toString();
    u.searchParams.set("application_name", "vmc_second_process");
    urlB = u.toString();
    a = await getDb({ kind: "postgresql", url: urlA });
    b = await getDb({ kind: "postgresql", url: urlB });
  });
  afterAll(async () => {
    await closeDb({ kind: "postgresql", url: urlA }).catch(() => {});
    await closeDb({ kind: "postgresql", url: urlB }).catch(() => {});
    await adminQuery(admin!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("lets one process run the work; another gives up, or waits and runs after it", async () => {
    const release = deferred();
    const order: string[] = [];
    const first = runExclusive(a, "scaleout-test", async () => {
      order.push("a:start");
      await release.promise;
      order.push("a:end");
      return "a";
    });
    while (!(await lockHeld(b, "scaleout-test"))) await new Promise((r) => setTimeout(r, 20));
    expect(await runExclusive(b, "scaleout-test", async () => "b")).toEqual({ ran: false });
    expect(await runExclusive(b, "scaleout-test", async () => "b", { wait: true, maxWaitMs: 300, pollMs: 50 })).toEqual({ ran: false });
    const second = runExclusive(b, "scaleout-test", async () => (order.push("b"), "b"), { wait: true, pollMs: 50 });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(["a:start"]);
    release.resolve();
    expect(await first).toEqual({ ran: true, value: "a" });
    expect(await second).toEqual({ ran: true, value: "b" });
    expect(order).toEqual(["a:start", "a:end", "b"]);
    expect(await lockHeld(a, "scaleout-test")).toBe(false);
    // Other work is not held up by this lock.
    expect(await runExclusive(b, "other-work", async () => 1)).toEqual({ ran: true, value: 1 });
  });

  it("releases the lock when the work fails", async () => {
    await expect(runExclusive(a, "failing", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await runExclusive(b, "failing", async () => "ok")).toEqual({ ran: true, value: "ok" });
  });

  it("skips purging old import jobs while another process purges", async () => {
    const release = deferred();
    const holder = runExclusive(a, "purge-import-jobs", () => release.promise);
    while (!(await lockHeld(b, "purge-import-jobs"))) await new Promise((r) => setTimeout(r, 20));
    expect(await purgeImportJobs(b)).toBeNull();
    release.resolve();
    await holder;
    expect(await purgeImportJobs(b)).toBe(0);
  });
});

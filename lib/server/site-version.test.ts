import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery } from "@/lib/db/admin-query";
import { closeDb, getDb, type Db } from "@/lib/db/client";
import { keepable, RenderCache, withFreshNonce } from "./render-cache";
import { readSiteVersion, VersionClock } from "./site-version";

/**
 * The write version lives in the database: a write through another
 * connection (another process, on PostgreSQL) makes every answer kept under
 * the old version a miss.
 */
type Case = { name: string; open(): Promise<{ db: Db; writeElsewhere(sql: string): Promise<void>; dispose(): Promise<void> }> };

const cases: Case[] = [
  {
    name: "pglite",
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-sv-"));
      const t = { kind: "pglite" as const, dir };
      const db = await getDb(t);
      // One process per PGlite folder: "elsewhere" is the plain SQL driver, not Prisma.
      return { db, writeElsewhere: (sql) => db.sql.exec(sql), dispose: async () => (await closeDb(t), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  },
];
const admin = process.env.TEST_DATABASE_URL;
if (admin) {
  cases.push({
    name: "postgresql",
    async open() {
      const name = `vmc_sv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await adminQuery(admin, `CREATE DATABASE ${name}`);
      const u = new URL(admin);
      u.pathname = `/${name}`;
      const t = { kind: "postgresql" as const, url: u.toString() };
      const db = await getDb(t);
      return {
        db,
        // A connection of its own, as another app process would have.
        writeElsewhere: (sql) => adminQuery(u.toString(), sql),
        dispose: async () => (await closeDb(t), await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
      };
    },
  });
} else if (process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI");

const answer = (version: string, body = "<p>hello</p>") =>
  keepable(200, { "content-type": "text/html", "content-security-policy": "script-src 'nonce-AAAA'" }, Buffer.from(body), version, 1 << 20)!;

describe.each(cases)("the site write version, on $name", (c) => {
  let h: Awaited<ReturnType<Case["open"]>>;
  beforeAll(async () => {
    h = await c.open();
  }, 120_000);
  afterAll(async () => {
    await h?.dispose();
  });

  it("rises with a write through another connection, and answers kept under the old one miss", async () => {
    const clock = new VersionClock(() => () => readSiteVersion(h.db), 0);
    const before = (await clock.current())!;
    expect(before).toMatch(/^\d+$/);
    const cache = new RenderCache(1 << 20);
    cache.set("/vms", answer(before));
    expect(cache.get("/vms", (await clock.current())!)).not.toBeNull();

    // Reads leave it alone.
    await h.db.prisma.vm.count();
    expect(await clock.current()).toBe(before);

    await h.writeElsewhere(`INSERT INTO application (slug, name, category, aliases) VALUES ('sv-test', 'SV test', 'other', '{}')`);
    const after = (await clock.current())!;
    expect(BigInt(after)).toBeGreaterThan(BigInt(before));
    expect(cache.get("/vms", after)).toBeNull();

    // A delete that matches nothing still counts: being conservative costs one render, never a stale page.
    await h.writeElsewhere(`DELETE FROM vm_tag WHERE vm_id = 'none'`);
    expect(BigInt((await clock.current())!)).toBeGreaterThan(BigInt(after));
  });

  it("within its ttl reuses the version it read, until a write through this process invalidates it", async () => {
    const clock = new VersionClock(() => () => readSiteVersion(h.db), 60_000);
    const v1 = await clock.current();
    await h.writeElsewhere(`UPDATE application SET name = 'SV test 2' WHERE slug = 'sv-test'`);
    expect(await clock.current()).toBe(v1);
    clock.invalidate();
    expect(BigInt((await clock.current())!)).toBeGreaterThan(BigInt(v1!));
  });
});

describe("RenderCache", () => {
  it("drops everything older when an answer of a newer version arrives, and refuses older ones", () => {
    const c = new RenderCache(1 << 20);
    c.set("/a", answer("5"));
    c.set("/b", answer("6"));
    expect(c.get("/a", "5")).toBeNull();
    expect(c.get("/b", "6")).not.toBeNull();
    c.set("/a", answer("5"));
    expect(c.size).toBe(1);
  });

  it("keeps within its byte budget, least recently used out first", () => {
    const c = new RenderCache(300, 100);
    for (const k of ["/1", "/2", "/3"]) c.set(k, answer("1", "x".repeat(100)));
    expect(c.get("/1", "1")).not.toBeNull(); // now most recent
    c.set("/4", answer("1", "x".repeat(100)));
    expect(c.get("/2", "1")).toBeNull();
    expect(c.get("/1", "1")).not.toBeNull();
    c.set("/big", answer("1", "x".repeat(101)));
    expect(c.get("/big", "1")).toBeNull();
  });

  it("keeps only whole, uncompressed, successful answers without cookies", () => {
    const body = Buffer.from("x");
    expect(keepable(404, {}, body, "1", 100)).toBeNull();
    expect(keepable(200, { "set-cookie": "a=b" }, body, "1", 100)).toBeNull();
    expect(keepable(200, { "content-encoding": "gzip" }, body, "1", 100)).toBeNull();
    expect(keepable(200, { date: "x", etag: "y", "x-a": "z" }, body, "1", 100)!.headers).toEqual({ "x-a": "z" });
  });

  it("serves a kept page with a fresh nonce in its CSP and in every script tag", () => {
    const a = keepable(
      200,
      { "content-security-policy": "script-src 'self' 'nonce-OLDnonce+/=' 'strict-dynamic'" },
      Buffer.from('<script nonce="OLDnonce+/=">1</script><script nonce="OLDnonce+/=">2</script>'),
      "1",
      1000,
    )!;
    expect(a.nonce).toBe("OLDnonce+/=");
    const fresh = withFreshNonce(a, "NEWnonce");
    expect(fresh.headers["content-security-policy"]).toBe("script-src 'self' 'nonce-NEWnonce' 'strict-dynamic'");
    expect(fresh.body.toString()).toBe('<script nonce="NEWnonce">1</script><script nonce="NEWnonce">2</script>');
    expect(withFreshNonce(a).body.toString()).not.toContain("OLDnonce");
  });
});

describe("VersionClock.peek", () => {
  it("answers without waiting while the last read is fresh or a little stale (refreshing it), never after a write through this process", async () => {
    let reads = 0;
    const clock = new VersionClock(() => async () => String(++reads), 200);
    expect(clock.peek()).toBeNull();
    expect(await clock.current()).toBe("1");
    expect(clock.peek()).toBe("1");
    clock.invalidate();
    expect(clock.peek()).toBeNull();
    expect(await clock.current()).toBe("2");
    // Past the ttl but within twice it: the old value at once, and one read starts behind it.
    await new Promise((r) => setTimeout(r, 250));
    expect(clock.peek()).toBe("2");
    expect(clock.peek()).toBe("2");
    await new Promise((r) => setTimeout(r, 20));
    expect(reads).toBe(3);
    expect(clock.peek()).toBe("3");
    // Past twice the ttl: nothing without waiting.
    await new Promise((r) => setTimeout(r, 450));
    expect(clock.peek()).toBeNull();
    expect(await clock.current()).toBe("4");
  });
});

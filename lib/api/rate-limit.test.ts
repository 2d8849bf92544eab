import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { RATE_LIMIT_PURGE_BATCH } from "@/lib/db/rate-limit";
import { testTargets } from "@/lib/db/test-targets";
import { parseTrustProxy } from "@/lib/env";
import { checkRateLimit, clientAddress, clientKey, PEER_HEADER } from "./rate-limit";

/** A request as scripts/serve.ts hands it on: the socket peer in PEER_HEADER. */
const req = (peer: string, xff?: string) =>
  new Request("http://localhost/api/v1/vms", { method: "POST", headers: { [PEER_HEADER]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) } });

describe("the client address", () => {
  it("is the socket peer; X-Forwarded-For is ignored unless the peer is a trusted proxy", () => {
    expect(clientAddress(req("198.51.100.7", "1.2.3.4"), [])).toBe("198.51.100.7");
    expect(clientAddress(req("::ffff:198.51.100.7"), [])).toBe("198.51.100.7");
    // A trusted list that does not name this peer changes nothing.
    expect(clientAddress(req("198.51.100.7", "1.2.3.4"), parseTrustProxy("10.0.0.0/8"))).toBe("198.51.100.7");
  });

  it("behind trusted proxies is the right-most hop that is not a trusted proxy", () => {
    const trusted = parseTrustProxy("10.0.0.0/8, 192.0.2.1");
    // The client forged "1.2.3.4"; the proxy appended the real address 203.0.113.9.
    expect(clientAddress(req("10.1.2.3", "1.2.3.4, 203.0.113.9"), trusted)).toBe("203.0.113.9");
    // Two proxies in a row: both are skipped.
    expect(clientAddress(req("10.1.2.3", "1.2.3.4, 203.0.113.9, 192.0.2.1"), trusted)).toBe("203.0.113.9");
    // Nothing but proxies: the left-most one.
    expect(clientAddress(req("10.1.2.3", "10.9.9.9"), trusted)).toBe("10.9.9.9");
    expect(clientAddress(req("10.1.2.3"), trusted)).toBe("10.1.2.3");
    expect(clientAddress(req("::1", "2001:db8::7"), parseTrustProxy("loopback"))).toBe("2001:db8::7");
  });

  it("is unknown (one shared key) without the production server's header, whatever X-Forwarded-For says", () => {
    const bare = (xff: string) => new Request("http://localhost/", { headers: { "x-forwarded-for": xff } });
    expect(clientAddress(bare("1.2.3.4"), parseTrustProxy("loopback"))).toBeNull();
    expect(clientKey(bare("1.2.3.4"), [])).toBe(clientKey(bare("5.6.7.8"), []));
  });
});

describe("TRUST_PROXY", () => {
  it("reads addresses, CIDR networks and loopback, and names what is wrong", () => {
    expect(parseTrustProxy("")).toEqual([]);
    expect(parseTrustProxy("loopback").map((r) => [r.family, r.bits])).toEqual([[4, 8], [6, 128]]);
    expect(parseTrustProxy("2001:db8::/32, 10.0.0.1").map((r) => [r.family, r.bits])).toEqual([[6, 32], [4, 32]]);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/prefix length/);
    expect(() => parseTrustProxy("proxy.example.com")).toThrow(/not an IP address/);
  });
});

for (const target of testTargets()) {
  describe(`write rate limit on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(() => target.dispose());

    it("allows the limit per client and window, then says how long to wait", async () => {
      const r = req("198.51.100.7");
      for (let i = 0; i < 3; i++) expect(await checkRateLimit(db, r, 3, 60_000)).toBe(0);
      const wait = await checkRateLimit(db, r, 3, 60_000);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      // Another client is counted apart.
      expect(await checkRateLimit(db, req("198.51.100.8"), 3, 60_000)).toBe(0);
    });

    it("starts a new window when the old one is over", async () => {
      const r = req("198.51.100.9");
      expect(await checkRateLimit(db, r, 1, 2000)).toBe(0);
      expect(await checkRateLimit(db, r, 1, 2000)).toBeGreaterThan(0);
      await new Promise((res) => setTimeout(res, 2100));
      expect(await checkRateLimit(db, r, 1, 2000)).toBe(0);
    });

    it("never stores the client's address", async () => {
      const rows = await db.sql.query<{ key: string }>("SELECT key FROM rate_limit");
      expect(rows.map((x) => x.key)).toContain(clientKey(req("198.51.100.7")));
      expect(JSON.stringify(rows)).not.toContain("198.51.100");
    });

    it("counts a spoofed X-Forwarded-For against the sender, adding no rows", async () => {
      const keys = async () => new Set((await db.sql.query<{ key: string }>("SELECT key FROM rate_limit")).map((r) => r.key));
      const before = await keys();
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) waits.push(await checkRateLimit(db, req("198.51.100.50", `203.0.113.${i}`), 2, 60_000));
      expect(waits.filter((w) => w > 0)).toHaveLength(3);
      const added = [...(await keys())].filter((k) => !before.has(k));
      expect(added).toEqual([clientKey(req("198.51.100.50"))]);
    });

    it("removes rows whose window is over, a bounded number per write", async () => {
      await db.sql.exec("DELETE FROM rate_limit");
      const old = new Date(Date.now() - 3_600_000).toISOString();
      await db.sql.query(
        `INSERT INTO rate_limit (key, count, reset_at) SELECT 'old' || g, 1, $1::timestamp FROM generate_series(1, ${RATE_LIMIT_PURGE_BATCH + 20}) g`,
        [old],
      );
      await checkRateLimit(db, req("198.51.100.60"), 5, 60_000);
      const left = (await db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM rate_limit WHERE key LIKE 'old%'"))[0].n;
      expect(left).toBe(20);
      await checkRateLimit(db, req("198.51.100.61"), 5, 60_000);
      const rows = await db.sql.query<{ key: string }>("SELECT key FROM rate_limit ORDER BY key");
      expect(rows.map((r) => r.key).sort()).toEqual([clientKey(req("198.51.100.60")), clientKey(req("198.51.100.61"))].sort());
    });
  });
}

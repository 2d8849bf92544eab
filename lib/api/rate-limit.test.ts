import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { testTargets } from "@/lib/db/test-targets";
import { checkRateLimit, clientKey } from "./rate-limit";

const req = (ip: string) => new Request("http://localhost/api/v1/vms", { method: "POST", headers: { "x-forwarded-for": ip } });

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
      expect(await checkRateLimit(db, r, 1, 50)).toBe(0);
      expect(await checkRateLimit(db, r, 1, 50)).toBeGreaterThan(0);
      await new Promise((res) => setTimeout(res, 80));
      expect(await checkRateLimit(db, r, 1, 50)).toBe(0);
    });

    it("never stores the client's address", async () => {
      const rows = await db.sql.query<{ key: string }>("SELECT key FROM rate_limit");
      expect(rows.map((x) => x.key)).toContain(clientKey(req("198.51.100.7")));
      expect(JSON.stringify(rows)).not.toContain("198.51.100");
    });
  });
}

import { afterAll, beforeAll, describe, it } from "vitest";
import { describeRouteFuzz } from "./route-fuzz.test-support";
import { adminQuery } from "@/lib/db/admin-query";

/**
 * Every route handler under arbitrary input on PostgreSQL, which refuses more
 * than PGlite does (NUL in text, a fraction for an integer parameter). Needs
 * TEST_DATABASE_URL (an admin connection): a fresh database is created and
 * dropped.
 */
const adminUrl = process.env.TEST_DATABASE_URL;
if (!adminUrl && process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the PostgreSQL tests may not be skipped");

if (!adminUrl) {
  describe.skip("every API route under arbitrary input (PostgreSQL: TEST_DATABASE_URL not set)", () => {
    it("skipped", () => {});
  });
} else {
  const dbName = `vmc_fuzz_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
  process.env.RATE_LIMIT_PER_MINUTE = "100000";

  const admin = (sql: string) => adminQuery(adminUrl, sql);
  let ready: Promise<import("@/lib/db/client").Db> | undefined;
  const database = () =>
    (ready ??= (async () => {
      await admin(`CREATE DATABASE ${dbName}`);
      const { getDb } = await import("@/lib/db/client");
      const { syncTaxonomy } = await import("@/lib/db/vms");
      const db = await getDb();
      await syncTaxonomy(db);
      return db;
    })());
  beforeAll(async () => {
    await database();
  }, 120_000);
  afterAll(async () => {
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  });
  describeRouteFuzz("PostgreSQL", database);
}

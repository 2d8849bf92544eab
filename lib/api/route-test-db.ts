import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/client";

/**
 * Route-handler tests run the real handlers on a fresh embedded database.
 * Call this at the top level of a test file, before the routes are imported
 * (they read DATABASE_URL when they first open the database). It opens and
 * migrates the database with the taxonomy before the file's own hooks, and
 * closes and removes it afterwards; the returned function gives the database
 * for seeding.
 */
export function useRouteTestDatabase(name: string): () => Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vmc-${name}-`));
  process.env.DATABASE_URL = `pglite:${dir}`;
  let ready: Promise<Db> | undefined;
  const open = () =>
    (ready ??= (async () => {
      const { getDb } = await import("@/lib/db/client");
      const { syncTaxonomy } = await import("@/lib/db/vms");
      const db = await getDb();
      await syncTaxonomy(db);
      return db;
    })());
  beforeAll(async () => {
    await open();
  }, 60_000);
  afterAll(async () => {
    const { closeDb } = await import("@/lib/db/client");
    await closeDb();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return open;
}

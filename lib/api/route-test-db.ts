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
 * for seeding. With `{ postgres: adminUrl }` the database is instead a fresh
 * one on that PostgreSQL server, dropped afterwards.
 */
export function useRouteTestDatabase(name: string, opts: { postgres?: string } = {}): () => Promise<Db> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vmc-${name}-`));
  const pgName = `vmc_route_${name.replace(/\W/g, "_")}_${process.pid}`;
  const admin = async (sql: string) => {
    const { Client } = await import("pg");
    const c = new Client({ connectionString: opts.postgres });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  if (opts.postgres) {
    const u = new URL(opts.postgres);
    u.pathname = `/${pgName}`;
    process.env.DATABASE_URL = u.toString();
  } else {
    process.env.DATABASE_URL = `pglite:${dir}`;
  }
  let ready: Promise<Db> | undefined;
  const open = () =>
    (ready ??= (async () => {
      const { getDb } = await import("@/lib/db/client");
      const { syncTaxonomy } = await import("@/lib/db/vms");
      if (opts.postgres) await admin(`CREATE DATABASE ${pgName}`);
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
    if (opts.postgres) await admin(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
  });
  return open;
}

import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDb, getDb, type Db } from "./client";
import { adminQuery } from "./admin-query";

/**
 * Databases for integration tests: a fresh PGlite folder always, and a fresh
 * database on the PostgreSQL server of TEST_DATABASE_URL when it is given
 * (the test command starts a local server and sets it).
 */
export interface TestTarget {
  name: "pglite" | "postgresql";
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [pgliteTarget()];
  const url = process.env.TEST_DATABASE_URL;
  if (url) targets.push(postgresTarget(url));
  else if (process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the PostgreSQL tests may not be skipped");
  return targets;
}

function pgliteTarget(): TestTarget {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-pglite-"));
  const t = { kind: "pglite" as const, dir };
  return {
    name: "pglite",
    open: () => getDb(t),
    async dispose() {
      await closeDb(t);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresTarget(adminUrl: string): TestTarget {
  const dbName = `vmc_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const t = { kind: "postgresql" as const, url: u.toString() };
  let created = false;
  const admin = (sql: string) => adminQuery(adminUrl, sql);
  return {
    name: "postgresql",
    async open() {
      if (!created) {
        await admin(`CREATE DATABASE ${dbName}`);
        created = true;
      }
      return getDb(t);
    },
    async dispose() {
      await closeDb(t);
      if (created) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    },
  };
}

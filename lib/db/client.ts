import "server-only";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { assertNoInterruptedRestore, serveBackups } from "./backup";
import { useFolderSecret } from "./fingerprint-secret";
import type { LockSession } from "./advisory-lock";
import { acquireLock, releaseLock } from "./lock";
import { applyMigrations, type SqlDriver } from "./migrate";
import { gatedPglite, gatedPool, PriorityGate, type PgliteQueryable } from "./priority-gate";
import { currentReadRoute } from "./read-route";

/**
 * The one database handle of a process: Prisma for queries, a plain SQL
 * driver for migrations and bulk work. Chosen by DATABASE_URL: unset or
 * "pglite:<dir>" is the embedded PGlite; "postgresql://" a server.
 */
export interface Db {
  kind: "pglite" | "postgresql";
  /** The data folder (absolute), for PGlite: state that belongs to the database lives there. */
  dir?: string;
  prisma: PrismaClient;
  sql: SqlDriver;
  close(): Promise<void>;
  /** PostgreSQL: a connection of its own for advisory locks (lib/db/advisory-lock.ts). */
  lockSession?: () => Promise<LockSession>;
  /** A read replica's handle (getReadDb): its connections refuse writes. */
  replica?: boolean;
  /** Connections and waiting statements now, for /api/metrics. */
  poolStats?(): PoolStats;
}

/** PostgreSQL: the pg pool's connections; both: statements waiting for a turn (priority-gate.ts). */
export interface PoolStats {
  max: number;
  total: number | null;
  idle: number | null;
  waiting: number;
}

type Target = { kind: "pglite"; dir: string } | { kind: "postgresql"; url: string; replica?: boolean };

// Cached on globalThis, not in a module variable: Next.js may evaluate this
// module once per server chunk, and two PGlite instances on one folder in one
// process corrupt it.
const g = globalThis as unknown as { __vmcompareDb?: Map<string, Promise<Db>> };
g.__vmcompareDb ??= new Map();

function keyOf(t: Target): string {
  return t.kind === "pglite" ? `pglite:${path.resolve(t.dir)}` : t.replica ? `replica:${t.url}` : t.url;
}

/**
 * The handle for a request's reads: the read replica of DATABASE_READ_URL
 * when one is set and the request was routed to it (lib/db/read-route.ts),
 * else the primary. Writes, and reads that must see a write just made,
 * use getDb().
 */
export function getReadDb(): Promise<Db> {
  return currentReadRoute() === "replica" ? getReplicaDb() : getDb();
}

/** The read replica's handle, or the primary's when DATABASE_READ_URL is not set. */
export function getReplicaDb(): Promise<Db> {
  const e = env();
  if (e.database.kind !== "postgresql" || !e.DATABASE_READ_URL) return getDb();
  return getDb({ kind: "postgresql", url: e.DATABASE_READ_URL, replica: true });
}

export function getDb(target: Target = env().database): Promise<Db> {
  const key = keyOf(target);
  let p = g.__vmcompareDb!.get(key);
  if (!p) {
    p = open(target).catch((e) => {
      g.__vmcompareDb!.delete(key);
      throw e;
    });
    g.__vmcompareDb!.set(key, p);
  }
  return p;
}

export async function closeDb(target: Target = env().database): Promise<void> {
  const key = keyOf(target);
  const p = g.__vmcompareDb!.get(key);
  g.__vmcompareDb!.delete(key);
  if (p) await (await p).close();
}

async function open(t: Target): Promise<Db> {
  return t.kind === "pglite" ? openPglite(t.dir) : openPostgres(t.url, t.replica ?? false);
}

async function openPglite(dir: string): Promise<Db> {
  acquireLock(dir);
  try {
    assertNoInterruptedRestore(dir);
    useFolderSecret(dir);
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pg = new PGlite(path.join(path.resolve(dir), "pgdata"));
    await pg.waitReady;
    // One statement at a time, writes first: see priority-gate.ts.
    const gate = new PriorityGate();
    const gated = gatedPglite(pg as unknown as PgliteQueryable, gate);
    const sql: SqlDriver = pgliteDriver(gated as unknown as PgliteLike);
    await applyMigrations(sql);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(gated as unknown as typeof pg) });
    // `npm run db:backup` asks this process for a copy while it holds the folder (backup.ts); taken
    // through the gate, between two transactions, as a write: first in line.
    const stopBackups = await serveBackups(dir, () => gate.run("write", () => pg.dumpDataDir("none")));
    return {
      kind: "pglite",
      dir: path.resolve(dir),
      prisma,
      sql,
      poolStats: () => ({ max: 1, total: null, idle: null, waiting: gate.stats().waitingWrites + gate.stats().waitingReads }),
      async close() {
        await stopBackups();
        await prisma.$disconnect();
        await pg.close();
        releaseLock(dir);
      },
    };
  } catch (e) {
    releaseLock(dir);
    throw e;
  }
}

type PgliteLike = {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T>;
};

function pgliteDriver(pg: PgliteLike): SqlDriver {
  return {
    async exec(s) {
      await pg.exec(s);
    },
    async query<T>(s: string, params?: unknown[]) {
      return (await pg.query<T>(s, params)).rows;
    },
    async transaction(fn) {
      await pg.transaction((tx) => fn(pgliteDriver(tx)));
    },
  };
}

async function openPostgres(url: string, replica: boolean): Promise<Db> {
  const { Pool } = await import("pg");
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const POOL_SIZE = env().DATABASE_POOL_SIZE;
  // A replica's sessions refuse writes: a write sent there by mistake fails loudly, even when
  // DATABASE_READ_URL names the primary itself.
  const raw = new Pool({
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: 5000,
    ...(replica ? { options: "-c default_transaction_read_only=on" } : {}),
  });
  raw.on("error", () => {
    /* a dropped idle client; the next query reconnects */
  });
  // As many slots as connections, writes first: waiting requests queue in the gate, never past the pool's timeout.
  const gate = new PriorityGate(8, POOL_SIZE);
  const pool = gatedPool(raw, gate);
  const sql: SqlDriver = {
    async exec(s) {
      await pool.query(s);
    },
    async query<T>(s: string, params?: unknown[]) {
      return (await pool.query(s, params as unknown[])).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await fn({
          exec: async (s) => void (await client.query(s)),
          query: async <T,>(s: string, p?: unknown[]) => (await client.query(s, p as unknown[])).rows as T[],
          transaction: () => Promise.reject(new Error("nested transactions are not supported")),
        });
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
  };
  // Advisory locks live on the primary (a standby's are its own): a replica's handle borrows the primary's.
  let lockPool: InstanceType<typeof Pool> | null = null;
  const lockSession = replica
    ? async () => (await getDb()).lockSession!()
    : async (): Promise<LockSession> => {
        if (!lockPool) {
          lockPool = new Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5000 });
          lockPool.on("error", () => {});
        }
        const c = await lockPool.connect();
        return { query: async <T,>(s: string, p?: unknown[]) => (await c.query(s, p as unknown[])).rows as T[], release: () => c.release() };
      };
  try {
    if (replica) {
      await raw.query("SELECT 1");
    } else {
      // Several servers may start at once: one migrates, the others wait.
      // (On the raw pool: migrating uses gated connections of its own meanwhile.)
      const client = await raw.connect();
      try {
        // A role's statement_timeout (docs/deploy.md) must not cut the wait, or a long migration, short.
        await client.query("SET statement_timeout = 0");
        await client.query("SELECT pg_advisory_lock(2008)");
        await applyMigrations(sql);
      } finally {
        await client.query("SELECT pg_advisory_unlock(2008)").catch(() => {});
        await client.query("RESET statement_timeout").catch(() => {});
        client.release();
      }
    }
  } catch (e) {
    await raw.end().catch(() => {});
    if (e instanceof AppError) throw e;
    const msg = (e as Error).message;
    throw new AppError("database_unavailable", `Cannot use the PostgreSQL ${replica ? "read replica" : "database"} at ${redactUrl(url)}: ${msg}`);
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgresql",
    prisma,
    sql,
    lockSession,
    replica,
    poolStats: () => {
      const g = gate.stats();
      return { max: POOL_SIZE, total: raw.totalCount, idle: raw.idleCount, waiting: raw.waitingCount + g.waitingWrites + g.waitingReads };
    },
    async close() {
      await prisma.$disconnect();
      await raw.end().catch(() => {});
      await lockPool?.end().catch(() => {});
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+)(:[^@/]*)?@/, "//$1:***@");
}

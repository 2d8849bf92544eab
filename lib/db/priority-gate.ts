import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Admission to a database that runs one statement at a time (PGlite), or
 * to a connection pool of fixed size (PostgreSQL), with writes ahead of reads.
 *
 * PGlite queues every query and transaction in one first-come mutex. Under
 * a page-read flood a write request (rate-limit row, duplicate check, then
 * its transaction) waited behind hundreds of reads at each of its steps, and
 * no write finished during a 15-s burst. The gate admits one operation at a
 * time itself, so PGlite's own mutex is never contended, and picks the next
 * one by priority: a write request's statements and every transaction first,
 * reads after them. Reads are not starved either: after `writeBurst` writes
 * in a row while reads wait, one read goes. On PostgreSQL the same gate sits
 * in front of the pool: before it, 200 readers exhausted its 10 connections
 * and writes failed with 500 after the pool's 5-s connection timeout.
 */
export type Priority = "write" | "read";

const writerContext = new AsyncLocalStorage<true>();

/** Runs `fn` as part of a write: every statement it issues goes ahead of reads. */
export function asWriter<T>(fn: () => Promise<T>): Promise<T> {
  return writerContext.run(true, fn);
}

export function inWriter(): boolean {
  return writerContext.getStore() === true;
}

// Statements that change data, after leading comments and a CTE's WITH (a
// data-changing CTE would be missed; those come from write paths anyway).
const WRITE_SQL = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*(insert|update|delete|merge|upsert|begin|start|set|create|alter|drop|truncate|copy|lock|vacuum|analyze)\b/i;

/** The priority of one statement: a write request's, or a data-changing statement, goes first. */
export function priorityOf(sql: string): Priority {
  return inWriter() || WRITE_SQL.test(sql) ? "write" : "read";
}

type Waiter = () => void;

export interface GateStats {
  running: boolean;
  waitingWrites: number;
  waitingReads: number;
}

export class PriorityGate {
  private running = 0;
  private readonly writes: Waiter[] = [];
  private readonly reads: Waiter[] = [];
  private writesInARow = 0;

  /** `capacity`: operations at once (1 for PGlite; a pool's size for PostgreSQL). */
  constructor(private readonly writeBurst = 8, private readonly capacity = 1) {}

  async run<T>(priority: Priority, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(priority);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  stats(): GateStats {
    return { running: this.running > 0, waitingWrites: this.writes.length, waitingReads: this.reads.length };
  }

  /** Waits for a slot; the returned function gives it back (once, however often it is called). */
  async acquire(priority: Priority): Promise<() => void> {
    if (this.running < this.capacity) {
      this.running++;
      this.writesInARow = priority === "write" ? this.writesInARow + 1 : 0;
    } else {
      await new Promise<void>((resolve) => (priority === "write" ? this.writes : this.reads).push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    const readTurn = this.reads.length > 0 && (this.writes.length === 0 || this.writesInARow >= this.writeBurst);
    const next = readTurn ? this.reads.shift() : this.writes.shift();
    if (!next) {
      this.running--;
      if (this.running === 0) this.writesInARow = 0;
      return;
    }
    this.writesInARow = readTurn ? 0 : this.writesInARow + 1;
    // The slot passes straight to the next operation.
    next();
  }
}

/** The part of PGlite's interface that Prisma's adapter and our SQL driver use. */
export interface PgliteQueryable {
  query<T>(sql: string, params?: unknown[], options?: unknown): Promise<{ rows: T[] } & Record<string, unknown>>;
  exec(sql: string, options?: unknown): Promise<unknown>;
  transaction<T>(fn: (tx: never) => Promise<T>): Promise<T>;
}

/**
 * PGlite behind a priority gate. Statements inside a transaction use the
 * transaction's own handle, which already holds the gate.
 */
export function gatedPglite<P extends PgliteQueryable>(pg: P, gate = new PriorityGate()): P {
  const gated = {
    query: (sql: string, params?: unknown[], options?: unknown) => gate.run(priorityOf(sql), () => pg.query(sql, params, options)),
    exec: (sql: string, options?: unknown) => gate.run(priorityOf(sql), () => pg.exec(sql, options)),
    transaction: <T,>(fn: (tx: never) => Promise<T>) => gate.run("write", () => pg.transaction(fn)),
  };
  // Everything else (close, waitReady, listen, …) is PGlite's own.
  return new Proxy(pg, {
    get(target, prop) {
      if (prop in gated) return gated[prop as keyof typeof gated];
      // PGlite keeps its state in #private fields: read them on PGlite itself, not through the proxy.
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

type PoolLike = {
  query(...args: unknown[]): Promise<unknown>;
  connect(): Promise<{ release(err?: unknown): void }>;
};

function sqlText(arg: unknown): string {
  return typeof arg === "string" ? arg : ((arg as { text?: string } | null)?.text ?? "");
}

/**
 * A pg Pool behind a priority gate as wide as the pool: queries and
 * checked-out clients (transactions) each hold a slot until they end.
 */
export function gatedPool<P extends PoolLike>(pool: P, gate: PriorityGate): P {
  const gated = {
    query: (...args: unknown[]) => gate.run(priorityOf(sqlText(args[0])), () => pool.query(...args)),
    connect: async () => {
      const release = await gate.acquire("write");
      try {
        const client = await pool.connect();
        const own = client.release.bind(client);
        client.release = (err?: unknown) => {
          release();
          own(err);
        };
        return client;
      } catch (e) {
        release();
        throw e;
      }
    },
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (prop in gated) return gated[prop as keyof typeof gated];
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

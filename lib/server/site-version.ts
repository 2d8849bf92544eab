import type { Db } from "@/lib/db/client";

/**
 * The site's write version: a counter in the database that every statement
 * changing public content raises in its own transaction (triggers of
 * migration 20261204190000_site_version). Kept in the database, so every
 * process that shares it agrees on what is stale.
 *
 * The production server (scripts/serve.ts) runs Next.js in its own process
 * but outside its bundle: boot (inside Next) publishes a reader on
 * globalThis, and the server looks it up there rather than opening a
 * second database client.
 */
export async function readSiteVersion(db: Db): Promise<string> {
  const rows = await db.prisma.$queryRawUnsafe<{ v: string }[]>(`SELECT "version"::text AS v FROM "site_version" WHERE "id" = 1`);
  return rows[0]?.v ?? "0";
}

type Reader = () => Promise<string>;
const g = globalThis as unknown as { __vmcompareSiteVersion?: Reader };

export function publishSiteVersionReader(read: Reader): void {
  g.__vmcompareSiteVersion = read;
}

export function siteVersionReader(): Reader | null {
  return g.__vmcompareSiteVersion ?? null;
}

/**
 * The version as seen by this process, read at most once per `ttlMs` (and
 * once at a time). A write through this process calls `invalidate()` so its
 * author's next read is fresh; writes through other processes show within
 * `ttlMs` plus one read of the version through `current()`, and within
 * 2 × `ttlMs` through `peek()` (what scripts/serve.ts uses: 1 s, at most 2 s).
 */
export class VersionClock {
  private value: { v: string; at: number } | null = null;
  private flight: Promise<string | null> | null = null;
  private epoch = 0;

  constructor(private readonly read: () => Reader | null, private readonly ttlMs = 1000) {}

  invalidate(): void {
    this.value = null;
    // A read already under way may predate the write: later callers start their own.
    this.flight = null;
    this.epoch++;
  }

  /**
   * The version without waiting, or null. Fresh (read less than `ttlMs` ago)
   * it is simply returned; older, but less than `maxStaleMs`, it is returned
   * too while one read in the background refreshes it, so that requests never
   * all stop at the end of each ttl to wait for the database. Past
   * `maxStaleMs`, or after a write through this process, null: the caller
   * waits for `current()`.
   */
  peek(maxStaleMs = 2 * this.ttlMs): string | null {
    if (!this.value) return null;
    const age = Date.now() - this.value.at;
    if (age < this.ttlMs) return this.value.v;
    if (age >= maxStaleMs) return null;
    void this.current();
    return this.value.v;
  }

  async current(): Promise<string | null> {
    if (this.value && Date.now() - this.value.at < this.ttlMs) return this.value.v;
    if (this.flight) return this.flight;
    const reader = this.read();
    if (!reader) return null;
    const epoch = this.epoch;
    this.flight = reader()
      .then(
        (v) => {
          // A write that finished while this read ran may not be in it: keep it for this caller only.
          if (epoch === this.epoch) this.value = { v, at: Date.now() };
          return v;
        },
        () => null,
      );
    const mine = this.flight;
    void mine.finally(() => {
      if (this.flight === mine) this.flight = null;
    });
    return mine;
  }
}

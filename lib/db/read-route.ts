import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which database a request's reads go to, when DATABASE_READ_URL names a
 * read replica (lib/db/client.ts, getReadDb). The production server
 * (scripts/serve.ts) decides per request and runs the request inside that
 * decision; code inside Next.js reads it back here. Both sides find the one
 * AsyncLocalStorage on globalThis: serve.ts runs outside Next's bundle, and
 * Next may load this module more than once.
 *
 * A client that has just written carries the FRESH_COOKIE for a while
 * (scripts/serve.ts sets it on every successful write): its reads go to the
 * primary, and skip the shared caches, so a contributor sees their own
 * change at once even when the replica or a cache lags. Without the server's
 * decision (next dev, tests calling handlers directly) reads go to the
 * primary: never staler than the caller expects.
 *
 * No "server-only" here: scripts/serve.ts runs outside the react-server condition.
 */
export type ReadRoute = "primary" | "replica";

/** Set on every successful write; sent back, it routes that client's reads to the primary. */
export const FRESH_COOKIE = "vmc_fresh";
/**
 * How long after a write the writer reads the primary and bypasses shared caches: as long as a
 * shared cache may keep a public answer (s-maxage of PUBLIC_CACHE_CONTROL, lib/server/cache-policy.ts).
 */
export const FRESH_SECONDS = 60;

const g = globalThis as unknown as { __vmcompareReadRoute?: AsyncLocalStorage<ReadRoute> };
g.__vmcompareReadRoute ??= new AsyncLocalStorage<ReadRoute>();

export function runWithReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return g.__vmcompareReadRoute!.run(route, fn);
}

/** The current request's route, or null outside a request of the production server. */
export function currentReadRoute(): ReadRoute | null {
  return g.__vmcompareReadRoute!.getStore() ?? null;
}

/** Whether a Cookie header carries the fresh-after-write cookie. */
export function hasFreshCookie(cookieHeader: string | undefined | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((c) => c.trim().startsWith(`${FRESH_COOKIE}=`));
}

/** The Set-Cookie value that marks a writer (no identifying content: the value is "1"). */
export function freshCookie(secure: boolean): string {
  return `${FRESH_COOKIE}=1; Max-Age=${FRESH_SECONDS}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

import { newNonce } from "./security-headers";

/**
 * Rendered public answers kept in memory, keyed by request and by the site's
 * write version (lib/server/site-version.ts): an answer is served again
 * until a write anywhere raises the version, so most page reads cost no
 * render at all. The version is read before the render, so a kept answer is
 * never older than the version it is filed under.
 *
 * Pages carry a CSP nonce; a kept page is served with a fresh one each time
 * (every occurrence of the old nonce is replaced), so the nonce stays
 * unguessable from one answer to the next.
 */
export interface CachedAnswer {
  version: string;
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  /** The CSP nonce the page was rendered with, or null (no nonce: JSON and the like). */
  nonce: string | null;
}

/** Headers that belong to one transfer, not to the answer. */
const TRANSIENT = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "etag", "cache-control"]);

export function nonceOf(headers: Record<string, unknown>): string | null {
  const csp = headers["content-security-policy"];
  const m = typeof csp === "string" ? csp.match(/'nonce-([A-Za-z0-9+/=]+)'/) : null;
  return m ? m[1] : null;
}

/** What to keep of a finished answer, or null when it must not be kept. */
export function keepable(status: number, headers: Record<string, unknown>, body: Buffer, version: string, maxEntryBytes: number): CachedAnswer | null {
  if (status !== 200 || "set-cookie" in headers || headers["content-encoding"] || body.length > maxEntryBytes) return null;
  const kept: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (TRANSIENT.has(k) || v == null) continue;
    kept[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return { version, status, headers: kept, body, nonce: nonceOf(headers) };
}

/** The answer with a fresh nonce wherever the old one appeared (body and headers). */
export function withFreshNonce(a: CachedAnswer, nonce = newNonce()): { headers: Record<string, string | string[]>; body: Buffer } {
  if (!a.nonce) return { headers: { ...a.headers }, body: a.body };
  const swap = (s: string) => s.split(a.nonce!).join(nonce);
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(a.headers)) headers[k] = Array.isArray(v) ? v.map(swap) : swap(v);
  return { headers, body: Buffer.from(swap(a.body.toString("utf8")), "utf8") };
}

export class RenderCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  private newest: bigint | null = null;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number, readonly maxEntryBytes = Math.min(4 << 20, maxBytes)) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, version: string): CachedAnswer | null {
    const e = this.entries.get(key);
    if (!e || e.version !== version) {
      if (e) this.remove(key, e);
      this.misses++;
      return null;
    }
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e;
  }

  set(key: string, answer: CachedAnswer): void {
    if (this.maxBytes <= 0 || answer.body.length > this.maxEntryBytes) return;
    const v = BigInt(answer.version);
    if (this.newest !== null && v < this.newest) return; // rendered before a write this cache already saw
    if (this.newest === null || v > this.newest) {
      // Everything kept so far is stale now.
      this.entries.clear();
      this.bytes = 0;
      this.newest = v;
    }
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, answer);
    this.bytes += answer.body.length;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.remove(k, e);
    }
  }

  private remove(key: string, e: CachedAnswer): void {
    this.entries.delete(key);
    this.bytes -= e.body.length;
  }
}

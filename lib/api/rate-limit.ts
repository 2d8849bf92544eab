import "server-only";
import crypto from "node:crypto";
import { env, type ProxyRange } from "@/lib/env";
import { isTrusted, normalizeAddress as normalize, PEER_HEADER } from "@/lib/server/trust-proxy";
import type { Db } from "@/lib/db/client";
import { hitRateLimit } from "@/lib/db/rate-limit";

/**
 * Fixed-window write limit per client, kept in the database so it holds
 * across server instances. The client is the address of the TCP peer, which
 * the production server (scripts/serve.ts) writes into PEER_HEADER after
 * deleting whatever the request brought; X-Forwarded-For is believed only
 * from proxies named in TRUST_PROXY. The key is a hash of the address (never
 * stored raw).
 */
export { isTrusted, PEER_HEADER };

/**
 * The client's address: the socket peer, or — when that peer is a trusted
 * proxy — the right-most X-Forwarded-For hop that is not itself a trusted
 * proxy (everything left of it was written by the client and may be forged).
 * Null when the request did not come through scripts/serve.ts (next dev).
 */
export function clientAddress(req: Request, trusted: ProxyRange[] = env().TRUST_PROXY): string | null {
  const peer = req.headers.get(PEER_HEADER);
  if (!peer) return null;
  let addr = normalize(peer);
  if (!trusted.length || !isTrusted(addr, trusted)) return addr;
  const hops = (req.headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  while (hops.length) {
    addr = hops.pop()!;
    if (!isTrusted(addr, trusted)) return addr;
  }
  return addr;
}

export function clientKey(req: Request, trusted?: ProxyRange[]): string {
  const ip = clientAddress(req, trusted) ?? "local";
  return crypto.createHash("sha256").update("rl\0" + ip).digest("hex").slice(0, 32);
}

/** Counts a write; returns the seconds to wait, or 0 when allowed. */
export async function checkRateLimit(db: Db, req: Request, limit = env().RATE_LIMIT_PER_MINUTE, windowMs = 60_000): Promise<number> {
  const now = new Date();
  const r = await hitRateLimit(db, clientKey(req), now, windowMs);
  if (r.count <= limit) return 0;
  return Math.max(1, Math.ceil((r.resetAt.getTime() - now.getTime()) / 1000));
}

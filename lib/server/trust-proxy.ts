import "server-only";
import net from "node:net";
import { env, ipToBigInt, maskAddress, type ProxyRange } from "@/lib/env";
export { FORWARDING_HEADERS, RELAYED_HEADER, relayedMark } from "./relayed";

/**
 * Whether headers set by a reverse proxy (X-Forwarded-For, -Host, -Proto) may
 * be believed. TRUST_PROXY (lib/env.ts, the README) is read one way only: a
 * list of proxy addresses and networks, or "loopback". A forwarded header is
 * believed when the request's TCP peer is one of them. The production server
 * (scripts/serve.ts) writes the peer into PEER_HEADER after deleting whatever
 * the client sent; without it (next dev) no proxy header is believed. Without
 * this a client could claim HTTPS (switching on HSTS for a plain HTTP site) or
 * choose the host that edit links point at.
 */
export const PEER_HEADER = "x-vmcompare-peer";

export function normalizeAddress(addr: string): string {
  const a = addr.trim().replace(/^\[|\]$/g, "");
  const mapped = a.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return mapped ? mapped[1] : a.toLowerCase();
}

export function isTrusted(addr: string, ranges: ProxyRange[]): boolean {
  const family = net.isIP(addr);
  if (!family) return false;
  const n = ipToBigInt(addr, family as 4 | 6);
  return ranges.some((r) => r.family === family && maskAddress(n, r.family, r.bits) === r.base);
}

/** The request came from a proxy named in TRUST_PROXY. */
export function fromTrustedProxy(req: Request, ranges: ProxyRange[] = env().TRUST_PROXY): boolean {
  const peer = req.headers.get(PEER_HEADER);
  if (!peer || !ranges.length) return false;
  return isTrusted(normalizeAddress(peer), ranges);
}

/**
 * The request reached a trusted proxy over HTTPS. `next start` serves plain
 * HTTP only, and the URL a proxy.ts sees is rebuilt from X-Forwarded-Proto
 * whoever sent it, so only a trusted proxy's word counts.
 */
export function isHttpsRequest(req: Request, trusted: boolean = fromTrustedProxy(req)): boolean {
  if (!trusted) return false;
  return req.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() === "https";
}


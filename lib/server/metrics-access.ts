import crypto from "node:crypto";
import { isTrusted, normalizeAddress, PEER_HEADER, RELAYED_HEADER } from "./trust-proxy";
import type { ProxyRange } from "@/lib/env";

/**
 * Who may read /api/metrics: a client on this machine (the TCP peer is a
 * loopback address and the request did not come through a proxy), or anyone
 * presenting METRICS_TOKEN as a bearer token. A reverse proxy on the same
 * host connects from loopback too: a request that arrived with forwarding headers (RELAYED_HEADER),
 * or whose peer is a trusted proxy (TRUST_PROXY), is not local.
 */
export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; message: string };

export function isLoopback(addr: string): boolean {
  const a = normalizeAddress(addr);
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(given).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export function metricsAccess(headers: Headers, token: string | undefined, trustProxy: ProxyRange[]): MetricsAccess {
  const auth = headers.get("authorization");
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
  if (token && bearer !== null && sameSecret(bearer, token)) return { ok: true };
  const peer = headers.get(PEER_HEADER);
  const local =
    !!peer && isLoopback(peer) && !isTrusted(normalizeAddress(peer), trustProxy) && headers.get(RELAYED_HEADER) !== "1";
  if (local) return { ok: true };
  if (!token) {
    return { ok: false, status: 403, message: "The metrics are served to clients on this machine only. Set METRICS_TOKEN to scrape them from elsewhere with a bearer token." };
  }
  return { ok: false, status: 401, message: bearer === null ? "The metrics need METRICS_TOKEN as a bearer token (Authorization: Bearer <token>)." : "Wrong metrics token." };
}

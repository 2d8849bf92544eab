import "server-only";
/**
 * Whether headers set by a reverse proxy (X-Forwarded-Proto) may be believed.
 * TRUST_PROXY (see the README) names the proxies in front of the server; any
 * value but an empty one or "false"/"0"/"off"/"no" means one is there. Without
 * it a client could claim HTTPS and, for example, switch on HSTS for a plain
 * HTTP site.
 */
export function proxyTrusted(value = process.env.TRUST_PROXY): boolean {
  const v = value?.trim().toLowerCase();
  return !!v && !["false", "0", "off", "no"].includes(v);
}

/**
 * The request reached a trusted proxy over HTTPS. `next start` serves plain
 * HTTP only, and the URL a proxy.ts sees is rebuilt from X-Forwarded-Proto
 * whoever sent it, so only a trusted proxy's word counts.
 */
export function isHttpsRequest(req: Request, trusted = proxyTrusted()): boolean {
  if (!trusted) return false;
  return req.headers.get("x-forwarded-proto")?.split(",")[0].trim().toLowerCase() === "https";
}

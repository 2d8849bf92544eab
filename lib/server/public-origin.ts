import { env, type ProxyRange } from "@/lib/env";
import { fromTrustedProxy } from "./trust-proxy";

/**
 * The address links that leave the page are written with (edit links, the
 * edit-links CSV, a PDF's "Live page", permalinks): PUBLIC_URL when set;
 * otherwise the host the request came to (its Host header: the request URL
 * Next.js builds names the server's own listening address, not the one the
 * visitor typed), with X-Forwarded-Host and X-Forwarded-Proto taken from a
 * proxy named in TRUST_PROXY only. A client's own forwarded headers are
 * ignored, so nobody can have the site hand out links to another host.
 */
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,252})|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;

function firstValue(v: string | null): string | null {
  const first = v?.split(",")[0].trim();
  return first ? first : null;
}

export function publicOrigin(
  req: Request,
  opts: { publicUrl?: string | null; trusted?: ProxyRange[] } = {},
): string {
  const configured = opts.publicUrl !== undefined ? opts.publicUrl : env().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const viaProxy = fromTrustedProxy(req, opts.trusted ?? env().TRUST_PROXY);
  const forwardedHost = viaProxy ? firstValue(req.headers.get("x-forwarded-host")) : null;
  const forwardedProto = viaProxy ? firstValue(req.headers.get("x-forwarded-proto"))?.toLowerCase() : null;
  const host = [forwardedHost, firstValue(req.headers.get("host"))].find((h): h is string => !!h && HOST.test(h));
  // Without a trusted proxy the server itself was reached, and it speaks plain HTTP only.
  const proto = forwardedProto === "https" || forwardedProto === "http" ? forwardedProto : "http";
  if (!host) return new URL(req.url).origin;
  return `${proto}://${host.toLowerCase()}`;
}

// No "server-only" here: scripts/serve.ts (plain Node, outside Next's react-server condition) imports it.
/**
 * The security headers of every response (set in proxy.ts).
 *
 * Pages get a Content-Security-Policy with a fresh nonce per request: Next.js
 * reads the nonce from the request's CSP header and puts it on its own
 * scripts and inline styles, so no other script can run. Style attributes
 * (React's `style={…}`, chart SVGs) stay allowed through `style-src-attr`:
 * they cannot run code, and `<style>` elements still need the nonce.
 */
export interface SecurityHeaderOptions {
  nonce: string;
  /** An HTML page (strict nonce policy) rather than an API or file response. */
  page: boolean;
  /** Served inline PDFs or downloads: no default-src, so the browser's viewer works. */
  document?: boolean;
  https: boolean;
  dev?: boolean;
}

export const HSTS = "max-age=31536000; includeSubDomains";

export function pageCsp(nonce: string, opts: { https: boolean; dev?: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'${opts.dev ? " 'unsafe-inline'" : ""}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(o: SecurityHeaderOptions): Record<string, string> {
  const csp = o.page
    ? pageCsp(o.nonce, o)
    : o.document
      ? "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
      : "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    ...(o.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** 128 random bits, base64: unguessable for each response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

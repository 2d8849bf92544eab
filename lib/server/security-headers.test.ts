import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { pageCsp, securityHeaders } from "./security-headers";
import { parseTrustProxy } from "@/lib/env";
import { fromTrustedProxy, isHttpsRequest } from "./trust-proxy";

describe("security headers", () => {
  it("pages get a nonce policy that forbids framing; HSTS only over HTTPS", () => {
    const h = securityHeaders({ nonce: "abc", page: true, https: false });
    expect(h["Content-Security-Policy"]).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["Content-Security-Policy"]).not.toContain("upgrade-insecure-requests");
    expect(h).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "strict-origin-when-cross-origin", "X-Frame-Options": "DENY" });
    expect(h["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "abc", page: true, https: true })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(pageCsp("abc", { https: true })).toContain("upgrade-insecure-requests");
  });

  it("believes X-Forwarded-Proto only with TRUST_PROXY", () => {
    const r = new Request("http://x.example/", { headers: { "x-forwarded-proto": "https" } });
    expect(isHttpsRequest(r, false)).toBe(false);
    expect(isHttpsRequest(r, true)).toBe(true);
    expect(isHttpsRequest(new Request("https://x.example/"), false)).toBe(false);
    // TRUST_PROXY is one list of addresses: the proxy is believed when the TCP peer is on it.
    const viaPeer = (peer: string | null) =>
      new Request("http://x.example/", { headers: { "x-forwarded-proto": "https", ...(peer ? { "x-vmcompare-peer": peer } : {}) } });
    const loopback = parseTrustProxy("loopback");
    expect(fromTrustedProxy(viaPeer("127.0.0.1"), loopback)).toBe(true);
    expect(fromTrustedProxy(viaPeer("::ffff:127.0.0.1"), loopback)).toBe(true);
    expect(fromTrustedProxy(viaPeer("203.0.113.9"), loopback)).toBe(false);
    expect(fromTrustedProxy(viaPeer(null), loopback)).toBe(false);
    expect(fromTrustedProxy(viaPeer("127.0.0.1"), [])).toBe(false);
    expect(isHttpsRequest(viaPeer("127.0.0.1"), fromTrustedProxy(viaPeer("127.0.0.1"), loopback))).toBe(true);
  });

  it("the proxy hands each page request a fresh nonce in the request's own CSP and sets the response headers", () => {
    const a = proxy(new NextRequest("http://x.example/vms"));
    const b = proxy(new NextRequest("http://x.example/vms"));
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).not.toBe(b.headers.get("content-security-policy"));
    // Next.js reads the nonce from the forwarded request header.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    const api = proxy(new NextRequest("http://x.example/api/v1/vms"));
    expect(api.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

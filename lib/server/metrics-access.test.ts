import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "@/lib/env";
import { isLoopback, metricsAccess } from "./metrics-access";
import { FORWARDING_HEADERS, PEER_HEADER, relayedMark } from "./trust-proxy";

const h = (peer: string | null, extra: Record<string, string> = {}) => new Headers({ ...(peer ? { [PEER_HEADER]: peer } : {}), ...extra });
const TOKEN = "a-metrics-token-of-32-characters";

describe("who may read /api/metrics", () => {
  it("knows loopback addresses, IPv4-mapped ones included", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "[::1]"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["10.0.0.1", "::ffff:10.0.0.1", "128.0.0.1", "fe80::1", "", "localhost"]) expect(isLoopback(a), a).toBe(false);
  });

  it("lets a client on this machine in without a token", () => {
    expect(metricsAccess(h("127.0.0.1"), undefined, [])).toEqual({ ok: true });
    expect(metricsAccess(h("::1"), TOKEN, [])).toEqual({ ok: true });
  });

  it("refuses other hosts when no token is set (403), and asks for the token when one is (401)", () => {
    expect(metricsAccess(h("203.0.113.9"), undefined, [])).toMatchObject({ ok: false, status: 403 });
    expect(metricsAccess(h(null), undefined, [])).toMatchObject({ ok: false, status: 403 });
    expect(metricsAccess(h("203.0.113.9"), TOKEN, [])).toMatchObject({ ok: false, status: 401, message: expect.stringMatching(/Bearer/) });
    expect(metricsAccess(h("203.0.113.9", { authorization: "Bearer wrong-token-xxxxxxxxxxxxxxxx" }), TOKEN, [])).toMatchObject({ ok: false, status: 401, message: "Wrong metrics token." });
    expect(metricsAccess(h("203.0.113.9", { authorization: `Bearer ${TOKEN}` }), TOKEN, [])).toEqual({ ok: true });
    expect(metricsAccess(h("203.0.113.9", { authorization: `bearer ${TOKEN}` }), TOKEN, [])).toEqual({ ok: true });
    // A token sent to a server that has none configured opens nothing.
    expect(metricsAccess(h("203.0.113.9", { authorization: `Bearer ${TOKEN}` }), undefined, [])).toMatchObject({ ok: false, status: 403 });
  });

  it("does not count a request relayed by a proxy on this machine as local", () => {
    // scripts/serve.ts marks a request that arrived with forwarding headers (relayedMark below).
    expect(metricsAccess(h("127.0.0.1", { "x-vmcompare-relayed": "1" }), undefined, [])).toMatchObject({ ok: false, status: 403 });
    for (const name of FORWARDING_HEADERS) expect(relayedMark({ [name]: "203.0.113.9" }), name).toBe("1");
    expect(relayedMark({ host: "127.0.0.1:3000" })).toBeUndefined();
    // Next adds X-Forwarded-* to every request it hands a route: those alone say nothing.
    expect(metricsAccess(h("127.0.0.1", { "x-forwarded-for": "127.0.0.1", "x-forwarded-host": "localhost:3000" }), undefined, [])).toEqual({ ok: true });
    expect(metricsAccess(h("127.0.0.1"), undefined, parseTrustProxy("loopback"))).toMatchObject({ ok: false, status: 403 });
    expect(metricsAccess(h("127.0.0.1", { "x-vmcompare-relayed": "1", authorization: `Bearer ${TOKEN}` }), TOKEN, [])).toEqual({ ok: true });
  });
});

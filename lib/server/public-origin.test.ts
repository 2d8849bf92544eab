import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "@/lib/env";
import { publicOrigin } from "./public-origin";

function req(headers: Record<string, string>, url = "http://localhost:3300/api/v1/vms"): Request {
  return new Request(url, { headers });
}

describe("publicOrigin", () => {
  const loopback = parseTrustProxy("loopback");

  it("uses PUBLIC_URL when set, whatever the request says", () => {
    const r = req({ host: "127.0.0.1:3300", "x-forwarded-host": "evil.example", "x-vmcompare-peer": "127.0.0.1" });
    expect(publicOrigin(r, { publicUrl: "https://vmcompare.example.org/", trusted: loopback })).toBe("https://vmcompare.example.org");
  });

  it("otherwise uses the Host the request came to, not the server's own address", () => {
    expect(publicOrigin(req({ host: "127.0.0.1:3300" }), { publicUrl: null, trusted: [] })).toBe("http://127.0.0.1:3300");
  });

  it("honours X-Forwarded-Host and -Proto only from a proxy named in TRUST_PROXY", () => {
    const fwd = { host: "127.0.0.1:3300", "x-forwarded-host": "vmc.example.test:8443", "x-forwarded-proto": "https" };
    expect(publicOrigin(req({ ...fwd, "x-vmcompare-peer": "127.0.0.1" }), { publicUrl: null, trusted: loopback })).toBe("https://vmc.example.test:8443");
    // Not a trusted peer, no TRUST_PROXY, or no peer at all (next dev): the client's own headers are ignored.
    expect(publicOrigin(req({ ...fwd, "x-vmcompare-peer": "198.51.100.7" }), { publicUrl: null, trusted: loopback })).toBe("http://127.0.0.1:3300");
    expect(publicOrigin(req({ ...fwd, "x-vmcompare-peer": "127.0.0.1" }), { publicUrl: null, trusted: [] })).toBe("http://127.0.0.1:3300");
    expect(publicOrigin(req(fwd), { publicUrl: null, trusted: loopback })).toBe("http://127.0.0.1:3300");
  });

  it("takes the first of several forwarded values and refuses a malformed host", () => {
    const r = req({ host: "127.0.0.1:3300", "x-forwarded-host": "a.example, b.example", "x-vmcompare-peer": "::1" });
    expect(publicOrigin(r, { publicUrl: null, trusted: loopback })).toBe("http://a.example");
    const bad = req({ host: "127.0.0.1:3300", "x-forwarded-host": "evil.example/path?x", "x-vmcompare-peer": "127.0.0.1" });
    expect(publicOrigin(bad, { publicUrl: null, trusted: loopback })).toBe("http://127.0.0.1:3300");
  });
});

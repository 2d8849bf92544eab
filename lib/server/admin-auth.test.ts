import { describe, expect, it } from "vitest";
import { adminConfigured, adminCookieHeader, adminSessionValue, isAdminRequest, isAdminSession, isAdminToken } from "./admin-auth";

const TOKEN = "correct-horse-battery-staple";

describe("the admin token", () => {
  it("is off when ADMIN_TOKEN is unset: nothing is accepted", () => {
    expect(adminConfigured(undefined)).toBe(false);
    expect(isAdminToken("", undefined)).toBe(false);
    expect(isAdminToken("anything", undefined)).toBe(false);
    expect(adminSessionValue(undefined)).toBeNull();
    expect(isAdminRequest(new Request("http://x/", { headers: { authorization: "Bearer anything" } }), undefined)).toBe(false);
  });

  it("accepts the token exactly, as Bearer or through the session cookie", () => {
    expect(isAdminToken(TOKEN, TOKEN)).toBe(true);
    expect(isAdminToken(TOKEN + "x", TOKEN)).toBe(false);
    expect(isAdminToken(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    const session = adminSessionValue(TOKEN)!;
    expect(session).not.toContain(TOKEN);
    expect(isAdminSession(session, TOKEN)).toBe(true);
    // A new token ends the old sessions.
    expect(isAdminSession(session, TOKEN + "-rotated")).toBe(false);
    expect(isAdminRequest(new Request("http://x/", { headers: { authorization: `Bearer ${TOKEN}` } }), TOKEN)).toBe(true);
    expect(isAdminRequest(new Request("http://x/", { headers: { cookie: `a=1; vmc_admin=${session}; b=2` } }), TOKEN)).toBe(true);
    expect(isAdminRequest(new Request("http://x/", { headers: { cookie: `vmc_admin=${TOKEN}` } }), TOKEN)).toBe(false);
    // A wrong Bearer is not rescued by a good cookie: the request says who it is once.
    expect(isAdminRequest(new Request("http://x/", { headers: { authorization: "Bearer nope", cookie: `vmc_admin=${session}` } }), TOKEN)).toBe(false);
  });

  it("sets an HttpOnly, SameSite=Strict cookie, Secure over HTTPS, and clears it", () => {
    expect(adminCookieHeader("v", true)).toBe("vmc_admin=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200; Secure");
    expect(adminCookieHeader(null, false)).toBe("vmc_admin=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  });
});

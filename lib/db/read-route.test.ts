import { describe, expect, it } from "vitest";
import { PUBLIC_CACHE_CONTROL } from "@/lib/server/cache-policy";
import { currentReadRoute, FRESH_COOKIE, FRESH_SECONDS, freshCookie, hasFreshCookie, runWithReadRoute } from "./read-route";

describe("read routing after a write", () => {
  it("finds the fresh cookie among others, and only that cookie", () => {
    expect(hasFreshCookie(undefined)).toBe(false);
    expect(hasFreshCookie("")).toBe(false);
    expect(hasFreshCookie(`${FRESH_COOKIE}=1`)).toBe(true);
    expect(hasFreshCookie(`theme=dark; ${FRESH_COOKIE}=1; x=y`)).toBe(true);
    expect(hasFreshCookie(`x${FRESH_COOKIE}=1`)).toBe(false);
    expect(hasFreshCookie(`${FRESH_COOKIE}x=1`)).toBe(false);
  });

  it("marks a writer for as long as a shared cache may keep a public page", () => {
    const sMaxAge = Number(PUBLIC_CACHE_CONTROL.match(/s-maxage=(\d+)/)![1]);
    expect(FRESH_SECONDS).toBeGreaterThanOrEqual(sMaxAge);
    expect(freshCookie(false)).toBe(`${FRESH_COOKIE}=1; Max-Age=${FRESH_SECONDS}; Path=/; HttpOnly; SameSite=Lax`);
    expect(freshCookie(true)).toMatch(/; Secure$/);
  });

  it("keeps a request's route through awaits and timers, and none outside a request", async () => {
    expect(currentReadRoute()).toBeNull();
    const seen = await runWithReadRoute("replica", async () => {
      await new Promise((r) => setTimeout(r, 5));
      const inner = await runWithReadRoute("primary", async () => currentReadRoute());
      return [currentReadRoute(), inner];
    });
    expect(seen).toEqual(["replica", "primary"]);
    expect(currentReadRoute()).toBeNull();
  });
});

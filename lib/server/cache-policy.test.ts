import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheControlFor, etagMatches, policyOf, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, ROUTE_POLICIES } from "./cache-policy";

const APP = path.join(process.cwd(), "app");

/** Every page and route handler under app/, as the URL route it serves (route groups left out). */
function routesOnDisk(dir = APP): { route: string; type: "page" | "api" }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routesOnDisk(full);
    if (e.name !== "page.tsx" && e.name !== "route.ts") return [];
    const segs = path
      .relative(APP, dir)
      .split(path.sep)
      .filter((s) => s && !/^\(.+\)$/.test(s));
    return [{ route: "/" + segs.join("/"), type: e.name === "page.tsx" ? ("page" as const) : ("api" as const) }];
  });
}

describe("the cache policy table", () => {
  it("classifies every page and API route on disk, and nothing else", () => {
    const disk = routesOnDisk().map((r) => `${r.type} ${r.route}`).sort();
    const table = ROUTE_POLICIES.map((p) => `${p.type} ${p.route}`).sort();
    expect(disk.length).toBeGreaterThan(40);
    expect(table).toEqual(disk);
  });

  it("covers every route the API fuzz test drives (route-fuzz.test-support.ts)", () => {
    const support = fs.readFileSync(path.join(APP, "api", "route-fuzz.test-support.ts"), "utf8");
    const files = [...support.matchAll(/^\s+"([^"]+\/route\.ts|route\.ts)":/gm)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const route = "/api/" + f.replace(/\/?route\.ts$/, "");
      expect(ROUTE_POLICIES.some((p) => p.route === route), route).toBe(true);
    }
  });

  it("finds the route of a concrete path, literal segments before parameters", () => {
    expect(policyOf("/")).toEqual({ route: "/", kind: "public" });
    expect(policyOf("/vms")).toEqual({ route: "/vms", kind: "public" });
    expect(policyOf("/vms/0f3c9a")).toEqual({ route: "/vms/[id]", kind: "public" });
    expect(policyOf("/vms/0f3c9a/edit")).toEqual({ route: "/vms/[id]/edit", kind: "private" });
    expect(policyOf("/estates/new")).toEqual({ route: "/estates/new", kind: "private" });
    expect(policyOf("/estates/e1")).toEqual({ route: "/estates/[id]", kind: "private" });
    expect(policyOf("/reports/r1")?.kind).toBe("private");
    expect(policyOf("/compare/yours")?.kind).toBe("private");
    expect(policyOf("/api/v1/vms/export")).toEqual({ route: "/api/v1/vms/export", kind: "own" });
    expect(policyOf("/api/v1/vms/abc")).toEqual({ route: "/api/v1/vms/[id]", kind: "public" });
    expect(policyOf("/api/v1/imports/j1/links")?.kind).toBe("private");
    expect(policyOf("/api/v1/estates/e1")?.kind).toBe("private");
    expect(policyOf("/api/health")?.kind).toBe("private");
    // A live side-by-side report is public; a frozen permalink (maybe a private comparison) is not.
    expect(policyOf("/api/v1/reports/compare.csv")?.kind).toBe("public");
    expect(policyOf("/api/v1/reports/schema.json")?.kind).toBe("public");
    expect(policyOf("/api/v1/reports/abcdef.pdf")?.kind).toBe("private");
    expect(policyOf("/api/v1/reports/vm/abc.json")?.kind).toBe("public");
    expect(policyOf("/nothing/here/at/all")).toBeNull();
    expect(policyOf("/_next/static/chunks/x.js")).toBeNull();
  });

  it("shares only successful reads of public routes, and never anything private", () => {
    expect(cacheControlFor("public", "GET", 200)).toBe(PUBLIC_CACHE_CONTROL);
    expect(PUBLIC_CACHE_CONTROL).toMatch(/^public, .*s-maxage=\d+, stale-while-revalidate=\d+/);
    expect(cacheControlFor("public", "HEAD", 200)).toBe(PUBLIC_CACHE_CONTROL);
    expect(cacheControlFor("public", "GET", 404)).toBe(PRIVATE_CACHE_CONTROL);
    expect(cacheControlFor("public", "POST", 201)).toBe(PRIVATE_CACHE_CONTROL);
    expect(cacheControlFor("private", "GET", 200)).toBe("no-store");
    expect(cacheControlFor("own", "GET", 200)).toBeNull();
    expect(cacheControlFor(null, "GET", 404)).toBeNull();
  });

  it("matches If-None-Match weakly, in lists and with *", () => {
    expect(etagMatches('W/"v3-abc"', 'W/"v3-abc"')).toBe(true);
    expect(etagMatches('"v3-abc"', 'W/"v3-abc"')).toBe(true);
    expect(etagMatches('"x", W/"v3-abc"', 'W/"v3-abc"')).toBe(true);
    expect(etagMatches("*", 'W/"v3-abc"')).toBe(true);
    expect(etagMatches('W/"v2-abc"', 'W/"v3-abc"')).toBe(false);
    expect(etagMatches(undefined, 'W/"v3-abc"')).toBe(false);
  });
});

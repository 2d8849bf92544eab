/**
 * Which answers may be cached, and by whom (issue 18 §1): the one table of
 * every page and API route, applied by the production server
 * (scripts/serve.ts) before Next.js answers.
 *
 * - "public": the same for every visitor and changed only by a write. Sent
 *   with an ETag (the site's write version, lib/server/site-version.ts) and
 *   `Cache-Control: public, s-maxage, stale-while-revalidate`; the server keeps
 *   the rendered answer until the version changes (lib/server/render-cache.ts).
 * - "private": edit pages, estates, private reports, imports, uploads:
 *   `Cache-Control: no-store`, never kept.
 * - "own": the route sets its own Cache-Control (the open-data dump and its
 *   status, which change when the dump is rebuilt, not with the write
 *   version; exports; the API description); left alone, never kept.
 *
 * scripts/serve.ts, e2e tests and lib/server/cache-policy.test.ts read this table; the test fails
 * when a page or route file on disk is missing from it.
 */
export type CacheKind = "public" | "private" | "own";

export interface RoutePolicy {
  /** The route as its folder names it under app/ (route groups left out). */
  route: string;
  /** "page" or "api" (route.ts). */
  type: "page" | "api";
  /** The kind, or a function of the request path for routes that serve both. */
  kind: CacheKind | ((path: string) => CacheKind);
}

// A report file is public when it is live (side by side, the schema) and private when it is a
// frozen permalink: a private comparison's id is its only protection.
const reportFile = (path: string): CacheKind => (/^\/api\/v1\/reports\/(schema\.json|compare\.[a-z]+)$/.test(path) ? "public" : "private");

export const ROUTE_POLICIES: RoutePolicy[] = [
  // Pages
  { route: "/", type: "page", kind: "public" },
  { route: "/vms", type: "page", kind: "public" },
  { route: "/vms/[id]", type: "page", kind: "public" },
  { route: "/vms/[id]/edit", type: "page", kind: "private" },
  { route: "/workloads", type: "page", kind: "public" },
  { route: "/workloads/[slug]", type: "page", kind: "public" },
  { route: "/compare", type: "page", kind: "public" },
  { route: "/compare/yours", type: "page", kind: "private" },
  { route: "/checks", type: "page", kind: "public" },
  { route: "/checks/linked-clones", type: "page", kind: "public" },
  { route: "/tools/redact-workbook", type: "page", kind: "public" },
  // Shows whether the dump is being rebuilt: changes without a write.
  { route: "/data", type: "page", kind: "own" },
  // Reads the request's host for the API examples it shows.
  { route: "/contribute", type: "page", kind: "private" },
  { route: "/estates", type: "page", kind: "private" },
  { route: "/estates/new", type: "page", kind: "private" },
  { route: "/estates/[id]", type: "page", kind: "private" },
  { route: "/reports/[id]", type: "page", kind: "private" },
  // The estate report: built from the visitor's own upload in the browser.
  { route: "/estates/report", type: "page", kind: "private" },
  // Moderation: never kept by any cache.
  { route: "/admin", type: "page", kind: "private" },
  { route: "/vms/[id]/report", type: "page", kind: "private" },
  // API
  { route: "/api/health", type: "api", kind: "private" },
  { route: "/api/health/live", type: "api", kind: "private" },
  { route: "/api/health/ready", type: "api", kind: "private" },
  { route: "/api/metrics", type: "api", kind: "private" },
  { route: "/api/v1/vms", type: "api", kind: "public" },
  { route: "/api/v1/vms/[id]", type: "api", kind: "public" },
  { route: "/api/v1/vms/[id]/comparison", type: "api", kind: "public" },
  { route: "/api/v1/vms/export", type: "api", kind: "own" },
  { route: "/api/v1/workloads", type: "api", kind: "public" },
  { route: "/api/v1/workloads/[slug]", type: "api", kind: "public" },
  { route: "/api/v1/reports/vm/[file]", type: "api", kind: "public" },
  { route: "/api/v1/reports/workload/[file]", type: "api", kind: "public" },
  { route: "/api/v1/reports/[file]", type: "api", kind: reportFile },
  { route: "/api/v1/reports", type: "api", kind: "private" },
  { route: "/api/v1/openapi.json", type: "api", kind: "own" },
  { route: "/api/v1/data", type: "api", kind: "own" },
  { route: "/api/v1/data/[file]", type: "api", kind: "own" },
  { route: "/api/v1/compare", type: "api", kind: "private" },
  { route: "/api/v1/estates", type: "api", kind: "private" },
  { route: "/api/v1/estates/preview", type: "api", kind: "private" },
  { route: "/api/v1/estates/[id]", type: "api", kind: "private" },
  { route: "/api/v1/estates/[id]/imports", type: "api", kind: "private" },
  { route: "/api/v1/estates/[id]/report", type: "api", kind: "private" },
  { route: "/api/v1/estate-reports", type: "api", kind: "private" },
  { route: "/api/v1/estate-reports/pdf", type: "api", kind: "private" },
  // The agent bundle sets its own ETag (its SHA-256) and no-cache.
  { route: "/downloads/[file]", type: "api", kind: "own" },
  { route: "/api/v1/imports", type: "api", kind: "private" },
  { route: "/api/v1/imports/preview", type: "api", kind: "private" },
  { route: "/api/v1/imports/[id]", type: "api", kind: "private" },
  { route: "/api/v1/imports/[id]/next", type: "api", kind: "private" },
  { route: "/api/v1/imports/[id]/links", type: "api", kind: "private" },
  { route: "/api/v1/snapshots", type: "api", kind: "private" },
  { route: "/api/v1/workbooks/redact", type: "api", kind: "private" },
  { route: "/api/v1/vms/[id]/reports", type: "api", kind: "private" },
  { route: "/api/v1/admin", type: "api", kind: "private" },
  { route: "/api/v1/admin/session", type: "api", kind: "private" },
];

/** A shared cache may keep a public answer a minute, and serve it stale for ten while it fetches a new one. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=0, s-maxage=60, stale-while-revalidate=600";
export const PRIVATE_CACHE_CONTROL = "no-store";

function matcher(route: string): RegExp {
  const parts = route
    .split("/")
    .filter(Boolean)
    .map((seg) => (/^\[.+\]$/.test(seg) ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  return new RegExp(`^/${parts.join("/")}/?$`);
}

// Literal segments before parameters, so /api/v1/vms/export is not read as /api/v1/vms/[id].
const COMPILED = ROUTE_POLICIES.map((p) => ({ ...p, re: matcher(p.route), params: (p.route.match(/\[/g) ?? []).length })).sort(
  (a, b) => a.params - b.params,
);

/** The policy of a request path (without its query), or null for a path no route serves (404s, build files). */
export function policyOf(path: string): { route: string; kind: CacheKind } | null {
  const hit = COMPILED.find((p) => p.re.test(path));
  if (!hit) return null;
  return { route: hit.route, kind: typeof hit.kind === "function" ? hit.kind(path) : hit.kind };
}

/** The Cache-Control of an answer, or null to leave the route's own. Only successful reads of public routes are shared. */
export function cacheControlFor(kind: CacheKind | null, method: string, status: number): string | null {
  if (kind === "private") return PRIVATE_CACHE_CONTROL;
  if (kind === "public") {
    const read = method === "GET" || method === "HEAD";
    return read && status === 200 ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL;
  }
  return null;
}

/** True when `ifNoneMatch` (a request header) names `etag`, weak or strong, or is "*". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  const want = bare(etag);
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || bare(t) === want);
}

import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { blankVm } from "@/lib/vm/model";

/**
 * Every route handler under app/api, driven with arbitrary query strings,
 * path parameters, headers and bodies on a fresh database: whatever comes in,
 * the answer is never a 5xx and arrives within a time limit. Routes are
 * listed from disk, so a new route must be added to PATH_PARAMS below (and is
 * then driven like the others) or the coverage test fails. Used by
 * routes.property.test.ts (PGlite) and routes-postgres.property.test.ts.
 */

const API_DIR = path.join(process.cwd(), "app", "api");
const RUNS = Number(process.env.ROUTE_PROPERTY_RUNS ?? 25);
const TIME_LIMIT_MS = 15_000;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const BASE = "http://test.local";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function routeFiles(dir = API_DIR): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(full);
    return e.name === "route.ts" ? [path.relative(API_DIR, full).split(path.sep).join("/")] : [];
  });
}

/** Values that broke handlers before: prototype keys, NUL, fractions and numbers past int4. */
const NASTY = ["__proto__", "constructor", "toString", "hasOwnProperty", "\u0000", "a\u0000b", "%00", "1.5", "99999999999", "-1", "0", "NaN",
  "Infinity", "1e308", "", " ", "!", ",", "..", ">=", "none", "\u202e", "\ud800", "'; drop table vm; --", "<script>", "x".repeat(5000)];
const nasty = fc.constantFrom(...NASTY);
const text = fc.oneof({ weight: 3, arbitrary: nasty }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) });

/** Query keys the routes read, plus random ones. */
const QUERY_KEYS = ["app", "vendor", "product", "hvVersion", "family", "os", "firmware", "env", "industry", "orgSize", "format", "nic",
  "vcpus", "memory", "disk", "disks", "nics", "memPerVcpu", "vcpuPerSocket", "sockets", "sort", "dir", "page", "size", "facets", "cols",
  "ids", "base", "include", "download", "kind", "slug", "id", "q", "sel", "show"];
const queryKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
const query = fc.array(fc.tuple(queryKey, text), { maxLength: 6 })
  .map((pairs) => new URLSearchParams(pairs).toString());

let realIds: string[] = [];
const REAL = { slug: "mssql", file: ["dictionary.json", "vms.csv", "vms.jsonl", "x.json", "x.pdf", "x.csv", "schema.json", "mssql.json"] };

/** Path parameters of each route: a real value now and then, garbage otherwise. */
const PATH_PARAMS: Record<string, Record<string, () => fc.Arbitrary<string>>> = {
  "health/route.ts": {},
  "health/live/route.ts": {},
  "health/ready/route.ts": {},
  "metrics/route.ts": {},
  "v1/compare/route.ts": {},
  "v1/data/route.ts": {},
  "v1/data/[file]/route.ts": { file: () => fc.oneof(fc.constantFrom(...REAL.file), text) },
  "v1/estates/route.ts": {},
  "v1/estates/[id]/route.ts": { id: () => text },
  "v1/estates/[id]/imports/route.ts": { id: () => text },
  "v1/estates/[id]/report/route.ts": { id: () => text },
  "v1/estate-reports/route.ts": {},
  "v1/estate-reports/pdf/route.ts": {},
  "v1/estates/preview/route.ts": {},
  "v1/imports/route.ts": {},
  "v1/imports/[id]/route.ts": { id: () => text },
  "v1/imports/[id]/next/route.ts": { id: () => text },
  "v1/imports/[id]/links/route.ts": { id: () => text },
  "v1/imports/preview/route.ts": {},
  "v1/openapi.json/route.ts": {},
  "v1/reports/route.ts": {},
  "v1/reports/[file]/route.ts": { file: () => fc.oneof(fc.constantFrom(...REAL.file), text) },
  "v1/reports/vm/[file]/route.ts": { file: () => fc.oneof(fc.constantFrom(...realIds.map((id) => `${id}.json`), ...REAL.file), text) },
  "v1/reports/workload/[file]/route.ts": { file: () => fc.oneof(fc.constantFrom("mssql.json", "mssql.csv"), text) },
  "v1/snapshots/route.ts": {},
  "v1/vms/route.ts": {},
  "v1/vms/[id]/route.ts": { id: () => fc.oneof(fc.constantFrom(...realIds), text) },
  "v1/vms/[id]/comparison/route.ts": { id: () => fc.oneof(fc.constantFrom(...realIds), text) },
  "v1/vms/[id]/reports/route.ts": { id: () => fc.oneof(fc.constantFrom(...realIds), text) },
  "v1/admin/route.ts": {},
  "v1/admin/session/route.ts": {},
  "v1/vms/export/route.ts": {},
  "v1/workbooks/redact/route.ts": {},
  "v1/workloads/route.ts": {},
  "v1/workloads/[slug]/route.ts": { slug: () => fc.oneof(fc.constant(REAL.slug), text) },
};

/** A contribution whose text fields are arbitrary: NUL and friends must give 4xx, never 500. */
function contributionWith(t: string) {
  const vm = { ...blankVm("manual"), cpu: { vcpus: 2, coresPerSocket: 1 }, memoryMiB: 4096 };
  vm.guestOs = { id: t, family: "linux", name: t };
  vm.hypervisor = { vendor: "kvm", product: t, version: t };
  vm.hardwareVersion = t;
  vm.nics = [{ model: t, network: t }];
  return { vm, tags: [{ slug: "nginx", version: t, primary: true }], context: { hostVendor: t, hostModel: t, hostCpuModel: t, datastoreVersion: t }, suggestions: [t] };
}

const jsonBody = fc.oneof(
  fc.json({ maxDepth: 3 }),
  text.map((t) => JSON.stringify(contributionWith(t))),
  text.map((t) => JSON.stringify({ vms: [contributionWith(t)] })),
  text.map((t) => JSON.stringify({ kind: "side-by-side", ids: [t], include: [t], name: t, vm: contributionWith(t).vm, tags: [{ slug: t }] })),
  text,
);

type Body = { type: string | null; body: BodyInit | null };
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({ type: null, body: null }),
  jsonBody.map((b) => ({ type: "application/json", body: b })),
  fc.tuple(text, text, fc.uint8Array({ maxLength: 300 })).map(([field, name, bytes]) => {
    const form = new FormData();
    form.append(field || "file", new Blob([bytes]), name || "x.vmx");
    form.append("name", name);
    form.append("tagging", field);
    return { type: "multipart", body: form };
  }),
  fc.tuple(fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data", "application/json; charset=utf-8"), text)
    .map(([type, b]) => ({ type, body: b })),
);

/** Mostly absent, so that most requests get past the write checks to the handler itself. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const headers = fc.record({
  authorization: rarely(fc.oneof(text.map((t) => `Bearer ${t}`), text)),
  origin: rarely(fc.constantFrom(BASE, "https://evil.example", "null", "not a url")),
  site: rarely(fc.constantFrom("same-origin", "cross-site", "same-site", "none")),
});

function safeHeaderValue(v: string): string | null {
  // Request refuses header values with control characters or non-Latin-1; a real client cannot send them either.
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(v) ? v : null;
}

async function drive(route: Route, method: string, params: Record<string, string>, qs: string, b: Body, h: { authorization?: string; origin?: string; site?: string }) {
  const hdrs = new Headers();
  if (b.type && b.type !== "multipart") hdrs.set("content-type", b.type);
  const auth = h.authorization == null ? null : safeHeaderValue(h.authorization);
  if (auth != null) hdrs.set("authorization", auth);
  if (h.origin) hdrs.set("origin", h.origin);
  if (h.site) hdrs.set("sec-fetch-site", h.site);
  const withBody = method !== "GET" && b.body != null;
  const req = new Request(`${BASE}/api/x?${qs}`, { method, headers: hdrs, body: withBody ? b.body : undefined });
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${TIME_LIMIT_MS} ms`)), TIME_LIMIT_MS);
  });
  try {
    const res = await Promise.race([route(req, { params: Promise.resolve(params) }), timeout]);
    const text = await Promise.race([res.text(), timeout]);
    return { status: res.status, ms: Date.now() - started, text };
  } finally {
    clearTimeout(timer);
  }
}

/** Defines the fuzz tests on the database `database()` opens (DATABASE_URL must already point at it). */
export function describeRouteFuzz(name: string, database: () => Promise<Db>): void {
  beforeAll(async () => {
    const { createVms } = await import("@/lib/db/vms");
    const { contributionSchema } = await import("@/lib/vm/record");
    const db = await database();
    const created = await createVms(db, Array.from({ length: 6 }, (_, i) => ({
      contribution: contributionSchema.parse({ vm: { ...blankVm("manual"), cpu: { vcpus: 2 + i, coresPerSocket: 1 }, memoryMiB: 4096 }, tags: [{ slug: "mssql", primary: true }] }),
    })));
    realIds = created.map((c) => c.id);
  }, 120_000);

  describe(`every API route under arbitrary input (${name})`, () => {
    it("covers every route file on disk", () => {
      expect(routeFiles().sort()).toEqual(Object.keys(PATH_PARAMS).sort());
    });

    for (const file of Object.keys(PATH_PARAMS)) {
      it(`${file}: no 5xx and an answer within ${TIME_LIMIT_MS / 1000} s`, async () => {
        const mod = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
        const methods = METHODS.filter((m) => typeof mod[m] === "function");
        expect(methods.length).toBeGreaterThan(0);
        const paramArbs = Object.fromEntries(Object.entries(PATH_PARAMS[file]).map(([k, f]) => [k, f()]));
        for (const method of methods) {
          await fc.assert(
            fc.asyncProperty(fc.record(paramArbs), query, body, headers, async (params, qs, b, h) => {
              const r = await drive(mod[method] as Route, method, params as Record<string, string>, qs, b, h);
              if (r.status >= 500) throw new Error(`${method} ${file} answered ${r.status}: ${r.text.slice(0, 300)}`);
              expect(r.ms).toBeLessThan(TIME_LIMIT_MS);
            }),
            { numRuns: RUNS },
          );
        }
      }, 600_000);
    }
  });
}

import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook } from "@/bench/fixtures-gen/rvtools-workbook";
import type { ImportSummary } from "@/lib/contribute/bulk-import";
import type { ImportJobStatus } from "@/lib/contribute/import-job";

useRouteTestDatabase("imports-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const BASE = "http://test.local";
const p = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
let routes: { preview: Route; create: Route; get: Route; del: Route; next: Route; links: Route };
let xlsx: Buffer;

function multipart(url: string, file: Buffer, fields: Record<string, string> = {}): Request {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(file)]), "RVTools_export_all.xlsx");
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return new Request(`${BASE}${url}`, { method: "POST", body: form });
}
const auth = (token?: string): HeadersInit => (token ? { authorization: `Bearer ${token}` } : {});

beforeAll(async () => {
  xlsx = await writeRvtoolsWorkbook(generateRvtoolsEnvironment({ vms: 300, seed: 5 }), "current");
  const preview = await import("./preview/route");
  const root = await import("./route");
  const one = await import("./[id]/route");
  const next = await import("./[id]/next/route");
  const links = await import("./[id]/links/route");
  routes = {
    preview: preview.POST as unknown as Route, create: root.POST as unknown as Route,
    get: one.GET as unknown as Route, del: one.DELETE as unknown as Route, next: next.POST as unknown as Route,
    links: links.GET as unknown as Route,
  };
});

describe("bulk import API", () => {
  it("previews, stages with rules, and imports 300 VMs batch by batch with exact counts", async () => {
    const pre = await routes.preview(multipart("/api/v1/imports/preview", xlsx), p());
    expect(pre.status).toBe(200);
    const summary = (await pre.json()) as ImportSummary;
    expect(summary.vmCount).toBe(300);

    const rules = [{ kind: "all", slug: "nginx" }, { kind: "vm", row: summary.rows[0].row, slug: "postgresql", version: "16" }];
    const created = await routes.create(multipart("/api/v1/imports", xlsx, { rules: JSON.stringify(rules), context: JSON.stringify({ environment: "test" }) }), p());
    expect(created.status).toBe(201);
    const { job, token, untagged } = (await created.json()) as { job: ImportJobStatus; token: string; untagged: number };
    expect(job).toMatchObject({ total: 300, batchSize: 250, batchCount: 2, batchesDone: 0 });
    expect(untagged).toBe(0);

    expect((await routes.next(new Request(`${BASE}/x`, { method: "POST" }), p({ id: job.id }))).status).toBe(401);
    expect((await routes.next(new Request(`${BASE}/x`, { method: "POST", headers: auth("bad") }), p({ id: job.id }))).status).toBe(403);

    const links: string[] = [];
    let status = job;
    while (status.status !== "done") {
      const r = await routes.next(new Request(`${BASE}/x`, { method: "POST", headers: auth(token) }), p({ id: job.id }));
      expect(r.status).toBe(200);
      const body = (await r.json()) as { job: ImportJobStatus; created: { editUrl: string }[] };
      links.push(...body.created.map((c) => c.editUrl));
      status = body.job;
    }
    expect(status).toMatchObject({ imported: 300, batchesDone: 2 });
    expect(links).toHaveLength(300);
    expect(links[0]).toMatch(/^http:\/\/test\.local\/vms\/[a-z0-9]+\/edit#token=/);
    const got = await routes.get(new Request(`${BASE}/x`, { headers: auth(token) }), p({ id: job.id }));
    expect(((await got.json()) as ImportJobStatus).imported).toBe(300);

    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    expect(await db.prisma.vm.count()).toBe(300);
    expect(await db.prisma.vmTag.count({ where: { appSlug: "postgresql", primary: true } })).toBe(1);
  });

  it("names a bad rule field with 422", async () => {
    const r = await routes.create(multipart("/api/v1/imports", xlsx, { rules: JSON.stringify([{ kind: "column", slug: "nginx" }]) }), p());
    expect(r.status).toBe(422);
    const body = (await r.json()) as { error: { field: string } };
    expect(body.error.field).toMatch(/^rules\.0\./);
  });
  it("replays a retried next by request id (JSON body or Idempotency-Key) and serves every link again", async () => {
    const rules = [{ kind: "all", slug: "nginx" }];
    // Another environment than the first test's, so that none of its VMs is a duplicate.
    const other = await writeRvtoolsWorkbook(generateRvtoolsEnvironment({ vms: 300, seed: 6 }), "current");
    const created = await routes.create(multipart("/api/v1/imports", other, { rules: JSON.stringify(rules) }), p());
    const { job, token } = (await created.json()) as { job: ImportJobStatus; token: string };
    type NextBody = { job: ImportJobStatus; replayed: boolean; created: { id: string; editUrl: string }[] };
    const next = (init: { body?: string; headers?: Record<string, string> }) =>
      routes.next(new Request(`${BASE}/x`, { method: "POST", ...init, headers: { ...auth(token), ...init.headers } }), p({ id: job.id }));
    const json = { "content-type": "application/json" };
    const first = (await (await next({ body: JSON.stringify({ requestId: "browser-req-1" }), headers: json })).json()) as NextBody;
    const again = (await (await next({ body: JSON.stringify({ requestId: "browser-req-1" }), headers: json })).json()) as NextBody;
    expect(first.replayed).toBe(false);
    expect(again).toMatchObject({ replayed: true, job: { batchesDone: 1 } });
    expect(again.created).toEqual(first.created);
    const viaHeader = (await (await next({ headers: { "idempotency-key": "browser-req-2" } })).json()) as NextBody;
    expect(viaHeader).toMatchObject({ replayed: false, job: { status: "done", batchesDone: 2 } });
    expect((await next({ headers: { "idempotency-key": "browser-req-2" } })).status).toBe(200);
    expect((await next({ body: "{", headers: json })).status).toBe(422);

    const res = await routes.links(new Request(`${BASE}/x`, { headers: auth(token) }), p({ id: job.id }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { links: { id: string; editUrl: string; batch: number }[] };
    expect(body.links.map((l) => l.editUrl)).toEqual([...first.created, ...viaHeader.created].map((c) => c.editUrl));
    expect(body.links).toHaveLength(300);
    expect((await routes.links(new Request(`${BASE}/x`, { headers: auth("bad") }), p({ id: job.id }))).status).toBe(403);
  });
});

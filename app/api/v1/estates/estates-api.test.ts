import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import {
  deriveRvtoolsEnvironment, generateRvtoolsEnvironment, writeRvtoolsWorkbook,
} from "@/bench/fixtures-gen/rvtools-workbook";

/**
 * The estate and workbook-redaction APIs through the real route handlers on a
 * fresh PGlite database: status codes, the edit link, the diff, and the
 * redacted download.
 */
useRouteTestDatabase("estates-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let estates: { POST: Route };
let estate: { GET: Route; DELETE: Route };
let imports: { POST: Route };
let redact: { POST: Route };

const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });
const ENV = generateRvtoolsEnvironment({ vms: 12, seed: 9 });
const NEXT = deriveRvtoolsEnvironment(ENV, { add: 2, remove: 1, change: 3, seed: 4 });

function form(url: string, parts: Record<string, string>, files: { field?: string; name: string; data: Uint8Array }[], token?: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(parts)) body.append(k, v);
  for (const f of files) body.append(f.field ?? "files", new Blob([Buffer.from(f.data)]), f.name);
  return new Request(`${BASE}${url}`, { method: "POST", body, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

beforeAll(async () => {
  estates = (await import("./route")) as unknown as typeof estates;
  estate = (await import("./[id]/route")) as unknown as typeof estate;
  imports = (await import("./[id]/imports/route")) as unknown as typeof imports;
  redact = (await import("../workbooks/redact/route")) as unknown as typeof redact;
});

describe("estates API", () => {
  it("creates an estate, imports a newer export and reads the history", async () => {
    const wb1 = await writeRvtoolsWorkbook(ENV);
    const res = await estates.POST(form("/api/v1/estates", { name: "Test estate", tag: "nginx" }, [{ name: "a.xlsx", data: wb1 }]), noParams);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; editToken: string; editUrl: string; import: { summary: unknown } };
    expect(created.editUrl).toBe(`${BASE}/estates/${created.id}#token=${created.editToken}`);
    expect(created.import.summary).toEqual({ added: 12, removed: 0, changed: 0, unchanged: 0 });

    const wb2 = await writeRvtoolsWorkbook(NEXT.env);
    const url = `/api/v1/estates/${created.id}/imports`;
    expect((await imports.POST(form(url, {}, [{ name: "b.xlsx", data: wb2 }]), idParams(created.id))).status).toBe(401);
    expect((await imports.POST(form(url, {}, [{ name: "b.xlsx", data: wb2 }], "wrong-token"), idParams(created.id))).status).toBe(403);
    expect((await imports.POST(form("/api/v1/estates/nosuch1234/imports", {}, [], created.editToken), idParams("nosuch1234"))).status).toBe(404);

    const diffRes = await imports.POST(form(url, {}, [{ name: "b.xlsx", data: wb2 }], created.editToken), idParams(created.id));
    expect(diffRes.status).toBe(201);
    const diff = (await diffRes.json()) as { summary: unknown; changed: { text: string }[] };
    expect(diff.summary).toEqual({ added: 2, removed: 1, changed: 3, unchanged: 8 });
    expect(diff.changed[0].text).toMatch(/^vCPU \d+ → \d+, /);

    const get = (token?: string) =>
      estate.GET(new Request(`${BASE}/api/v1/estates/${created.id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), idParams(created.id));
    expect((await get()).status).toBe(401);
    const view = (await (await get(created.editToken)).json()) as { imports: { seq: number; totals: { vms: number } }[] };
    expect(view.imports.map((i) => [i.seq, i.totals.vms])).toEqual([[1, 12], [2, 13]]);

    const del = await estate.DELETE(new Request(`${BASE}/api/v1/estates/${created.id}`, { method: "DELETE", headers: { authorization: `Bearer ${created.editToken}` } }), idParams(created.id));
    expect(await del.json()).toEqual({ deletedVms: 13 });
    expect((await get(created.editToken)).status).toBe(404);
  }, 60_000);

  it("answers 422 for a missing name, tag or unreadable file", async () => {
    const wb = await writeRvtoolsWorkbook(ENV);
    const noName = await estates.POST(form("/api/v1/estates", { tag: "nginx" }, [{ name: "a.xlsx", data: wb }]), noParams);
    expect(noName.status).toBe(422);
    expect(((await noName.json()) as { error: { field: string } }).error.field).toBe("name");
    const noTag = await estates.POST(form("/api/v1/estates", { name: "x" }, [{ name: "a.xlsx", data: wb }]), noParams);
    expect(((await noTag.json()) as { error: { field: string } }).error.field).toBe("tag");
    const bad = await estates.POST(form("/api/v1/estates", { name: "x", tag: "nginx" }, [{ name: "a.vmx", data: new TextEncoder().encode("hello") }]), noParams);
    expect([415, 422]).toContain(bad.status);
  });
});

describe("workbook redaction API", () => {
  it("returns the same sheets and rows with no identifying value, and stores nothing", async () => {
    const wb = await writeRvtoolsWorkbook(ENV);
    const db = await (await import("@/lib/db/client")).getDb();
    const vmsBefore = await db.prisma.vm.count();
    const res = await redact.POST(form("/api/v1/workbooks/redact", {}, [{ field: "file", name: "acme.xlsx", data: wb }]), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="rvtools-redacted.xlsx"');
    const summary = JSON.parse(res.headers.get("x-redaction-summary")!) as { kind: string; count: number }[];
    expect(summary.find((s) => s.kind === "vm")?.count).toBe(12);

    const read = async (data: ArrayBuffer | Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(data as ArrayBuffer);
      return book;
    };
    const [before, after] = [await read(wb), await read(await res.arrayBuffer())];
    expect(after.worksheets.map((w) => [w.name, w.rowCount])).toEqual(before.worksheets.map((w) => [w.name, w.rowCount]));
    const text = after.worksheets.flatMap((w) => w.getSheetValues().flat().map(String)).join("\n").toLowerCase();
    for (const vm of ENV.vms) {
      for (const v of [vm.name, vm.uuid, vm.dnsName, vm.primaryIp, vm.nics[0].mac]) expect(text).not.toContain(v.toLowerCase());
    }

    const asJson = await redact.POST(form("/api/v1/workbooks/redact?format=json", {}, [{ field: "file", name: "acme.xlsx", data: wb }]), noParams);
    const body = (await asJson.json()) as { summary: unknown; data: string };
    expect(body.summary).toEqual(summary);
    expect(Buffer.from(body.data, "base64").subarray(0, 2).toString()).toBe("PK");
    expect(await db.prisma.vm.count()).toBe(vmsBefore);
    expect(await db.prisma.estate.count()).toBe(0);
  }, 60_000);

  it("answers 413 over 50 MiB and 422 for no file", async () => {
    const big = new Request(`${BASE}/api/v1/workbooks/redact`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(51 * 1024 * 1024) },
      body: "--x--",
    });
    expect((await redact.POST(big, noParams)).status).toBe(413);
    expect((await redact.POST(form("/api/v1/workbooks/redact", { a: "b" }, []), noParams)).status).toBe(422);
  });
});

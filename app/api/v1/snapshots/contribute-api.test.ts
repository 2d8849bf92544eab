import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { parseFile } from "@/lib/formats/index";
import type { SnapshotFilePreview } from "@/lib/contribute/api-schemas";
import { MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT } from "@/lib/formats/types";

/**
 * The write API end to end through the real route handlers on a fresh PGlite
 * database: preview, publish, read, edit and delete, the error statuses, and
 * the privacy promise (no identifying value of the uploaded file reaches any
 * table).
 */
useRouteTestDatabase("contribute-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";
process.env.FINGERPRINT_SECRET = "contribute-api-test-secret";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let snapshots: { POST: Route };
let vms: { POST: Route };
let vm: { GET: Route; PATCH: Route; DELETE: Route };

const VMX = "lib/formats/vmx/__fixtures__/esxi8-win2022.vmx";
const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

function upload(files: { name: string; data: Uint8Array }[]): Request {
  const form = new FormData();
  for (const f of files) form.append("files", new Blob([Buffer.from(f.data)]), f.name);
  return new Request(`${BASE}/api/v1/snapshots`, { method: "POST", body: form });
}

function json(url: string, method: string, body: unknown, token?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request(`${BASE}${url}`, { method, headers, body: JSON.stringify(body) });
}

beforeAll(async () => {
  snapshots = (await import("./route")) as unknown as typeof snapshots;
  vms = (await import("../vms/route")) as unknown as typeof vms;
  vm = (await import("../vms/[id]/route")) as unknown as typeof vm;
});

async function previewVmx(): Promise<SnapshotFilePreview> {
  const res = await snapshots.POST(upload([{ name: "sql-prod-01.vmx", data: fs.readFileSync(VMX) }]), noParams);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { files: SnapshotFilePreview[] };
  expect(body.files).toHaveLength(1);
  return body.files[0];
}

describe("contribute API", () => {
  let published: { id: string; editToken: string; editUrl: string };

  it("previews an uploaded .vmx redacted, saying what was removed, and stores nothing", async () => {
    const file = await previewVmx();
    expect(file.error).toBeNull();
    expect(file.format).toBe("vmx");
    const p = file.vms[0];
    expect(p.vm.name).toBeNull();
    expect(p.vm.nics.map((n) => n.network)).toEqual(["net-1", "net-2", null]);
    expect(p.summary).toMatch(/VM name/);
    expect(p.summary).toMatch(/3 MAC addresses/);
    expect(p.summary).toMatch(/1 IP address/);
    expect(p.identityKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify({ vms: file.vms, warnings: file.warnings })).not.toMatch(/sql-prod-01|PG-SQL-VLAN120|00:50:56/i);
    const { getDb } = await import("@/lib/db/client");
    expect(await (await getDb()).prisma.vm.count()).toBe(0);
  });

  it("reports an unreadable file per file, with the others still previewed", async () => {
    const res = await snapshots.POST(
      upload([{ name: "notes.txt", data: new TextEncoder().encode("hello") }, { name: "a.vmx", data: fs.readFileSync(VMX) }]),
      noParams,
    );
    const body = (await res.json()) as { files: SnapshotFilePreview[] };
    expect(body.files[0].error?.code).toBe("unsupported_format");
    expect(body.files[1].vms).toHaveLength(1);
  });

  it("refuses a non-multipart upload with 422 and an empty one with 422", async () => {
    const res = await snapshots.POST(json("/api/v1/snapshots", "POST", {}), noParams);
    expect(res.status).toBe(422);
    const empty = await snapshots.POST(upload([]), noParams);
    expect(empty.status).toBe(422);
  });

  it("answers 413 for a body over the upload limit before reading it", async () => {
    const req = new Request(`${BASE}/api/v1/snapshots`, {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(MAX_UPLOAD_BODY_BYTES + 1) },
      body: "--x--",
    });
    const res = await snapshots.POST(req, noParams);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
  });

  it("answers 413 naming a file one byte over the per-file limit, at the number the page states", async () => {
    const res = await snapshots.POST(upload([{ name: "huge.csv", data: new Uint8Array(MAX_UPLOAD_FILE_BYTES + 1).fill(0x78) }]), noParams);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("too_large");
    expect(body.error.message).toContain(`huge.csv is 50.0 MiB; the limit is ${UPLOAD_LIMIT_TEXT} per file.`);
  });

  it("publishes the preview with tags and context, returning an edit link once", async () => {
    const p = (await previewVmx()).vms[0];
    const res = await vms.POST(
      json("/api/v1/vms", "POST", {
        vms: [{
          vm: p.vm,
          tags: [{ slug: "mssql", version: "2019", primary: true }],
          context: { environment: "production", networkRoles: p.networkRoles },
          identityKey: p.identityKey,
        }],
      }),
      noParams,
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { created: { id: string; editToken: string; editUrl: string }[] };
    expect(body.created).toHaveLength(1);
    published = body.created[0];
    expect(published.editUrl).toBe(`${BASE}/vms/${published.id}/edit#token=${published.editToken}`);
  });

  it("stores none of the identifying values of the uploaded file in any table", async () => {
    const parsed = parseFile({ fileName: "sql-prod-01.vmx", data: fs.readFileSync(VMX) }).vms[0];
    const needles = [...Object.values(parsed.identifying).flat(), parsed.vm.name!]
      .map((s) => s.toLowerCase())
      .filter((s) => s.length >= 4);
    expect(needles).toContain("sql-prod-01");
    expect(needles).toContain("00:50:56:a1:2b:3c");
    expect(needles).toContain("pg-sql-vlan120");
    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    const dump: Record<string, unknown[]> = {};
    for (const t of ["vm", "vm_nic", "vm_disk", "vm_tag", "vm_context"]) {
      dump[t] = await db.sql.query(`SELECT * FROM ${t} ${t === "vm" ? "WHERE id = $1" : "WHERE vm_id = $1"}`, [published.id]);
      expect(dump[t].length).toBeGreaterThan(0);
    }
    const text = JSON.stringify(dump).toLowerCase();
    for (const n of needles) expect(text, `found "${n}"`).not.toContain(n);
    expect(text).toContain("net-1");
  });

  it("refuses the same snapshot twice with 409 naming the existing record", async () => {
    const p = (await previewVmx()).vms[0];
    const res = await vms.POST(
      json("/api/v1/vms", "POST", { vm: p.vm, tags: [{ slug: "mssql" }], identityKey: p.identityKey }),
      noParams,
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; details: { existingId: string } } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.existingId).toBe(published.id);
  });

  it("names the invalid field with 422", async () => {
    const p = (await previewVmx()).vms[0];
    const res = await vms.POST(json("/api/v1/vms", "POST", { vms: [{ vm: { ...p.vm, memoryMiB: 0 }, tags: [{ slug: "nginx" }] }] }), noParams);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: "validation_error", field: "vms.0.vm.memoryMiB" });
  });

  it("reads, edits and deletes only with the edit token: 401 without, 403 wrong, 404 unknown", async () => {
    const got = await vm.GET(new Request(`${BASE}/api/v1/vms/${published.id}`), idParams(published.id));
    expect(got.status).toBe(200);
    const rec = (await got.json()) as { vm: { memoryMiB: number }; tags: { slug: string }[] };
    const change = { vm: { ...rec.vm, memoryMiB: 65536 }, tags: [{ slug: "mssql", version: "2022", primary: true }] };

    expect((await vm.PATCH(json(`/api/v1/vms/${published.id}`, "PATCH", change), idParams(published.id))).status).toBe(401);
    expect((await vm.PATCH(json(`/api/v1/vms/${published.id}`, "PATCH", change, "wrong-token"), idParams(published.id))).status).toBe(403);
    expect((await vm.PATCH(json(`/api/v1/vms/zzzzzzzzzzzz`, "PATCH", change, published.editToken), idParams("zzzzzzzzzzzz"))).status).toBe(404);
    expect((await vm.PATCH(json(`/api/v1/vms/zzzzzzzzzzzz`, "PATCH", change), idParams("zzzzzzzzzzzz"))).status).toBe(404);

    const ok = await vm.PATCH(json(`/api/v1/vms/${published.id}`, "PATCH", change, published.editToken), idParams(published.id));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { vm: { memoryMiB: number } }).vm.memoryMiB).toBe(65536);

    const del = (token?: string) =>
      vm.DELETE(new Request(`${BASE}/api/v1/vms/${published.id}`, { method: "DELETE", headers: token ? { authorization: `Bearer ${token}` } : {} }), idParams(published.id));
    expect((await del()).status).toBe(401);
    expect((await del("nope")).status).toBe(403);
    expect((await del(published.editToken)).status).toBe(204);
    expect((await vm.GET(new Request(`${BASE}/api/v1/vms/${published.id}`), idParams(published.id))).status).toBe(404);
  });
});

import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";

/**
 * A 0 GiB disk is refused by the write API with 422 naming the field; an
 * unknown size (null) is published and stays unknown in the record, the browse
 * API and its CSV export (empty, never 0).
 */
useRouteTestDatabase("zero-disk-api");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let vms: { POST: Route; GET: Route };
let one: { PATCH: Route; GET: Route };
let exporter: { GET: Route };

beforeAll(async () => {
  vms = (await import("./route")) as unknown as typeof vms;
  one = (await import("./[id]/route")) as unknown as typeof one;
  exporter = (await import("./export/route")) as unknown as typeof exporter;
});

function vm(sizes: (number | null)[]): NormalizedVm {
  return {
    ...blankVm("manual"),
    cpu: { vcpus: 2, coresPerSocket: 1 },
    memoryMiB: 4096,
    disks: sizes.map((sizeGiB) => ({ sizeGiB, bus: "scsi" as const, provisioning: null })),
    guestOs: { id: null, family: "linux", name: "Debian 12" },
  };
}

const json = (method: string, url: string, body: unknown, token?: string) =>
  new Request(`http://test.local${url}`, {
    method,
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe("disk sizes through the write API", () => {
  it("refuses a 0 GiB disk with 422 naming the field, in one contribution and in a batch", async () => {
    const res = await vms.POST(json("POST", "/api/v1/vms", { vm: vm([40, 0]), tags: [{ slug: "nginx" }] }), { params: Promise.resolve({}) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error).toMatchObject({ code: "validation_error", field: "vm.disks.1.sizeGiB" });
    expect(body.error.message).toMatch(/0 GiB/);

    const batch = await vms.POST(json("POST", "/api/v1/vms", { vms: [{ vm: vm([0]), tags: [{ slug: "nginx" }] }] }), { params: Promise.resolve({}) });
    expect(batch.status).toBe(422);
    expect(((await batch.json()) as { error: { field: string } }).error.field).toBe("vms.0.vm.disks.0.sizeGiB");
  });

  it("publishes an unknown size as null, and PATCH refuses a 0 GiB disk too", async () => {
    const res = await vms.POST(json("POST", "/api/v1/vms", { vm: vm([null, 20]), tags: [{ slug: "nginx" }] }), { params: Promise.resolve({}) });
    expect(res.status).toBe(201);
    const { created } = (await res.json()) as { created: { id: string; editToken: string }[] };
    const { id, editToken } = created[0];
    const params = { params: Promise.resolve({ id }) };

    const rec = (await (await one.GET(new Request(`http://test.local/api/v1/vms/${id}`), params)).json()) as { vm: NormalizedVm };
    expect(rec.vm.disks.map((d) => d.sizeGiB)).toEqual([null, 20]);
    expect(rec.vm.totalDiskGiB).toBeNull();

    const patched = await one.PATCH(json("PATCH", `/api/v1/vms/${id}`, { vm: vm([0]), tags: [{ slug: "nginx" }] }, editToken), params);
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as { error: { field: string } }).error.field).toBe("vm.disks.0.sizeGiB");

    const list = (await (await vms.GET(new Request("http://test.local/api/v1/vms?sort=disk&dir=asc"), { params: Promise.resolve({}) })).json()) as { rows: { id: string; totalDiskGib: number | null }[] };
    expect(list.rows.find((r) => r.id === id)!.totalDiskGib).toBeNull();

    const csv = await (await exporter.GET(new Request("http://test.local/api/v1/vms/export?cols=all"), { params: Promise.resolve({}) })).text();
    const rows = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    expect(rows.find((r) => r.id === id)!.total_disk_gib).toBe("");
  });
});

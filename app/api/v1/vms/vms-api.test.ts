import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type VmRow } from "@/lib/vm/record";

/**
 * GET /api/v1/vms and its CSV export through the real route handlers on a
 * fresh PGlite database.
 */
const database = useRouteTestDatabase("vms-api");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let list: { GET: Route };
let exporter: { GET: Route };
const noParams = { params: Promise.resolve({}) };
const get = (route: { GET: Route }, url: string) => route.GET(new Request(`http://test.local${url}`), noParams);

// app, vcpus, memory GiB, guest OS name
const SPECS: [string, number, number, string | null][] = [
  ["mssql", 8, 64, 'Windows "Server", 2019'],
  ["mssql", 16, 128, "Windows Server 2022"],
  ["nginx", 2, 2, "Ubuntu 22.04"],
  ["nginx", 1, 1, null],
  ["active-directory", 2, 4, "Windows Server 2019"],
];

beforeAll(async () => {
  list = (await import("./route")) as unknown as typeof list;
  exporter = (await import("./export/route")) as unknown as typeof exporter;
  const { createVms } = await import("@/lib/db/vms");
  const db = await database();
  await createVms(db, SPECS.map(([app, vcpus, gib, os], i) => {
    const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: null }, memoryMiB: gib * 1024 };
    vm.guestOs = { id: null, family: os?.startsWith("Windows") ? "windows" : "linux", name: os };
    return { contribution: contributionSchema.parse({ vm, tags: [{ slug: app, primary: true }] }), createdAt: new Date(Date.UTC(2021, i, 1)) };
  }));
});

describe("GET /api/v1/vms", () => {
  it("filters, sorts and pages like the browse page", async () => {
    const res = await get(list, "/api/v1/vms?vcpus=%3E%3D2&sort=memory&dir=desc&size=25");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { page: number; size: number; total: number; totalCapped: boolean; pages: number; rows: VmRow[]; facets?: unknown };
    expect(body).toMatchObject({ page: 1, size: 25, total: 4, totalCapped: false, pages: 1 });
    expect(body.rows.map((r) => r.memoryMib / 1024)).toEqual([128, 64, 4, 2]);
    expect(body.facets).toBeUndefined();
  });

  it("adds facet counts on request", async () => {
    const body = (await (await get(list, "/api/v1/vms?app=mssql&facets=1")).json()) as { total: number; facets: Record<string, { value: string; count: number }[]> };
    expect(body.total).toBe(2);
    expect(body.facets.app.map((f) => [f.value, f.count])).toEqual([["mssql", 2], ["nginx", 2], ["active-directory", 1]]);
    expect(body.facets.family.map((f) => [f.value, f.count])).toEqual([["windows", 2]]);
  });

  it("answers a bad filter with 422 naming the parameter", async () => {
    const res = await get(list, "/api/v1/vms?memory=8..2");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "validation_error",
        field: "memory",
        message: "field memory: range 8..2 runs backwards; write 2..8",
        details: [{ field: "memory", message: "memory: range 8..2 runs backwards; write 2..8" }],
      },
    });
  });
});

describe("GET /api/v1/vms/export", () => {
  it("streams every matching row as CSV with the chosen columns", async () => {
    const res = await get(exporter, "/api/v1/vms/export?family=windows&sort=vcpus&dir=asc&cols=app,vcpus,os");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="vmcompare-vms-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await res.text();
    expect(text.split("\r\n")[0]).toBe("id,application,application_slug,application_version,vcpus,guest_os,guest_family");
    const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
    expect(rows.map((r) => [r.application_slug, r.vcpus, r.guest_os])).toEqual([
      ["active-directory", "2", "Windows Server 2019"],
      ["mssql", "8", 'Windows "Server", 2019'],
      ["mssql", "16", "Windows Server 2022"],
    ]);
  });

  it("exports all columns with cols=all, and an empty view as a header only", async () => {
    const all = await (await get(exporter, "/api/v1/vms/export?cols=all")).text();
    const header = all.split("\r\n")[0].split(",");
    expect(header).toContain("industry");
    expect(header).toContain("nic_models");
    expect(all.trim().split("\r\n")).toHaveLength(1 + SPECS.length);
    const none = await (await get(exporter, "/api/v1/vms/export?vcpus=999")).text();
    expect(none.trim().split("\r\n")).toHaveLength(1);
    expect((await get(exporter, "/api/v1/vms/export?vcpus=lots")).status).toBe(422);
  });
});

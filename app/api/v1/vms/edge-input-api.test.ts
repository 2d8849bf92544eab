import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";

/**
 * Issue 14's input defects through the real handlers: NUL in any published
 * text field, hostile filter values, and browser writes that are not JSON or
 * come from another site. Each once answered 500 or was accepted.
 */
const database = useRouteTestDatabase("edge-input-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let vms: { GET: Route; POST: Route };
let exporter: { GET: Route };
let one: { GET: Route; PATCH: Route; DELETE: Route };
const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };

function contribution() {
  const vm = { ...blankVm("manual"), cpu: { vcpus: 2, coresPerSocket: 1 }, memoryMiB: 4096 };
  vm.guestOs = { id: "ubuntu64Guest", family: "linux" as const, name: "Ubuntu Linux (64-bit)" };
  vm.hypervisor = { vendor: "kvm" as const, product: "QEMU/KVM", version: "8.2" };
  vm.hardwareVersion = "pc-q35-8.2";
  vm.nics = [{ model: "virtio", network: "net-1" }];
  return {
    vm,
    tags: [{ slug: "nginx", version: "1.24", primary: true }],
    context: { hostVendor: "Dell", hostModel: "R750", hostCpuModel: "Xeon", datastoreVersion: "6" },
    suggestions: ["Some app"],
  };
}

/** Every text field of a contribution, as a path and a setter. */
const TEXT_FIELDS: [string, (c: ReturnType<typeof contribution>, v: string) => void][] = [
  ["vm.name", (c, v) => { c.vm.name = v; }],
  ["vm.hypervisor.product", (c, v) => { c.vm.hypervisor.product = v; }],
  ["vm.hypervisor.version", (c, v) => { c.vm.hypervisor.version = v; }],
  ["vm.hardwareVersion", (c, v) => { c.vm.hardwareVersion = v; }],
  ["vm.guestOs.id", (c, v) => { c.vm.guestOs.id = v; }],
  ["vm.guestOs.name", (c, v) => { c.vm.guestOs.name = v; }],
  ["vm.nics.0.model", (c, v) => { c.vm.nics[0].model = v; }],
  ["vm.nics.0.network", (c, v) => { c.vm.nics[0].network = v; }],
  ["tags.0.version", (c, v) => { c.tags[0].version = v; }],
  ["context.hostVendor", (c, v) => { c.context.hostVendor = v; }],
  ["context.hostModel", (c, v) => { c.context.hostModel = v; }],
  ["context.hostCpuModel", (c, v) => { c.context.hostCpuModel = v; }],
  ["context.datastoreVersion", (c, v) => { c.context.datastoreVersion = v; }],
  ["suggestions.0", (c, v) => { c.suggestions[0] = v; }],
];

const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  vms.POST(new Request(`${BASE}/api/v1/vms`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }), noParams);
const get = (route: { GET: Route }, qs: string) => route.GET(new Request(`${BASE}/api/v1/vms?${qs}`), noParams);

beforeAll(async () => {
  vms = (await import("./route")) as unknown as typeof vms;
  exporter = (await import("./export/route")) as unknown as typeof exporter;
  one = (await import("./[id]/route")) as unknown as typeof one;
  const { createVms } = await import("@/lib/db/vms");
  const db = await database();
  // 1 GiB, 1.25 GiB (1280 MiB) and 2 GiB, for the fractional memory filters.
  await createVms(db, [1024, 1280, 2048].map((memoryMiB, i) => ({
    contribution: contributionSchema.parse({ vm: { ...blankVm("manual"), cpu: { vcpus: 2 + i, coresPerSocket: 1 }, memoryMiB }, tags: [{ slug: "mssql", primary: true }] }),
  })));
});

describe("control characters in published text", () => {
  it.each(TEXT_FIELDS)("NUL in %s gives 422 naming the field", async (field, set) => {
    const c = contribution();
    set(c, "Ubuntu\u0000 Linux");
    const res = await post(c);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; field: string; message: string } };
    expect(body.error.code).toBe("validation_error");
    expect(body.error.field).toBe(field);
    expect(body.error.message).toMatch(/control characters/);
  });

  it("other control characters too, in a bulk publish, naming the VM", async () => {
    const c = contribution();
    c.vm.guestOs.name = "Ubuntu\u001b[31m";
    const res = await post({ vms: [contribution(), c] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe("vms.1.vm.guestOs.name");
  });

  it("the clean contribution is published", async () => {
    expect((await post(contribution())).status).toBe(201);
  });
});

describe("the database write path", () => {
  it("refuses a NUL that got past the schemas with a validation error, storing nothing", async () => {
    const { createVms, countVms } = await import("@/lib/db/vms");
    const db = await database();
    const before = await countVms(db, {});
    const c = contributionSchema.parse(contribution());
    c.vm.guestOs.name = "Ubuntu\u0000";
    await expect(createVms(db, [{ contribution: contributionSchema.parse(contribution()) }, { contribution: c }])).rejects.toMatchObject({ code: "validation_error", field: "vm.guestOs.name" });
    expect(await countVms(db, {})).toBe(before);
  });
});

describe("hostile filter values", () => {
  it.each([
    ["app=%00", "app"],
    ["os=Windows%00", "os"],
    ["sort=__proto__", "sort"],
    ["sort=constructor", "sort"],
    ["sort=toString", "sort"],
    ["vcpus=1.5", "vcpus"],
    ["vcpus=99999999999", "vcpus"],
    ["nics=1e400", "nics"],
    ["memory=99999999", "memory"],
    ["vendor=__proto__", "vendor"],
    ["family=constructor", "family"],
    ["firmware=__proto__", "firmware"],
    ["env=__proto__", "env"],
    ["industry=__proto__", "industry"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["size=0", "size"],
    ["size=101", "size"],
    ["dir=sideways", "dir"],
  ])("%s gives 422 naming %s, in the list and the CSV export", async (qs, field) => {
    for (const route of [vms, exporter]) {
      const res = await get(route, qs);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: "validation_error", field });
    }
  });

  it("fractional memory filters select whole MiB correctly (the column is an integer)", async () => {
    const totals = async (qs: string) => ((await (await get(vms, qs)).json()) as { rows: { memoryMib: number }[] }).rows.map((r) => r.memoryMib).sort((a, b) => a - b);
    expect(await totals("memory=1.1..3")).toEqual([1280, 2048]);
    expect(await totals("memory=<1.3")).toEqual([1024, 1280]);
    expect(await totals("memory=1.25")).toEqual([1280]);
    expect(await totals("memory=1.3")).toEqual([]);
    expect(await totals("memory=1.1..1.9")).toEqual([1280]);
    expect(await totals("memory=1,1.25,1.3")).toEqual([1024, 1280]);
  });

  it("a path id with NUL is 404, not 500", async () => {
    const res = await one.GET(new Request(`${BASE}/api/v1/vms/x`), { params: Promise.resolve({ id: "ab\u0000cd" }) });
    expect(res.status).toBe(404);
  });
});

describe("browser writes", () => {
  it("text/plain (a cross-site form can send it without asking) gives 415", async () => {
    const res = await post(JSON.stringify(contribution()), { "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    expect((await post(JSON.stringify(contribution()), { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
    expect((await post(JSON.stringify(contribution()), {})).status).toBe(415);
  });

  it("a cross-site Origin or Sec-Fetch-Site gives 403; same origin and no Origin (CLI) still publish", async () => {
    const json = { "content-type": "application/json" };
    expect((await post(contribution(), { ...json, origin: "https://evil.example" })).status).toBe(403);
    expect((await post(contribution(), { ...json, origin: "null" })).status).toBe(403);
    expect((await post(contribution(), { ...json, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post(contribution(), { ...json, "sec-fetch-site": "same-site" })).status).toBe(403);
    const same = contribution();
    same.vm.cpu.vcpus = 4;
    expect((await post(same, { ...json, origin: BASE, "sec-fetch-site": "same-origin" })).status).toBe(201);
    const cli = contribution();
    cli.vm.cpu.vcpus = 8;
    expect((await post(cli, json)).status).toBe(201);
  });

  it("a cross-site DELETE is refused before the token is even looked at", async () => {
    const res = await one.DELETE(new Request(`${BASE}/api/v1/vms/x`, { method: "DELETE", headers: { origin: "https://evil.example", authorization: "Bearer x" } }), { params: Promise.resolve({ id: "x" }) });
    expect(res.status).toBe(403);
  });
});

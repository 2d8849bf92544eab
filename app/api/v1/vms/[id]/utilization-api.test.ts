import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import type { SnapshotFilePreview } from "@/lib/contribute/api-schemas";
import type { VmRecord } from "@/lib/vm/record";

/** Utilization from an uploaded file through preview, publish and GET /api/v1/vms/{id}, on a fresh PGlite database. */
useRouteTestDatabase("utilization-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let snapshots: { POST: Route };
let vms: { POST: Route };
let vm: { GET: Route };

const FIXTURE = "lib/formats/hyperv/__fixtures__/usage-running-and-off.json";
const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };

function publish(body: unknown): Request {
  return new Request(`${BASE}/api/v1/vms`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  snapshots = (await import("../../snapshots/route")) as unknown as typeof snapshots;
  vms = (await import("../route")) as unknown as typeof vms;
  vm = (await import("./route")) as unknown as typeof vm;
});

describe("utilization through the API", () => {
  it("keeps a Hyper-V file's samples through preview and publish, and returns them with their provenance", async () => {
    const form = new FormData();
    form.append("files", new Blob([fs.readFileSync(FIXTURE)]), "usage.json");
    const res = await snapshots.POST(new Request(`${BASE}/api/v1/snapshots`, { method: "POST", body: form }), noParams);
    expect(res.status).toBe(200);
    const preview = ((await res.json()) as { files: SnapshotFilePreview[] }).files[0].vms[0];
    const created = await vms.POST(publish({ vms: [{ vm: preview.vm, tags: [{ slug: "mssql", version: null, primary: true }], identityKey: preview.identityKey }] }), noParams);
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { created: { id: string }[] }).created[0];
    const got = await vm.GET(new Request(`${BASE}/api/v1/vms/${id}`), { params: Promise.resolve({ id }) });
    expect(got.status).toBe(200);
    const rec = (await got.json()) as VmRecord;
    expect(rec.vm.utilization).toEqual([
      { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "hyperv", value: 7 },
      { metric: "mem.assigned.mib", statistic: "sample", window: null, source: "hyperv", value: 6144 },
      { metric: "mem.demand.mib", statistic: "sample", window: null, source: "hyperv", value: 4608 },
      { metric: "mem.demand.pct", statistic: "sample", window: null, source: "hyperv", value: 75 },
    ]);
  });

  it("refuses a sample that claims a window, naming the field, and stores nothing", async () => {
    const base = { name: null, source: { format: "manual" }, hypervisor: { vendor: null, product: null, version: null }, hardwareVersion: null, firmware: null, guestOs: { id: null, family: null, name: null }, cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB: 4096, disks: [], nics: [], totalDiskGiB: null };
    const res = await vms.POST(publish({
      vms: [{ vm: { ...base, utilization: [{ metric: "cpu.usage.pct", statistic: "sample", window: "P30D", source: "manual", value: 12 }] }, tags: [{ slug: "mssql", version: null, primary: true }] }],
    }), noParams);
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toMatch(/utilization.*window|window.*utilization/);
  });
});

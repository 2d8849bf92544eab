import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import type { VmComparison } from "@/lib/compare/report-model";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";

/**
 * The comparison APIs through their real route handlers on a fresh PGlite
 * database: GET /api/v1/vms/{id}/comparison and POST /api/v1/compare (JSON
 * and multipart), the error statuses, and that a private comparison stores
 * no VM.
 */
const database = useRouteTestDatabase("compare-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let compare: { POST: Route };
let comparison: { GET: Route };
let countVms: () => Promise<number>;
let ids: string[] = [];

const BASE = "http://test.local";
const noParams = { params: Promise.resolve({}) };

function config(vcpus: number, memoryMiB: number): NormalizedVm {
  return {
    ...blankVm("manual"),
    cpu: { vcpus, coresPerSocket: 1 },
    memoryMiB,
    disks: [{ sizeGiB: 100, bus: "scsi", provisioning: "thin" }],
    nics: [{ model: "vmxnet3", network: "net-1" }],
    guestOs: { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" },
  };
}

const VMX = ['numvcpus = "2"', 'memSize = "8192"', 'guestOS = "windows2019srv-64"', 'displayName = "hr-sql-02"',
  'ethernet0.present = "TRUE"', 'ethernet0.virtualDev = "e1000"', 'ethernet0.networkName = "HR-VLAN-7"'].join("\n");

beforeAll(async () => {
  compare = (await import("./route")) as unknown as typeof compare;
  comparison = (await import("../vms/[id]/comparison/route")) as unknown as typeof comparison;
  const vms = await import("@/lib/db/vms");
  const { contributionSchema } = await import("@/lib/vm/record");
  const db = await database();
  const items = Array.from({ length: 24 }, (_, i) => ({
    contribution: contributionSchema.parse({ vm: config(i < 20 ? 4 : 8, 16384), tags: [{ slug: "mssql", version: "2019", primary: true }] }),
  }));
  ids = (await vms.createVms(db, items)).map((c) => c.id);
  countVms = () => vms.countVms(db, {});
}, 60_000);

describe("comparison API", () => {
  it("GET returns the VM's comparison and 404 JSON for an unknown id", async () => {
    const res = await comparison.GET(new Request(`${BASE}/api/v1/vms/${ids[0]}/comparison`), { params: Promise.resolve({ id: ids[0] }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as VmComparison;
    expect(body).toMatchObject({ version: 1, vm: { id: ids[0] }, peerGroup: { rule: "app-version", n: 23 } });
    expect(body.metrics.map((m) => m.key)).toEqual(["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"]);

    const missing = await comparison.GET(new Request(`${BASE}/api/v1/vms/nosuchvm0000/comparison`), { params: Promise.resolve({ id: "nosuchvm0000" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: "not_found", message: "No published VM with id nosuchvm0000." } });
  });

  it("POST compares a JSON configuration without storing it", async () => {
    const before = await countVms();
    const req = new Request(`${BASE}/api/v1/compare`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ vm: config(2, 8192), tags: [{ slug: "mssql", version: "2019" }] }),
    });
    const res = await compare.POST(req, noParams);
    expect(res.status).toBe(200);
    const body = (await res.json()) as VmComparison;
    expect(body.vm.id).toBeNull();
    expect(body.peerGroup).toMatchObject({ rule: "app-version", n: 24 });
    expect(body.findings[0].text).toBe(
      "This Microsoft SQL Server VM has 2 vCPUs; 24 of 24 Microsoft SQL Server VMs (100%) have 4 or more.",
    );
    expect(await countVms()).toBe(before);
  });

  it("POST compares an uploaded .vmx, redacted, without storing it", async () => {
    const before = await countVms();
    const form = new FormData();
    form.append("file", new Blob([VMX]), "hr-sql-02.vmx");
    form.append("tag", "mssql");
    const res = await compare.POST(new Request(`${BASE}/api/v1/compare`, { method: "POST", body: form }), noParams);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-vm-count")).toBe("1");
    const text = await res.text();
    expect(text).not.toMatch(/hr-sql-02|HR-VLAN-7/);
    const body = JSON.parse(text) as VmComparison;
    expect(body.vm.config.nics).toEqual([{ model: "e1000", network: "net-1" }]);
    expect(body.peerGroup).toMatchObject({ rule: "app", n: 24 });
    expect(await countVms()).toBe(before);
  });

  it("POST refuses bad input with the field named", async () => {
    const bad = await compare.POST(
      new Request(`${BASE}/api/v1/compare`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ vm: { ...config(2, 8192), memoryMiB: 0 } }) }),
      noParams,
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.field).toBe("vm.memoryMiB");

    const form = new FormData();
    form.append("file", new Blob(["just some notes"]), "notes.txt");
    const unknown = await compare.POST(new Request(`${BASE}/api/v1/compare`, { method: "POST", body: form }), noParams);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect((await unknown.json()).error.code).toBe("unsupported_format");
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { blankVm } from "@/lib/vm/model";

/**
 * An implausible contribution through the real route handlers: refused with
 * its reasons until the contributor confirms it, then stored marked and left
 * out of the peer statistics.
 */
const database = useRouteTestDatabase("plausibility-api");

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let vms: { POST: Route };
let one: { GET: Route; PATCH: Route };

function contribution(vcpus: number, memoryGiB: number, extra: Record<string, unknown> = {}) {
  const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: null }, memoryMiB: memoryGiB * 1024 };
  vm.disks = [{ sizeGiB: 80, bus: "scsi", provisioning: null }];
  vm.guestOs = { id: null, family: "windows", name: "Windows Server 2022" };
  vm.firmware = "bios";
  vm.defaulted = ["firmware"];
  return { vm, tags: [{ slug: "mssql", primary: true }], ...extra };
}
const json = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://test.local${url}`, { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
const post = (body: unknown) => vms.POST(json("POST", "/api/v1/vms", body), { params: Promise.resolve({}) });
const allN = async () => {
  const { getPeerStats } = await import("@/lib/db/peer-stats");
  return (await getPeerStats(await database(), ["all"])).get("all")?.n ?? 0;
};

beforeAll(async () => {
  vms = (await import("./route")) as unknown as typeof vms;
  one = (await import("./[id]/route")) as unknown as typeof one;
});

describe("POST /api/v1/vms with an implausible VM", () => {
  let id = "";
  let token = "";

  it("refuses it with 422 naming each field and reason with the numbers", async () => {
    const res = await post(contribution(1, 10 * 1024));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; field: string; message: string; details: unknown } };
    expect(body.error.code).toBe("implausible");
    expect(body.error.field).toBe("vm.memoryMiB");
    expect(body.error.details).toEqual([{
      field: "vm.memoryMiB",
      rule: "memory-per-vcpu-high",
      message: "10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU.",
    }]);
    expect(body.error.message).toMatch(/confirmImplausible: true/);
    expect(await allN()).toBe(0);
  });

  it("names the VM's index in a list, and publishes nothing of the list", async () => {
    const res = await post({ vms: [contribution(4, 16), contribution(64, 8)] });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { details: { field: string; rule: string }[] } };
    expect(body.error.details).toEqual([expect.objectContaining({ field: "vms.1.vm.memoryMiB", rule: "memory-per-vcpu-low" })]);
    expect(await allN()).toBe(0);
  });

  it("publishes it with 201 once confirmed, marked with its reasons and its platform defaults", async () => {
    const res = await post(contribution(1, 10 * 1024, { confirmImplausible: true }));
    expect(res.status).toBe(201);
    ({ id, editToken: token } = ((await res.json()) as { created: { id: string; editToken: string }[] }).created[0]);
    const rec = (await (await one.GET(new Request(`http://test.local/api/v1/vms/${id}`), { params: Promise.resolve({ id }) })).json()) as {
      plausibility: unknown; vm: { defaulted: string[] };
    };
    expect(rec.plausibility).toEqual({ reasons: [expect.stringMatching(/^10 TiB of memory for 1 vCPU/)], confirmedAt: null });
    expect(rec.vm.defaulted).toEqual(["firmware"]);
  });

  it("keeps it out of the peer statistics while ordinary VMs count", async () => {
    const res = await post({ vms: [contribution(4, 16), contribution(8, 32)] });
    expect(res.status).toBe(201);
    expect(await allN()).toBe(2);
    const { getVmComparison } = await import("@/lib/db/compare");
    expect((await getVmComparison(await database(), id))!.peerGroup.n).toBe(2);
  });

  it("a confirmation for the whole list is accepted too", async () => {
    const res = await post({ vms: [contribution(2, 0.25)], confirmImplausible: true });
    expect(res.status).toBe(201);
    expect(await allN()).toBe(2);
  });

  it("PATCH asks for the confirmation again, and an edit to plausible numbers joins the statistics", async () => {
    const patch = (body: unknown) => one.PATCH(json("PATCH", `/api/v1/vms/${id}`, body, { authorization: `Bearer ${token}` }), { params: Promise.resolve({ id }) });
    const refused = await patch(contribution(1, 12 * 1024));
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("implausible");
    expect((await patch(contribution(1, 12 * 1024, { confirmImplausible: true }))).status).toBe(200);
    expect(await allN()).toBe(2);
    const fixed = await patch(contribution(16, 128));
    expect(fixed.status).toBe(200);
    expect(((await fixed.json()) as { plausibility: unknown }).plausibility).toEqual({ reasons: [], confirmedAt: null });
    expect(await allN()).toBe(3);
  });
});

import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";

/**
 * What a VM's page of the API, the browse rows, the CSV export, the open-data
 * dump and the OpenAPI document give away: never the duplicate fingerprint
 * (it would let a guessed configuration be tested offline), and publication
 * times only to the day (VMs of one import would share a millisecond).
 */
const database = useRouteTestDatabase("privacy-api");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const DAY = /^\d{4}-\d{2}-\d{2}$/;
let ids: string[] = [];
let prints: string[] = [];

beforeAll(async () => {
  const { createVms } = await import("@/lib/db/vms");
  const db = await database();
  const made = await createVms(db, [1, 2, 3].map((i) => ({
    contribution: contributionSchema.parse({ vm: { ...blankVm("manual"), cpu: { vcpus: i, coresPerSocket: null }, memoryMiB: 1024 * i }, tags: [{ slug: "nginx", primary: true }] }),
    createdAt: new Date(Date.UTC(2024, 4, 17, 13, 45, 12, 345 + i)),
  })));
  ids = made.map((m) => m.id);
  prints = (await db.sql.query<{ fingerprint: string }>("SELECT fingerprint FROM vm")).map((r) => r.fingerprint);
  expect(prints).toHaveLength(3);
});

function expectNoFingerprint(text: string) {
  expect(text).not.toMatch(/fingerprint/i);
  for (const f of prints) expect(text).not.toContain(f);
}

describe("fingerprints and publication times", () => {
  it("are stored to the day", async () => {
    const db = await database();
    const rows = await db.sql.query<{ c: string }>("SELECT to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.MS') AS c FROM vm");
    expect(rows.map((r) => r.c)).toEqual(["2024-05-17 00:00:00.000", "2024-05-17 00:00:00.000", "2024-05-17 00:00:00.000"]);
  });

  it("GET /api/v1/vms/{id} and /api/v1/vms give no fingerprint and dates only", async () => {
    const one = (await import("./[id]/route")).GET as unknown as Route;
    const res = await one(new Request(`http://test.local/api/v1/vms/${ids[0]}`), ctx({ id: ids[0] }));
    const text = await res.text();
    expectNoFingerprint(text);
    const rec = JSON.parse(text) as { createdAt: string; updatedAt: string };
    expect(rec.createdAt).toBe("2024-05-17");
    expect(rec.updatedAt).toMatch(DAY);

    const list = (await import("./route")).GET as unknown as Route;
    const page = await (await list(new Request("http://test.local/api/v1/vms"), ctx())).text();
    expectNoFingerprint(page);
    expect((JSON.parse(page) as { rows: { createdAt: string }[] }).rows.map((r) => r.createdAt)).toEqual(["2024-05-17", "2024-05-17", "2024-05-17"]);

    const exporter = (await import("./export/route")).GET as unknown as Route;
    expectNoFingerprint(await (await exporter(new Request("http://test.local/api/v1/vms/export?cols=all"), ctx())).text());
  });

  it("the open-data dump has no fingerprint and dates only", async () => {
    const file = (await import("../data/[file]/route")).GET as unknown as Route;
    for (const name of ["vms.jsonl.gz", "vms.csv.gz"]) {
      const res = await file(new Request(`http://test.local/api/v1/data/${name}`), ctx({ file: name }));
      expect(res.status).toBe(200);
      const text = zlib.gunzipSync(Buffer.from(await res.arrayBuffer())).toString("utf8");
      expectNoFingerprint(text);
      expect(text).toContain("2024-05-17");
      expect(text).not.toMatch(/2024-05-17T/);
    }
  });

  it("the OpenAPI document describes neither", async () => {
    const { GET } = await import("../openapi.json/route");
    const text = await GET(new Request("http://test.local/api/v1/openapi.json")).text();
    expect(text).not.toMatch(/fingerprint/i);
    expect(text).toContain("YYYY-MM-DD");
  });
});

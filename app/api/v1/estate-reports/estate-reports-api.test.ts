import { beforeAll, describe, expect, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import type { EstateReport } from "@/lib/compare/estate-report";
import { createVms } from "@/lib/db/vms";
import { estateWorkbookSpec, FLAGGED } from "@/lib/reports/estate-workbook.test-support";
import { writeWorkbook } from "@/lib/formats/rvtools/workbook-generator.test-support";
import { blankVm, type Utilization } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";

/**
 * The estate report through the real route handler on a fresh PGlite database: a generated workbook with
 * usage columns against 25 published Windows peers with usage samples; known flagged VMs; nothing stored.
 */
const openDb = useRouteTestDatabase("estate-reports");
process.env.RATE_LIMIT_PER_MINUTE = "100000";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let route: { POST: Route };
let estates: { POST: Route };
let estateReport: { GET: Route };
const noParams = { params: Promise.resolve({}) };

const sample = (metric: Utilization["metric"], value: number): Utilization => ({ metric, statistic: "sample", window: null, source: "rvtools", value });
const PEER_CPU = Array.from({ length: 25 }, (_, i) => 20 + i * 2);
const PEER_MEM = Array.from({ length: 25 }, (_, i) => 40 + i);

function upload(data: Uint8Array, fields: Record<string, string> = {}): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("files", new Blob([Buffer.from(data)]), "estate.xlsx");
  return new Request("http://test.local/api/v1/estate-reports", { method: "POST", body });
}

/** Mid-rank percentile, written out again so the test does not lean on the code under test. */
function midRank(x: number, values: number[]): number {
  const below = values.filter((v) => v < x).length;
  const equal = values.filter((v) => v === x).length;
  return Math.round(((below + equal / 2) / values.length) * 1000) / 10;
}

beforeAll(async () => {
  const db = await openDb();
  await createVms(db, PEER_CPU.map((cpu, i) => ({
    contribution: contributionSchema.parse({
      vm: {
        ...blankVm("rvtools"), cpu: { vcpus: i % 2 ? 4 : 2, coresPerSocket: 1 }, memoryMiB: 8192,
        guestOs: { id: null, family: "windows", name: "Microsoft Windows Server 2022 (64-bit)" },
        utilization: [sample("cpu.usage.pct", cpu), sample("mem.active.pct", PEER_MEM[i])],
      },
      tags: [{ slug: "mssql", version: null, primary: true }],
    }),
  })));
  route = (await import("./route")) as unknown as typeof route;
  estates = (await import("../estates/route")) as unknown as typeof estates;
  estateReport = (await import("../estates/[id]/report/route")) as unknown as typeof estateReport;
}, 60_000);

describe("estate report API", () => {
  const spec = estateWorkbookSpec(12);
  let report: EstateReport;

  it("compares every VM of the workbook with its peers and flags the known ones", async () => {
    const res = await route.POST(upload(writeWorkbook(spec)), noParams);
    expect(res.status).toBe(200);
    report = (await res.json()) as EstateReport;
    expect(report.rows).toHaveLength(12);
    expect(report.totals.vms).toBe(12);

    const big = report.rows.find((r) => r.label === FLAGGED.oversized)!;
    expect(big).toMatchObject({ peerRule: "guest-family", peers: 25, vcpus: 16, memoryGiB: 64, flags: ["oversized"], vcpusPercentile: 100, peerMedianVcpus: 2 });
    expect(big.cpu).toEqual({ value: 4, statistic: "sample", window: null, percentile: midRank(4, PEER_CPU), peers: 25 });
    expect(big.memory).toMatchObject({ value: 5, percentile: midRank(5, PEER_MEM), peers: 25 });
    // Down to the peers' median (2 vCPUs, 8 GiB), which already keeps own use under 70%.
    expect([big.reclaimVcpus, big.reclaimGiB]).toEqual([14, 56]);
    expect(big.evidence[0]).toBe("16 vCPUs, 100th percentile of 25 peers (median 2), at CPU 4% (a point-in-time sample; 0th percentile of 25 peers)");

    const busy = report.rows.find((r) => r.label === FLAGGED.undersized)!;
    expect(busy.flags).toEqual(["undersized"]);
    expect(busy.cpu!.percentile).toBe(midRank(96, PEER_CPU));
    expect(report.totals.flagged.oversized).toBeGreaterThanOrEqual(1);
    expect(report.totals.reclaimVcpus).toBe(report.rows.reduce((s, r) => s + r.reclaimVcpus, 0));
    // Every tenth VM has an E1000 adapter: rows 0 and 10.
    expect(report.totals.legacyNicVms).toBe(2);
  });

  it("tags VMs by the bulk import's rules and compares them within the application", async () => {
    const rules = JSON.stringify([{ kind: "guest", guest: "linux", slug: "nginx", version: null }]);
    const res = await route.POST(upload(writeWorkbook(spec), { rules }), noParams);
    const r = (await res.json()) as EstateReport;
    const linux = r.rows.filter((x) => x.guest?.includes("Linux"));
    expect(linux.length).toBeGreaterThan(0);
    expect(linux.every((x) => x.app === "NGINX" || x.app?.toLowerCase().includes("nginx"))).toBe(true);
  });

  it("refuses bad rules with 422 naming the field", async () => {
    const res = await route.POST(upload(writeWorkbook(spec), { rules: "{not json" }), noParams);
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain("rules");
  });

  it("gives the report of a saved estate to the holder of its edit link only, labelled by public ids", async () => {
    const body = new FormData();
    body.append("name", "lab");
    body.append("tag", "nginx");
    body.append("files", new Blob([Buffer.from(writeWorkbook(estateWorkbookSpec(6)))]), "lab.xlsx");
    const created = (await (await estates.POST(new Request("http://test.local/api/v1/estates", { method: "POST", body }), noParams)).json()) as { id: string; editToken: string };
    const get = (token?: string) => estateReport.GET(new Request(`http://test.local/api/v1/estates/${created.id}/report`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ id: created.id }) });
    expect((await get()).status).toBe(401);
    expect((await get("wrong-token-wrong-token-wrong")).status).toBe(403);
    const res = await get(created.editToken);
    expect(res.status).toBe(200);
    const r = (await res.json()) as EstateReport;
    expect(r.source).toBe("estate");
    expect(r.rows).toHaveLength(6);
    expect(r.rows.every((x) => x.app === "nginx" && /^[a-z0-9]+$/i.test(x.label))).toBe(true);
    const big = r.rows.find((x) => x.vcpus === 16)!;
    expect(big.cpu).toMatchObject({ value: 4, statistic: "sample" });
  });

  it("stores no name or UUID of the workbook anywhere in the database", async () => {
    const db = await openDb();
    const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(5);
    let text = "";
    for (const { table_name } of tables) {
      const rows = await db.prisma.$queryRawUnsafe<{ t: string }[]>(`SELECT t::text AS t FROM "${table_name}" t`);
      text += rows.map((r) => r.t).join("\n");
    }
    expect(text.length).toBeGreaterThan(1000); // the peers and taxonomy are there, so the scan did read rows
    // The estate test above published 6 VMs (without names); the report uploads published none.
    for (const vm of spec.vms) {
      expect(text).not.toContain(vm.name);
      expect(text.toLowerCase()).not.toContain(vm.uuid.toLowerCase());
    }
  });
});

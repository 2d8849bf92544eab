import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quantile } from "@/lib/compare/stats";
import { blankVm, type Utilization } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { getVmComparison } from "./compare";
import { getPeerUsage, workloadBusy } from "./peer-usage";
import { testTargets } from "./test-targets";
import { createVms, syncTaxonomy } from "./vms";

const avg = (value: number): Utilization => ({ metric: "cpu.usage.pct", statistic: "average", window: "P30D", source: "vcenter", value });
const p95 = (metric: Utilization["metric"], value: number): Utilization => ({ metric, statistic: "p95", window: "P30D", source: "vcenter", value });

function sql(vcpus: number, memoryGiB: number, utilization?: Utilization[]): Contribution {
  const vm = { ...blankVm("vcenter"), cpu: { vcpus, coresPerSocket: 1 }, memoryMiB: memoryGiB * 1024, ...(utilization ? { utilization } : {}) };
  return contributionSchema.parse({ vm, tags: [{ slug: "mssql", version: "2022", primary: true }] });
}

for (const target of testTargets()) {
  describe(`peer usage on ${target.name}`, () => {
    let db: Db;
    const peerCpu = [12, 20, 25, 31, 33, 40, 44, 50, 61, 70, 75, 80];
    let subjectId: string;
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      // 12 SQL Server 2022 peers with a 30-day CPU average and memory p95, 10 without usage (peer group >= 20).
      await createVms(db, [
        ...peerCpu.map((v, i) => ({ contribution: sql(i % 2 ? 4 : 2, 16, [avg(v), p95("cpu.usage.pct", v + 10), p95("mem.active.pct", 40)]) })),
        ...Array.from({ length: 10 }, () => ({ contribution: sql(4, 16) })),
      ]);
      [{ id: subjectId }] = await createVms(db, [{ contribution: sql(8, 32, [avg(6), p95("cpu.usage.pct", 14), p95("mem.active.pct", 20)]) }]);
    });
    afterAll(() => target.dispose());

    it("reads only the group's peers with usage, never the VM itself", async () => {
      const peers = await getPeerUsage(db, "appv:mssql@2022", subjectId);
      expect(peers).toHaveLength(12);
      expect(peers.map((p) => p.utilization.find((u) => u.statistic === "average")!.value).sort((a, b) => a - b)).toEqual(peerCpu);
      expect(await getPeerUsage(db, "app:microsoft-exchange-server", null)).toEqual([]);
    });

    it("puts the VM's use against its peers' in the comparison, with findings and a suggestion", async () => {
      const c = (await getVmComparison(db, subjectId))!;
      expect(c.peerGroup.rule).toBe("app-version");
      const row = c.usage!.rows.find((r) => r.metric === "cpu.usage.pct" && r.statistic === "average")!;
      const sorted = [...peerCpu].sort((a, b) => a - b);
      expect(row).toMatchObject({ value: 6, percentile: 0, n: 12, median: quantile(sorted, 0.5), p25: quantile(sorted, 0.25), p75: quantile(sorted, 0.75), peerWindows: ["P30D"] });
      expect(c.usage!.findings[0].text).toBe("8 vCPUs at 6% average CPU (30 days, p95 14%). Microsoft SQL Server 2022 peers with usage data (n = 12): median 3 vCPUs at 42%.");
      // 8 × 14% = 1.12 busy → 2 vCPUs by use; the peers' 25th percentile is 2, so 2 stands.
      expect(c.usage!.suggestion!.vcpus).toMatchObject({ current: 8, suggested: 2 });
      expect(c.usage!.suggestion!.confidence.peers).toBe(12);
    });

    it("summarises how busy a workload's VMs are with the same quartiles as lib/compare", async () => {
      const busy = await workloadBusy(db, "mssql");
      const cpuAvg = busy.find((b) => b.metric === "cpu.usage.pct" && b.statistic === "average")!;
      const all = [...peerCpu, 6].sort((a, b) => a - b);
      expect(cpuAvg).toEqual({ metric: "cpu.usage.pct", statistic: "average", n: 13, p25: quantile(all, 0.25), median: quantile(all, 0.5), p75: quantile(all, 0.75), windows: ["P30D"] });
    });
  });
}

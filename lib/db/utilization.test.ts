import { describe, expect, it } from "vitest";
import { blankVm, type Utilization } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { testTargets } from "./test-targets";
import { createVms, deleteVm, getVm } from "./vms";
import { createEstate, getEstate, importIntoEstate } from "./estates";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { useTestDatabase } from "./testing/use-test-database";

const FIGURES: Utilization[] = [
  { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 12.5 },
  { metric: "cpu.usage.pct", statistic: "p95", window: "P30D", source: "vcenter", value: 41 },
  { metric: "mem.swapped.mib", statistic: "sample", window: null, source: "rvtools", value: 0 },
];

function contribution(vcpus: number, utilization?: Utilization[]): Contribution {
  const vm = { ...blankVm("rvtools"), cpu: { vcpus, coresPerSocket: 1 }, memoryMiB: 8192, ...(utilization ? { utilization } : {}) };
  return contributionSchema.parse({ vm, tags: [{ slug: "microsoft-sql-server", version: null, primary: true }] });
}

for (const target of testTargets()) {
  describe(`utilization storage on ${target.name}`, () => {
    let db: Db;
    useTestDatabase(target, (opened) => (db = opened));

    it("stores the figures with their provenance in the VM's transaction and returns them in the record", async () => {
      const [withUse, without] = await createVms(db, [{ contribution: contribution(4, FIGURES) }, { contribution: contribution(2) }], { editTokens: true });
      expect((await getVm(db, withUse.id))!.vm.utilization).toEqual(FIGURES);
      expect((await getVm(db, without.id))!.vm.utilization).toEqual([]);
      const rows = await db.sql.query<{ window: string | null; value: number }>(
        `SELECT "window", "value" FROM "vm_utilization" WHERE "vm_id" = $1 ORDER BY "position"`, [withUse.id]);
      expect(rows.map((r) => [r.window, Number(r.value)])).toEqual([[null, 12.5], ["P30D", 41], [null, 0]]);
    });

    it("writes nothing when the VM's transaction fails", async () => {
      const before = [await db.prisma.vm.count(), await db.prisma.vmUtilization.count()];
      // A negative figure is refused by the table's CHECK: the whole batch, VMs included, must be rolled back.
      const good = contribution(4, FIGURES);
      const bad = contribution(2, [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: 1 }]);
      (bad.vm.utilization![0] as { value: number }).value = -1;
      await expect(createVms(db, [{ contribution: good }, { contribution: bad }])).rejects.toThrow();
      expect([await db.prisma.vm.count(), await db.prisma.vmUtilization.count()]).toEqual(before);
    });

    it("refuses a sample with a window or an average without one, in the table itself", async () => {
      const [v] = await createVms(db, [{ contribution: contribution(8) }]);
      const insert = (statistic: string, window: string | null) =>
        db.sql.query(`INSERT INTO "vm_utilization" ("vm_id", "position", "metric", "statistic", "window", "source", "value") VALUES ($1, 0, 'cpu.usage.pct', $2, $3, 'manual', 5)`, [v.id, statistic, window]);
      await expect(insert("sample", "P30D")).rejects.toThrow();
      await expect(insert("average", null)).rejects.toThrow();
    });

    it("stores an estate's figures and replaces them when a re-import changes the VM", async () => {
      const parsed = (memoryMiB: number, cpu: number): ParsedVm[] => [{
        vm: { ...blankVm("rvtools"), name: "estate-vm-01", memoryMiB, utilization: [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: cpu }] },
        identifying: { ...emptyIdentifying(), uuids: ["4211aaaa-bbbb-cccc-dddd-eeeeffff0001"] },
        origin: "vInfo row 2",
      }];
      const estate = await createEstate(db, { name: "util", parsed: parsed(4096, 10), tagging: { default: "nginx" } });
      const vmIds = async () => (await getEstate(db, estate.id, estate.editToken)).members.map((m) => m.vmId!);
      const [id] = await vmIds();
      expect((await getVm(db, id))!.vm.utilization!.map((u) => u.value)).toEqual([10]);
      await importIntoEstate(db, estate.id, estate.editToken, { parsed: parsed(8192, 55) });
      const [same] = await vmIds();
      expect(same).toBe(id);
      expect((await getVm(db, id))!.vm.utilization!.map((u) => u.value)).toEqual([55]);
    });

    it("deletes the figures with the VM", async () => {
      const [v] = await createVms(db, [{ contribution: contribution(4, FIGURES) }], { editTokens: true });
      await deleteVm(db, v.id, v.editToken);
      const left = await db.sql.query(`SELECT 1 FROM "vm_utilization" WHERE "vm_id" = $1`, [v.id]);
      expect(left).toEqual([]);
    });
  });
}

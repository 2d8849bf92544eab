import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { getVmComparison } from "./compare";
import { getPeerStats } from "./peer-stats";
import { confirmImplausibleVm, listUnconfirmedImplausible, recheckPlausibility } from "./plausibility";
import { testTargets } from "./test-targets";
import { createVms, getVm, syncTaxonomy, updateVm } from "./vms";

function contribution(vcpus: number, memoryGiB: number): Contribution {
  const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: null }, memoryMiB: memoryGiB * 1024 };
  vm.disks = [{ sizeGiB: 60, bus: "scsi", provisioning: null }];
  vm.guestOs = { id: null, family: "linux", name: "Ubuntu 22.04" };
  vm.defaulted = ["firmware"];
  vm.firmware = "bios";
  return contributionSchema.parse({ vm, tags: [{ slug: "nginx", primary: true }] });
}

for (const target of testTargets()) {
  describe(`implausible VMs on ${target.name}`, () => {
    let db: Db;
    let odd: { id: string; editToken: string | null };
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      // Two ordinary peers and the VM: 1 vCPU with 10 TiB of memory.
      await createVms(db, [{ contribution: contribution(2, 4) }, { contribution: contribution(2, 8) }]);
      [odd] = await createVms(db, [{ contribution: contribution(1, 10 * 1024) }], { editTokens: true });
    }, 60_000);
    afterAll(() => target.dispose());

    it("stores the reasons and the platform defaults with the VM", async () => {
      const rec = (await getVm(db, odd.id))!;
      expect(rec.plausibility).toEqual({
        reasons: ["10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU."],
        confirmedAt: null,
      });
      expect(rec.vm.defaulted).toEqual(["firmware"]);
      expect(await listUnconfirmedImplausible(db)).toEqual([{ id: odd.id, createdAt: rec.createdAt, reasons: rec.plausibility!.reasons }]);
    });

    it("leaves it out of the peer statistics and of the comparison's peers until it is confirmed", async () => {
      const all = (await getPeerStats(db, ["all", "app:nginx"]));
      expect(all.get("all")!.n).toBe(2);
      expect(all.get("app:nginx")!.n).toBe(2);
      const ordinary = (await db.prisma.vm.findFirst({ where: { memoryMib: 4096 } }))!;
      const cmp = (await getVmComparison(db, ordinary.id))!;
      expect(cmp.scatter.map((p) => p.id)).not.toContain(odd.id);
      expect(cmp.similar.map((s) => s.id)).not.toContain(odd.id);
      // Its own page still compares it with the two counted VMs, nothing taken out twice.
      expect((await getVmComparison(db, odd.id))!.peerGroup.n).toBe(2);

      expect(await confirmImplausibleVm(db, odd.id, new Date("2026-12-04T12:00:00Z"))).toBe(true);
      expect(await confirmImplausibleVm(db, odd.id)).toBe(false);
      expect((await getPeerStats(db, ["all"])).get("all")!.n).toBe(3);
      expect((await getVm(db, odd.id))!.plausibility!.confirmedAt).toBe("2026-12-04T12:00:00.000Z");
      expect((await getVmComparison(db, ordinary.id))!.scatter.map((p) => p.id)).toContain(odd.id);
      expect(await listUnconfirmedImplausible(db)).toEqual([]);
    });

    it("keeps a confirmation for the same reasons and drops it when an edit changes them", async () => {
      await updateVm(db, odd.id, odd.editToken, contribution(1, 10 * 1024));
      expect((await getVm(db, odd.id))!.plausibility!.confirmedAt).not.toBeNull();
      await updateVm(db, odd.id, odd.editToken, contribution(1, 20 * 1024));
      expect((await getVm(db, odd.id))!.plausibility).toMatchObject({ confirmedAt: null, reasons: [expect.stringMatching(/^20 TiB/)] });
      expect((await getPeerStats(db, ["all"])).get("all")!.n).toBe(2);
      await updateVm(db, odd.id, odd.editToken, contribution(4, 16));
      expect((await getVm(db, odd.id))!.plausibility).toEqual({ reasons: [], confirmedAt: null });
      expect((await getPeerStats(db, ["all"])).get("all")!.n).toBe(3);
    });

    it("rechecks stored VMs that were written before the rules", async () => {
      const before = (await db.prisma.vm.findMany({ select: { id: true } })).length;
      await db.prisma.vm.updateMany({ data: { implausibleReasons: [] } });
      await db.sql.query(`UPDATE vm SET memory_mib = 8 * 1024 * 1024 WHERE id = $1`, [odd.id]);
      expect(await recheckPlausibility(db)).toEqual({ checked: before, changed: 1 });
      expect((await getVm(db, odd.id))!.plausibility!.reasons).toEqual([
        "8 TiB of memory for 4 vCPUs is 2,048 GiB per vCPU; VMs run with at most 512 GiB per vCPU.",
      ]);
      expect((await getPeerStats(db, ["all"])).get("all")!.n).toBe(2);
    });
  });
}

import { describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "./client";
import { testTargets } from "./test-targets";
import { createVms, deleteVm, getVm, updateVm } from "./vms";
import { getPeerStats, rebuildPeerStats } from "./peer-stats";
import { useTestDatabase } from "./testing/use-test-database";

function contribution(vcpus: number, memoryMiB: number, app = "microsoft-exchange", version: string | null = "2019"): Contribution {
  const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: 1 }, memoryMiB };
  vm.disks = [{ sizeGiB: 100, bus: "scsi", provisioning: "thin" }, { sizeGiB: 400.5, bus: "scsi", provisioning: null }];
  vm.nics = [{ model: "vmxnet3", network: "net-1" }];
  vm.guestOs = { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" };
  return contributionSchema.parse({ vm, tags: [{ slug: app, version, primary: true }], context: { environment: "production" } });
}

for (const target of testTargets()) {
  describe(`lib/db on ${target.name}`, () => {
    let db: Db;
    useTestDatabase(target, (opened) => (db = opened));

    it("applied the migrations and knows which database it is", async () => {
      expect(db.kind).toBe(target.name);
      const rows = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
      expect(rows.length).toBeGreaterThan(0);
    });

    it("stores a contribution whole and reads it back", async () => {
      const [created] = await createVms(db, [{ contribution: contribution(4, 16384) }], { editTokens: true });
      expect(created.editToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const rec = await getVm(db, created.id);
      expect(rec).not.toBeNull();
      expect(rec!.vm.cpu.vcpus).toBe(4);
      expect(rec!.vm.memoryMiB).toBe(16384);
      expect(rec!.vm.disks.map((d) => d.sizeGiB)).toEqual([100, 400.5]);
      expect(rec!.vm.nics).toEqual([{ model: "vmxnet3", network: "net-1" }]);
      expect(rec!.tags[0]).toMatchObject({ slug: "microsoft-exchange", version: "2019", primary: true });
      expect(rec!.context.environment).toBe("production");
      const hash = await db.prisma.vm.findUnique({ where: { id: created.id }, select: { editTokenHash: true } });
      expect(hash!.editTokenHash).not.toContain(created.editToken!);
    });

    it("keeps peer statistics current on create, update and delete", async () => {
      const before = (await getPeerStats(db, ["app:microsoft-exchange"])).get("app:microsoft-exchange")?.n ?? 0;
      const [a] = await createVms(db, [{ contribution: contribution(2, 8192) }], { editTokens: true });
      let s = (await getPeerStats(db, ["app:microsoft-exchange", "appv:microsoft-exchange@2019", "all"]));
      expect(s.get("app:microsoft-exchange")!.n).toBe(before + 1);
      expect(s.get("app:microsoft-exchange")!.metrics.vcpus["2"]).toBe(1);
      await updateVm(db, a.id, a.editToken, contribution(8, 8192));
      s = await getPeerStats(db, ["app:microsoft-exchange"]);
      expect(s.get("app:microsoft-exchange")!.metrics.vcpus["2"]).toBeUndefined();
      expect(s.get("app:microsoft-exchange")!.metrics.vcpus["8"]).toBe(1);
      await deleteVm(db, a.id, a.editToken);
      s = await getPeerStats(db, ["app:microsoft-exchange"]);
      expect(s.get("app:microsoft-exchange")!.n).toBe(before);
      // The incremental statistics equal a rebuild from scratch.
      const incremental = await getPeerStats(db, ["all", "app:microsoft-exchange"]);
      await rebuildPeerStats(db);
      const rebuilt = await getPeerStats(db, ["all", "app:microsoft-exchange"]);
      expect(rebuilt.get("all")).toEqual(incremental.get("all"));
      expect(rebuilt.get("app:microsoft-exchange")).toEqual(incremental.get("app:microsoft-exchange"));
    });

    it("refuses edits and deletes without the right token", async () => {
      const [a] = await createVms(db, [{ contribution: contribution(2, 4096) }], { editTokens: true });
      await expect(deleteVm(db, a.id, null)).rejects.toMatchObject({ code: "unauthorized" });
      await expect(deleteVm(db, a.id, "x".repeat(43))).rejects.toMatchObject({ code: "forbidden" });
      await expect(updateVm(db, a.id, "wrong", contribution(4, 4096))).rejects.toBeInstanceOf(AppError);
      expect((await getVm(db, a.id))!.vm.cpu.vcpus).toBe(2);
      await expect(deleteVm(db, "nosuchvm", a.editToken)).rejects.toMatchObject({ code: "not_found" });
    });

    it("rejects the same snapshot twice and points at the first", async () => {
      const c = { ...contribution(6, 6144), identityKey: "a".repeat(64) };
      const [first] = await createVms(db, [{ contribution: c }], { rejectDuplicates: true });
      await expect(createVms(db, [{ contribution: c }], { rejectDuplicates: true })).rejects.toMatchObject({
        code: "conflict",
        details: { existingId: first.id },
      });
      // The same configuration from another snapshot is not a duplicate.
      await expect(createVms(db, [{ contribution: { ...c, identityKey: "b".repeat(64) } }], { rejectDuplicates: true })).resolves.toHaveLength(1);
    });

    it("writes a batch all or nothing", async () => {
      const before = await db.prisma.vm.count();
      const bad = contribution(2, 4096);
      bad.vm = { ...bad.vm, disks: [{ sizeGiB: 1, bus: "scsi", provisioning: null }] };
      // An over-long tag version violates no zod rule here but breaks the insert of the second item.
      const items = [{ contribution: contribution(2, 4096) }, { contribution: { ...bad, tags: [{ slug: "microsoft-exchange", version: "x", primary: true }, { slug: "microsoft-exchange", version: "y", primary: false }] } }];
      await expect(createVms(db, items)).rejects.toThrow();
      expect(await db.prisma.vm.count()).toBe(before);
    });
  });
}

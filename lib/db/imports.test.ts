import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { cancelImportJob, createImportJob, getImportJob, runNextBatch } from "./imports";
import { testTargets } from "./test-targets";
import { syncTaxonomy } from "./vms";

function contribution(i: number): Contribution {
  const vm = { ...blankVm("rvtools"), name: `secret-host-${i}`, cpu: { vcpus: 1 + (i % 8), coresPerSocket: 1 }, memoryMiB: 1024 * (1 + (i % 16)) };
  vm.nics = [{ model: "vmxnet3", network: "PROD-VLAN-77" }];
  const identityKey = (i.toString(16).padStart(8, "0") + "ab").repeat(7).slice(0, 64);
  return contributionSchema.parse({ vm, tags: [{ slug: "nginx", primary: true }], identityKey });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => contribution(from + k));

async function countBy(db: Db, where: Record<string, unknown> = {}): Promise<number> {
  return db.prisma.vm.count({ where });
}

for (const target of testTargets()) {
  describe(`import jobs on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
    });
    afterAll(() => target.dispose());

    it("publishes batch by batch, redacted, and finishes with exact counts", async () => {
      const before = await countBy(db);
      const { job, token } = await createImportJob(db, range(0, 23), { batchSize: 10 });
      expect(job).toMatchObject({ total: 23, batchCount: 3, batchesDone: 0, imported: 0, status: "pending" });
      const staged = JSON.stringify(await db.sql.query("SELECT items FROM import_batch WHERE job_id = $1", [job.id]));
      expect(staged).not.toContain("secret-host");
      expect(staged).not.toContain("PROD-VLAN-77");

      const r1 = await runNextBatch(db, job.id, token);
      expect(r1.created).toHaveLength(10);
      expect(r1.created.every((c) => typeof c.editToken === "string")).toBe(true);
      expect(r1.job).toMatchObject({ batchesDone: 1, imported: 10 });
      await runNextBatch(db, job.id, token);
      const r3 = await runNextBatch(db, job.id, token);
      expect(r3.created).toHaveLength(3);
      expect(r3.job).toMatchObject({ batchesDone: 3, imported: 23, status: "done" });
      expect(await countBy(db) - before).toBe(23);
      // A further call after the end changes nothing.
      const again = await runNextBatch(db, job.id, token);
      expect(again.created).toHaveLength(0);
      expect(await countBy(db) - before).toBe(23);
      const nets = await db.sql.query<{ network: string }>("SELECT DISTINCT network FROM vm_nic WHERE vm_id = ANY($1)", [r1.created.map((c) => c.id)]);
      expect(nets.map((n) => n.network)).toEqual(["net-1"]);
    });

    it("leaves no half-written batch after a crash midway and resumes with exact counts", async () => {
      const before = await countBy(db);
      const { job, token } = await createImportJob(db, range(100, 125), { batchSize: 10 });
      await runNextBatch(db, job.id, token);
      await expect(
        runNextBatch(db, job.id, token, { afterCreate: () => { throw new Error("simulated crash"); } }),
      ).rejects.toThrow("simulated crash");
      // The crashed batch's VMs were rolled back with the progress counter.
      expect(await countBy(db) - before).toBe(10);
      const status = await getImportJob(db, job.id, token);
      expect(status).toMatchObject({ batchesDone: 1, imported: 10, status: "pending" });

      // "After a reload": only the id and token are known; resume to the end.
      let s = status;
      while (s.status !== "done") s = (await runNextBatch(db, job.id, token)).job;
      expect(s).toMatchObject({ batchesDone: 3, imported: 25, duplicates: 0 });
      expect(await countBy(db) - before).toBe(25);
    });

    it("does not publish a batch twice when two requests drive one job at once", async () => {
      const before = await countBy(db);
      const { job, token } = await createImportJob(db, range(200, 220), { batchSize: 10 });
      const results = await Promise.allSettled([runNextBatch(db, job.id, token), runNextBatch(db, job.id, token)]);
      const created = results.flatMap((r) => (r.status === "fulfilled" ? r.value.created : []));
      const s = await getImportJob(db, job.id, token);
      expect(await countBy(db) - before).toBe(s.imported);
      expect(created.length).toBe(s.imported);
      while ((await getImportJob(db, job.id, token)).status !== "done") await runNextBatch(db, job.id, token);
      expect(await countBy(db) - before).toBe(20);
    });

    it("skips VMs already published and counts them as duplicates", async () => {
      const { job, token } = await createImportJob(db, [...range(0, 3), contribution(9000)], { batchSize: 10 });
      const r = await runNextBatch(db, job.id, token);
      expect(r.duplicates).toBe(3);
      expect(r.created).toHaveLength(1);
      expect(r.job).toMatchObject({ imported: 1, duplicates: 3, status: "done" });
    });

    it("refuses without the token (401), with a wrong one (403) and for an unknown job (404)", async () => {
      const { job, token } = await createImportJob(db, range(300, 302));
      const code = async (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => e.code);
      expect(await code(runNextBatch(db, job.id, null))).toBe("unauthorized");
      expect(await code(runNextBatch(db, job.id, "not-the-token"))).toBe("forbidden");
      expect(await code(getImportJob(db, "nosuchjob1234", token))).toBe("not_found");
      await cancelImportJob(db, job.id, token);
      expect(await code(getImportJob(db, job.id, token))).toBe("not_found");
      expect((await db.sql.query("SELECT 1 FROM import_batch WHERE job_id = $1", [job.id])).length).toBe(0);
    });
  });
}

import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { tokenMatches } from "./ids";
import { stageImportJob } from "@/lib/contribute/publish";
import { cancelImportJob, getImportJob, importLinks, runNextBatch } from "./imports";
import { testTargets } from "./test-targets";
import { useTestDatabase } from "./testing/use-test-database";

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
    useTestDatabase(target, (opened) => (db = opened));

    it("publishes batch by batch, redacted, and finishes with exact counts", async () => {
      const before = await countBy(db);
      const { job, token } = await stageImportJob(db, range(0, 23), { batchSize: 10 });
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
      const { job, token } = await stageImportJob(db, range(100, 125), { batchSize: 10 });
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
      const { job, token } = await stageImportJob(db, range(200, 220), { batchSize: 10 });
      const results = await Promise.allSettled([runNextBatch(db, job.id, token), runNextBatch(db, job.id, token)]);
      const created = results.flatMap((r) => (r.status === "fulfilled" ? r.value.created : []));
      const s = await getImportJob(db, job.id, token);
      expect(await countBy(db) - before).toBe(s.imported);
      expect(created.length).toBe(s.imported);
      while ((await getImportJob(db, job.id, token)).status !== "done") await runNextBatch(db, job.id, token);
      expect(await countBy(db) - before).toBe(20);
    });

    it("skips VMs already published and counts them as duplicates", async () => {
      const { job, token } = await stageImportJob(db, [...range(0, 3), contribution(9000)], { batchSize: 10 });
      const r = await runNextBatch(db, job.id, token);
      expect(r.duplicates).toBe(3);
      expect(r.created).toHaveLength(1);
      expect(r.job).toMatchObject({ imported: 1, duplicates: 3, status: "done" });
    });

    /** Every (id, token) pair opens its VM: the token's hash is the one stored. */
    async function expectTokensOpen(links: { id: string; editToken: string | null }[]) {
      const rows = await db.prisma.vm.findMany({ where: { id: { in: links.map((l) => l.id) } }, select: { id: true, editTokenHash: true } });
      const hash = new Map(rows.map((r) => [r.id, r.editTokenHash]));
      expect(rows).toHaveLength(links.length);
      for (const l of links) expect(tokenMatches(l.editToken!, hash.get(l.id) ?? null)).toBe(true);
    }

    it("answers a retried next (same request id) with the same batch and its links, committing nothing twice", async () => {
      const before = await countBy(db);
      const { job, token } = await stageImportJob(db, range(400, 425), { batchSize: 10 });
      // The first answer is "lost": the client only knows it sent request A.
      const lost = await runNextBatch(db, job.id, token, { requestId: "request-A-0001" });
      expect(lost.replayed).toBe(false);
      const retry = await runNextBatch(db, job.id, token, { requestId: "request-A-0001" });
      expect(retry.replayed).toBe(true);
      expect(retry.created).toEqual(lost.created);
      expect(retry.job).toMatchObject({ batchesDone: 1, imported: 10 });
      expect(await countBy(db) - before).toBe(10);
      await expectTokensOpen(retry.created);
      // A new request id moves on to the next batch.
      const second = await runNextBatch(db, job.id, token, { requestId: "request-B-0002" });
      expect(second.replayed).toBe(false);
      expect(second.job.batchesDone).toBe(2);
      expect(await countBy(db) - before).toBe(20);
    });

    it("gives one answer to a request and its retry sent at once", async () => {
      const before = await countBy(db);
      const { job, token } = await stageImportJob(db, range(500, 520), { batchSize: 10 });
      const [a, b] = await Promise.all([
        runNextBatch(db, job.id, token, { requestId: "request-C-0003" }),
        runNextBatch(db, job.id, token, { requestId: "request-C-0003" }),
      ]);
      expect(a.created.map((c) => c.id)).toEqual(b.created.map((c) => c.id));
      expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
      expect(await countBy(db) - before).toBe(10);
      expect((await getImportJob(db, job.id, token)).batchesDone).toBe(1);
    });

    it("gives the links of every committed batch again, only with the job token", async () => {
      const { job, token } = await stageImportJob(db, [...range(600, 615), ...range(0, 2)], { batchSize: 10 });
      const seen: { id: string; editToken: string | null }[] = [];
      for (;;) {
        const r = await runNextBatch(db, job.id, token);
        seen.push(...r.created);
        if (r.job.status === "done") break;
      }
      const links = await importLinks(db, job.id, token);
      expect(links.job).toMatchObject({ status: "done", imported: 15, duplicates: 2 });
      expect(links.batches.map((b) => b.position)).toEqual([0, 1]);
      expect(links.batches.flatMap((b) => b.created)).toEqual(seen);
      await expectTokensOpen(seen);
      // Nothing stored can open a VM: the import tables hold ids, never a token.
      const stored = JSON.stringify(await db.sql.query("SELECT * FROM import_result WHERE job_id = $1", [job.id]));
      for (const l of seen) expect(stored).not.toContain(l.editToken!);
      const code = async (p: Promise<unknown>) => p.then(() => "ok", (e: AppError) => e.code);
      expect(await code(importLinks(db, job.id, "not-the-token"))).toBe("forbidden");
      expect(await code(importLinks(db, job.id, null))).toBe("unauthorized");
      expect(await code(runNextBatch(db, job.id, token, { requestId: "short" }))).toBe("validation_error");
    });

    it("refuses without the token (401), with a wrong one (403) and for an unknown job (404)", async () => {
      const { job, token } = await stageImportJob(db, range(300, 302));
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

for (const target of testTargets()) {
  describe(`the public import filter on ${target.name}`, () => {
    let db: Db;
    useTestDatabase(target, (opened) => (db = opened));

    it("lists exactly the VMs one import published, by a random public id that drives nothing", async () => {
      const { browseVms } = await import("./browse");
      const { parseBrowseQuery } = await import("@/lib/browse/query");
      const other = await stageImportJob(db, range(700, 705), { batchSize: 10 });
      await runNextBatch(db, other.job.id, other.token);
      const { job, token } = await stageImportJob(db, range(800, 812), { batchSize: 5 });
      expect(job.publicId).toMatch(/^[a-z0-9]{16}$/);
      expect(job.publicId).not.toBe(job.id);
      expect(token).not.toContain(job.publicId!);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push(...(await runNextBatch(db, job.id, token)).created.map((c) => c.id));
      expect(ids).toHaveLength(12);

      const { query, errors } = parseBrowseQuery({ import: job.publicId!, size: "100" });
      expect(errors).toEqual([]);
      const page = await browseVms(db, query);
      expect(page.total).toBe(12);
      expect(page.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      // The public id is no key: it cannot read the job or its edit links.
      await expect(getImportJob(db, job.id, job.publicId!)).rejects.toThrow(/does not belong/);
      await expect(getImportJob(db, job.publicId!, token)).rejects.toThrow(/No import job/);
      // Marking the VMs kept their day-only timestamps.
      const stamps = await db.sql.query<{ updated_at: Date }>("SELECT updated_at FROM vm WHERE id = ANY($1)", [ids]);
      expect(stamps.every((s) => new Date(s.updated_at).getUTCHours() === 0 && new Date(s.updated_at).getUTCMinutes() === 0)).toBe(true);
      // A malformed id is refused with a message, not matched.
      expect(parseBrowseQuery({ import: "../x" }).errors[0].field).toBe("import");
    });
  });
}

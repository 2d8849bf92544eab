import { afterAll, describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import type { Db } from "./client";
import { dumpDirOf, readManifest } from "./dump";
import { dumpFreshness, dumpOverview, dumpScheduled, schedule } from "./dump-schedule";
import { testTargets } from "./test-targets";
import { createVms, syncTaxonomy } from "./vms";

const vm = (memoryMiB: number) =>
  contributionSchema.parse({ vm: { ...blankVm("manual"), cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB }, tags: [{ slug: "nginx", primary: true }] });

async function until(test: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

for (const target of testTargets()) {
  describe(`open-data dump after writes on ${target.name}`, () => {
    afterAll(() => target.dispose());

    // Opening a fresh database (migrations) takes most of the time on a loaded machine.
    it("is written again once writes go quiet, with the live count, and not before", { timeout: 180_000 }, async () => {
      const db: Db = await target.open();
      await syncTaxonomy(db);
      const dir = await dumpDirOf(db);
      await createVms(db, [{ contribution: vm(1024) }, { contribution: vm(2048) }]);

      // No dump yet: the overview says so and schedules one.
      const first = await dumpOverview(db);
      expect(first.freshness).toEqual({ live: 2, dumped: null, current: false });
      // With no dump at all, one is started at once.
      expect(first.progress.state).toBe("running");
      await until(async () => readManifest(dir)?.rows === 2, 30_000);
      await until(async () => (await dumpFreshness(db, dir)).current, 5_000);

      // A write, then the call every successful API write makes (lib/api/handler.ts).
      // Long enough that a slow write on a loaded machine still lands inside the quiet time.
      const debounceMs = 5_000;
      const before = readManifest(dir)!.generatedAt;
      await createVms(db, [{ contribution: vm(4096) }]);
      expect(await dumpFreshness(db, dir)).toEqual({ live: 3, dumped: 2, current: false });
      schedule(db, dir, debounceMs);
      expect(dumpScheduled(dir)).toBe(true);
      // Another write inside the quiet time restarts it: one dump for both.
      const firstScheduled = Date.now();
      await new Promise((r) => setTimeout(r, 1_000));
      await createVms(db, [{ contribution: vm(8192) }]);
      const restarted = Date.now();
      schedule(db, dir, debounceMs);
      // Past the first quiet time, but not the restarted one: still the old dump.
      await new Promise((r) => setTimeout(r, Math.max(0, firstScheduled + debounceMs + 200 - Date.now())));
      if (Date.now() < restarted + debounceMs) expect(readManifest(dir)!.generatedAt).toBe(before);

      const took = await until(async () => (await dumpFreshness(db, dir)).current, 20_000);
      expect(took).toBeLessThan(debounceMs + 10_000);
      expect(readManifest(dir)!.rows).toBe(4);
      expect(await dumpFreshness(db, dir)).toEqual({ live: 4, dumped: 4, current: true });
      expect(dumpScheduled(dir)).toBe(false);
    });

    it("sees an edit that keeps the count, and leaves a current dump alone", async () => {
      const db: Db = await target.open();
      const dir = await dumpDirOf(db);
      await until(async () => (await dumpFreshness(db, dir)).current, 20_000);
      const before = readManifest(dir)!.generatedAt;
      // Nothing changed: a scheduled run only looks.
      schedule(db, dir, 100);
      await new Promise((r) => setTimeout(r, 600));
      expect(readManifest(dir)!.generatedAt).toBe(before);

      const one = await db.prisma.vm.findFirstOrThrow({ where: { status: "published" } });
      await db.prisma.vm.update({ where: { id: one.id }, data: { memoryMib: one.memoryMib * 2 } });
      expect((await dumpFreshness(db, dir)).current).toBe(false);
      schedule(db, dir, 100);
      await until(async () => (await dumpFreshness(db, dir)).current, 20_000);
      expect(readManifest(dir)!.generatedAt).not.toBe(before);
    });
  });
}

import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import type { Db } from "./client";
import { dumpDirOf, regenerateDump, readManifest } from "./dump";
import { testTargets, type TestTarget } from "./test-targets";
import { createVms, syncTaxonomy } from "./vms";

/**
 * The open-data dump lives with its database: two databases of the same kind
 * (two PGlite folders, two PostgreSQL databases on one server) never share a
 * dump folder, so one server can never serve another's dump.
 */
const kinds = new Map<string, TestTarget[]>();
for (const t of [...testTargets(), ...testTargets()]) kinds.set(t.name, [...(kinds.get(t.name) ?? []), t]);

const vm = (memoryMiB: number) =>
  contributionSchema.parse({ vm: { ...blankVm("manual"), cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB }, tags: [{ slug: "nginx", primary: true }] });

for (const [kind, [a, b]] of kinds) {
  describe(`dump location on ${kind}`, () => {
    afterAll(async () => {
      await a.dispose();
      await b.dispose();
    });

    it("gives two databases two dump folders, each with its own rows", async () => {
      const dbA: Db = await a.open();
      const dbB: Db = await b.open();
      await syncTaxonomy(dbA);
      await syncTaxonomy(dbB);
      const dirA = await dumpDirOf(dbA);
      const dirB = await dumpDirOf(dbB);
      expect(dirA).not.toBe(dirB);
      if (kind === "pglite") {
        expect(dirA).toBe(path.join(dbA.dir!, "dumps"));
      } else {
        // Named after the cluster and the database, so the same database always finds its own dump again.
        expect(path.basename(dirA)).toMatch(/^\d+-\d+-vmc_test_/);
        expect(await dumpDirOf(dbA)).toBe(dirA);
      }
      await createVms(dbA, [{ contribution: vm(1024) }, { contribution: vm(2048) }]);
      await createVms(dbB, [{ contribution: vm(4096) }]);
      await regenerateDump(dbA, dirA);
      await regenerateDump(dbB, dirB);
      expect(readManifest(dirA)?.rows).toBe(2);
      expect(readManifest(dirB)?.rows).toBe(1);
      if (kind === "postgresql") for (const d of [dirA, dirB]) fs.rmSync(d, { recursive: true, force: true });
    });
  });
}

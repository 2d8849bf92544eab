import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBrowseQuery } from "@/lib/browse/query";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import type { Db } from "./client";
import { testTargets } from "./test-targets";
import { browseFacets, browseRowBatches, browseVms } from "./browse";
import { createVms, syncTaxonomy } from "./vms";

const SPECS: [string, number, number, string, string | null, string[]][] = [
  // app, vcpus, memory GiB, family, env, nic models
  ["active-directory", 2, 4, "windows", "production", ["vmxnet3"]],
  ["active-directory", 2, 8, "windows", "test", ["e1000"]],
  ["active-directory", 4, 8, "windows", null, ["vmxnet3"]],
  ["mssql", 8, 64, "windows", "production", ["vmxnet3", "vmxnet3"]],
  ["mssql", 16, 128, "windows", "production", ["vmxnet3"]],
  ["apache-httpd", 2, 2, "linux", "development", []],
  ["apache-httpd", 1, 1, "linux", "production", ["virtio"]],
];

for (const target of testTargets()) {
  describe(`browse queries on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      await createVms(db, SPECS.map(([app, vcpus, gib, family, env, nics], i) => {
        const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: vcpus >= 8 ? vcpus / 2 : null }, memoryMiB: gib * 1024 };
        vm.guestOs = { id: null, family: family as "windows", name: null };
        vm.nics = nics.map((model) => ({ model, network: "net-1" }));
        vm.disks = [{ sizeGiB: 40 * (i + 1), bus: "scsi", provisioning: null }];
        return { contribution: contributionSchema.parse({ vm, tags: [{ slug: app, primary: true }], context: { environment: env } }), createdAt: new Date(Date.UTC(2020 + i, 0, 1)) };
      }));
    });
    afterAll(() => target.dispose());

    const browse = (qs: string) => browseVms(db, parseBrowseQuery(new URLSearchParams(qs)).query);

    it("pages newest first by default", async () => {
      const p = await browse("size=25");
      expect(p.total).toBe(7);
      expect(p.rows.map((r) => r.vcpus)).toEqual([1, 2, 16, 8, 4, 2, 2]);
    });

    it("filters, sorts and pages on the server", async () => {
      const p = await browse("app=active-directory,mssql&sort=memory&dir=desc&vcpus=>=2");
      expect(p.rows.map((r) => r.memoryMib / 1024)).toEqual([128, 64, 8, 8, 4]);
      expect(p.rows[0].primaryAppName).toBe("Microsoft SQL Server");
      const q = parseBrowseQuery(new URLSearchParams("sort=vcpus&dir=asc")).query;
      q.size = 25;
      const page2 = await browseVms(db, { ...q, size: 25, page: 1 });
      expect(page2.rows[0].vcpus).toBe(1);
      expect((await browse("memory=4..8")).total).toBe(3);
      expect((await browse("memory=4,64")).total).toBe(2);
      expect((await browse("memPerVcpu=>=4")).rows.map((r) => r.memoryMib / 1024 / r.vcpus).every((x) => x >= 4)).toBe(true);
      expect((await browse("sockets=2")).total).toBe(2);
    });

    it("excludes with !value and filters context and NIC models", async () => {
      expect((await browse("app=!active-directory")).total).toBe(4);
      expect((await browse("env=production")).total).toBe(4);
      expect((await browse("env=!production")).total).toBe(3);
      expect((await browse("nic=e1000")).total).toBe(1);
      expect((await browse("nic=!vmxnet3")).total).toBe(3);
    });

    it("counts facets under the other filters", async () => {
      const q = parseBrowseQuery(new URLSearchParams("family=windows&app=mssql")).query;
      const f = await browseFacets(db, q, ["app", "family", "env"]);
      // The app facet ignores its own filter but honours family=windows.
      expect(f.app).toEqual([
        { value: "active-directory", label: "Active Directory Domain Services", count: 3 },
        { value: "mssql", label: "Microsoft SQL Server", count: 2 },
      ]);
      expect(f.family).toEqual([{ value: "windows", label: "windows", count: 2 }]);
      expect(f.env).toEqual([{ value: "production", label: "production", count: 2 }]);
    });
    it("sorts by context columns (joining them only when needed)", async () => {
      const p = await browse("sort=env&dir=asc");
      expect(p.rows.map((r) => r.environment)).toEqual(["development", "production", "production", "production", "production", "test", null]);
      const f = await browse("sort=firmware&dir=desc&app=mssql");
      expect(f.total).toBe(2);
    });

    it("streams every matching row in sort order in batches, up to a cap", async () => {
      const q = parseBrowseQuery(new URLSearchParams("sort=vcpus&dir=asc&family=windows")).query;
      const batches: number[][] = [];
      for await (const b of browseRowBatches(db, q, { cap: 50000, batch: 2 })) batches.push(b.map((r) => r.vcpus));
      expect(batches).toEqual([[2, 2], [4, 8], [16]]);
      const capped: number[] = [];
      for await (const b of browseRowBatches(db, q, { cap: 3, batch: 2 })) capped.push(...b.map((r) => r.vcpus));
      expect(capped).toEqual([2, 2, 4]);
    });
  });
}

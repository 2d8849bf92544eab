import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseBrowseQuery } from "@/lib/browse/query";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import type { Db } from "./client";
import { browseFacets } from "./browse";
import { browseFacetsYielding, facetGroups } from "./browse-facets";
import { testTargets } from "./test-targets";
import { createVms, syncTaxonomy } from "./vms";

for (const target of testTargets()) {
  describe(`facet counts facet by facet on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      await createVms(db, [["mssql", 8, "efi"], ["mssql", 4, null], ["nginx", 2, "bios"], ["nginx", 2, "efi"]].map(([app, vcpus, firmware]) => {
        const vm = { ...blankVm("manual"), cpu: { vcpus: vcpus as number, coresPerSocket: null }, memoryMiB: 4096, firmware: firmware as "efi" | null };
        return { contribution: contributionSchema.parse({ vm, tags: [{ slug: app, primary: true }] }) };
      }));
    });
    afterAll(() => target.dispose());

    it("groups facets as browseFacets queries them", () => {
      const q = parseBrowseQuery(new URLSearchParams("firmware=efi&env=production&vcpus=>=2")).query;
      expect(facetGroups(q, ["app", "firmware", "family", "nic", "env"])).toEqual([["app", "family"], ["firmware"], ["nic"], ["env"]]);
      expect(facetGroups(parseBrowseQuery(new URLSearchParams("")).query, ["nic"])).toEqual([["nic"]]);
    });

    it("counts once for concurrent callers of the same table", async () => {
      const q = parseBrowseQuery(new URLSearchParams("vcpus=>=1")).query;
      const spy = vi.spyOn(db.prisma, "$queryRawUnsafe");
      try {
        const answers = await Promise.all(Array.from({ length: 5 }, () => browseFacets(db, q)));
        for (const a of answers) expect(a).toBe(answers[0]);
        // One shared scan and one per array facet (nic), for five callers.
        expect(spy.mock.calls.length).toBe(facetGroups(q).length);
      } finally {
        spy.mockRestore();
      }
    });

    it("gives the same counts as one browseFacets call", async () => {
      const q = parseBrowseQuery(new URLSearchParams("firmware=efi&vcpus=>=2")).query;
      const all = await browseFacets(db, q);
      expect(await browseFacetsYielding(db, q)).toEqual(all);
      expect(all.firmware).toEqual([
        { value: "efi", label: "efi", count: 2 },
        { value: "bios", label: "bios", count: 1 },
        { value: "none", label: "Unknown", count: 1 },
      ]);
      expect(all.app.map((f) => [f.value, f.count])).toEqual([["mssql", 1], ["nginx", 1]]);
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBrowseQuery } from "@/lib/browse/query";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import type { Db } from "./client";
import { testTargets } from "./test-targets";
import { browseFacets, browseVms } from "./browse";
import { createVms, syncTaxonomy, updateVm } from "./vms";

/**
 * Free-text search (q=) and the ticked-rows view (sel=…&show=selected) on a
 * real database: the search document is kept by triggers, so these tests
 * write through the same code as the site and read back what it finds.
 */
type Spec = { tags: { slug: string; version?: string; primary?: boolean }[]; os: string; family: "windows" | "linux"; hv: [NormalizedVm["hypervisor"]["vendor"], string, string]; nics: string[] };

const SPECS: Spec[] = [
  { tags: [{ slug: "mssql", version: "2019", primary: true }], os: "Microsoft Windows Server 2019 (64-bit)", family: "windows", hv: ["vmware", "VMware ESXi", "8.0"], nics: ["vmxnet3"] },
  { tags: [{ slug: "active-directory", primary: true }, { slug: "microsoft-iis" }], os: "Microsoft Windows Server 2022 (64-bit)", family: "windows", hv: ["microsoft", "Hyper-V", "10.0.20348"], nics: ["synthetic"] },
  { tags: [{ slug: "nginx", version: "1.24", primary: true }], os: "Ubuntu Linux 22.04 (64-bit)", family: "linux", hv: ["kvm", "Proxmox VE", "8.1"], nics: ["virtio"] },
  { tags: [{ slug: "postgresql", version: "16", primary: true }], os: "Red Hat Enterprise Linux 9 (64-bit)", family: "linux", hv: ["vmware", "VMware ESXi", "7.0"], nics: ["e1000e"] },
];

function contribution(s: Spec) {
  const vm = { ...blankVm("manual"), cpu: { vcpus: 4, coresPerSocket: null }, memoryMiB: 8192 };
  vm.guestOs = { id: null, family: s.family, name: s.os };
  vm.hypervisor = { vendor: s.hv[0], product: s.hv[1], version: s.hv[2] };
  vm.nics = s.nics.map((model) => ({ model, network: "net-1" }));
  vm.disks = [{ sizeGiB: 60, bus: "scsi", provisioning: null }];
  return contributionSchema.parse({ vm, tags: s.tags });
}

for (const target of testTargets()) {
  describe(`browse search on ${target.name}`, () => {
    let db: Db;
    let ids: string[] = [];
    let editToken = "";
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      const created = await createVms(db, SPECS.map((s, i) => ({ contribution: contribution(s), createdAt: new Date(Date.UTC(2021 + i, 0, 1)) })), { editTokens: true });
      ids = created.map((c) => c.id);
      editToken = created[3].editToken!;
    });
    afterAll(() => target.dispose());

    const find = async (qs: string) => {
      const { query, errors } = parseBrowseQuery(new URLSearchParams(qs));
      expect(errors).toEqual([]);
      return (await browseVms(db, query)).rows.map((r) => ids.indexOf(r.id)).sort();
    };

    it("matches application names, aliases, versions and secondary tags", async () => {
      // A prefix of a word, not of any substring: "postgresql" is not found by "sql".
      expect(await find("q=sql")).toEqual([0]);
      expect(await find("q=mssql")).toEqual([0]);
      expect(await find("q=sql server 2019")).toEqual([0]);
      expect(await find("q=iis")).toEqual([1]); // a secondary tag
      expect(await find("q=active directory")).toEqual([1]);
      expect(await find("q=nginx 1.24")).toEqual([2]);
    });

    it("matches guest OS, hypervisor and NIC model, every word as a prefix", async () => {
      expect(await find("q=windows")).toEqual([0, 1]);
      expect(await find("q=win 2022")).toEqual([1]);
      expect(await find("q=Hyper-V")).toEqual([1]);
      expect(await find("q=esxi 8")).toEqual([0]);
      expect(await find("q=proxmox")).toEqual([2]);
      expect(await find("q=vmxnet")).toEqual([0]);
      expect(await find("q=E1000")).toEqual([3]);
      expect(await find("q=ubuntu windows")).toEqual([]);
      expect(await find("q=zzz")).toEqual([]);
    });

    it("combines with filters, counts and facets", async () => {
      const { query } = parseBrowseQuery(new URLSearchParams("q=esxi&family=linux"));
      const page = await browseVms(db, query);
      expect(page.total).toBe(1);
      expect(page.rows[0].id).toBe(ids[3]);
      const facets = await browseFacets(db, parseBrowseQuery(new URLSearchParams("q=windows")).query);
      expect(facets.vendor.map((f) => [f.value, f.count]).sort()).toEqual([["microsoft", 1], ["vmware", 1]]);
      // The cache must not hand the unsearched counts to a search.
      const all = await browseFacets(db, parseBrowseQuery(new URLSearchParams("")).query);
      expect(all.family.find((f) => f.value === "linux")?.count).toBe(2);
      const linux = await browseFacets(db, parseBrowseQuery(new URLSearchParams("q=linux")).query);
      expect(linux.family.map((f) => f.value)).toEqual(["linux"]);
    });

    it("follows an edit: new tags and OS are found, old ones are not", async () => {
      const s = { ...SPECS[3], tags: [{ slug: "mongodb", version: "7.0", primary: true }], os: "Rocky Linux 9 (64-bit)" };
      await updateVm(db, ids[3], editToken, contribution(s));
      expect(await find("q=mongo")).toEqual([3]);
      expect(await find("q=rocky")).toEqual([3]);
      expect(await find("q=postgresql")).toEqual([]);
      expect(await find("q=red hat")).toEqual([]);
    });

    it("shows only the ticked rows with show=selected", async () => {
      expect(await find(`sel=${ids[2]},${ids[0]}&show=selected`)).toEqual([0, 2]);
      expect(await find(`sel=${ids[2]},${ids[0]}`)).toEqual([0, 1, 2, 3]);
      expect(await find(`sel=${ids[2]},${ids[0]}&show=selected&q=windows`)).toEqual([0]);
      expect(await find("show=selected")).toEqual([]);
    });

    it("uses the search index", async () => {
      await db.sql.exec("ANALYZE vm");
      let plan = "";
      await db.sql.transaction(async (tx) => {
        await tx.exec("SET LOCAL enable_seqscan = off");
        const rows = await tx.query<Record<string, string>>(`EXPLAIN SELECT id FROM vm v WHERE v.search @@ to_tsquery('simple', $1)`, ["'win':*"]);
        plan = rows.map((r) => Object.values(r)[0]).join("\n");
      });
      expect(plan).toContain("vm_search_idx");
    });
  });
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseBrowseQuery } from "@/lib/browse/query";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import { browseFacets, browseVms } from "./browse";
import type { Db } from "./client";
import { dumpFilePath, regenerateDump } from "./dump";
import { listAudit, listFlaggedVms, listProposedNames, approveName, mergeName, rejectName, createReport, dismissReports, confirmVm, moderatorDeleteVm, runAdminAction } from "./moderation";
import { getPeerStats } from "./peer-stats";
import { testTargets } from "./test-targets";
import { createVms, deleteVm, getVm, syncTaxonomy } from "./vms";
import { getWorkload, listWorkloads } from "./workloads";

const XSS = "<img src=x onerror=alert(1)>";

function contribution(opts: { vcpus?: number; memoryGiB?: number; tags?: { slug: string; primary?: boolean; version?: string }[]; suggestions?: string[] }) {
  const vm = { ...blankVm("manual"), cpu: { vcpus: opts.vcpus ?? 2, coresPerSocket: null }, memoryMiB: (opts.memoryGiB ?? 4) * 1024 };
  vm.guestOs = { id: null, family: "linux", name: "Debian 12" };
  return { contribution: contributionSchema.parse({ vm, tags: opts.tags ?? [], suggestions: opts.suggestions ?? [] }) };
}

for (const target of testTargets()) {
  describe(`moderation on ${target.name}`, () => {
    let db: Db;
    const ids: Record<string, string> = {};
    const appN = async (slug: string) => (await getPeerStats(db, [`app:${slug}`])).get(`app:${slug}`)?.n ?? 0;
    const allN = async () => (await getPeerStats(db, ["all"])).get("all")!.n;
    const listed = async (slug: string) => (await listWorkloads(db)).categories.flatMap((c) => c.apps).some((a) => a.slug === slug);
    const facetApps = async () => (await browseFacets(db, parseBrowseQuery(new URLSearchParams("")).query)).app.map((f) => f.value);
    const search = async (q: string) => (await browseVms(db, parseBrowseQuery(new URLSearchParams({ q })).query)).rows.map((r) => r.id).sort();

    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      const made = await createVms(db, [
        contribution({ tags: [{ slug: "acme-billing", primary: true }] }),
        contribution({ vcpus: 4, tags: [{ slug: "nginx", primary: true }], suggestions: ["Acme Billing"] }),
        contribution({ vcpus: 8, tags: [{ slug: "mssql", primary: true }], suggestions: [XSS] }),
        contribution({ vcpus: 6, tags: [{ slug: "nginx", primary: true }], suggestions: ["Nginx Plus"] }),
        contribution({ vcpus: 12, tags: [{ slug: "nginx-plus", primary: true }] }),
        contribution({ vcpus: 1, memoryGiB: 10 * 1024, tags: [{ slug: "nginx", primary: true }] }),
        contribution({ vcpus: 3, tags: [{ slug: "cheap-pills", primary: true }, { slug: "mssql" }] }),
      ], { editTokens: true });
      ["billingOnly", "nginxAndBilling", "xss", "nginxAndPlus", "plusOnly", "huge", "spam"].forEach((k, i) => (ids[k] = made[i].id));
      ids.hugeToken = made[5].editToken!;
    }, 120_000);
    afterAll(() => target.dispose());

    it("keeps proposed names on their own VM only: no peer group, workload, facet, search hit or workload page", async () => {
      const rec = (await getVm(db, ids.xss))!;
      expect(rec.tags.map((t) => [t.slug, t.name, t.primary])).toEqual([["mssql", "Microsoft SQL Server", true], ["img-src-x-onerror-alert-1", XSS, false]]);
      expect((await getVm(db, ids.billingOnly))!.tags.map((t) => [t.name, t.primary])).toEqual([["Acme Billing", true]]);
      expect(await appN("mssql")).toBe(1); // the VM whose primary tag is a proposed name counts in no application
      expect(await appN("acme-billing")).toBe(0);
      expect(await appN("nginx")).toBe(2); // the 10 TiB VM waits for a moderator
      expect(await listed("acme-billing")).toBe(false);
      expect(await getWorkload(db, "acme-billing")).toBeNull();
      expect(await facetApps()).not.toContain("acme-billing");
      expect(await search("acme")).toEqual([]);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-moderation-dump-"));
      try {
        await regenerateDump(db, dir);
        const lines = zlib.gunzipSync(fs.readFileSync(dumpFilePath(dir, "jsonl"))).toString("utf8");
        expect(lines.split("\n").filter(Boolean)).toHaveLength(7);
        expect(lines).toContain("Microsoft SQL Server");
        expect(lines).not.toMatch(/acme|onerror|nginx-plus|cheap-pills/i);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      expect((await listProposedNames(db)).map((p) => [p.slug, p.vmCount])).toEqual([
        ["acme-billing", 2], ["cheap-pills", 1], ["img-src-x-onerror-alert-1", 1], ["nginx-plus", 2],
      ]);
    });

    it("approves a name: its VMs join its peer group, the workloads and search", async () => {
      const before = await allN();
      await approveName(db, "acme-billing", { name: "Acme Billing Suite" });
      expect(await appN("acme-billing")).toBe(1);
      expect(await allN()).toBe(before);
      expect(await listed("acme-billing")).toBe(true);
      expect((await getWorkload(db, "acme-billing"))?.app.name).toBe("Acme Billing Suite");
      expect(await facetApps()).toContain("acme-billing");
      expect(await search("acme")).toEqual([ids.billingOnly, ids.nginxAndBilling].sort());
      await expect(approveName(db, "acme-billing")).rejects.toMatchObject({ code: "conflict" });
      await expect(approveName(db, "nginx")).rejects.toMatchObject({ code: "conflict" });
      await expect(approveName(db, "no-such-name")).rejects.toMatchObject({ code: "not_found" });
    });

    it("merges a name into an application: tags move, duplicates collapse, the name becomes an alias", async () => {
      await expect(mergeName(db, "nginx-plus", "img-src-x-onerror-alert-1")).rejects.toMatchObject({ code: "validation_error" });
      await mergeName(db, "nginx-plus", "nginx");
      expect((await getVm(db, ids.plusOnly))!.tags.map((t) => [t.slug, t.primary])).toEqual([["nginx", true]]);
      expect((await getVm(db, ids.nginxAndPlus))!.tags.map((t) => [t.slug, t.primary])).toEqual([["nginx", true]]);
      expect(await appN("nginx")).toBe(3);
      expect((await listProposedNames(db)).map((p) => p.slug)).toEqual(["cheap-pills", "img-src-x-onerror-alert-1"]);
      expect(await search("plus")).toEqual([ids.nginxAndPlus, ids.plusOnly, ids.nginxAndBilling, ids.huge].sort());
    });

    it("rejects a name: it leaves every VM, and the next tag becomes primary where it was", async () => {
      await rejectName(db, "img-src-x-onerror-alert-1");
      expect((await getVm(db, ids.xss))!.tags.map((t) => [t.slug, t.primary])).toEqual([["mssql", true]]);
      await rejectName(db, "cheap-pills");
      expect((await getVm(db, ids.spam))!.tags.map((t) => [t.slug, t.primary])).toEqual([["mssql", true]]);
      expect(await appN("mssql")).toBe(2);
      expect(await listProposedNames(db)).toEqual([]);
      await expect(rejectName(db, "img-src-x-onerror-alert-1")).rejects.toMatchObject({ code: "not_found" });
    });

    it("lists implausible and reported VMs until a moderator deals with them", async () => {
      await expect(createReport(db, "nosuchvm1", { reason: "spam", note: null })).rejects.toMatchObject({ code: "not_found" });
      await createReport(db, ids.xss, { reason: "spam", note: "an advert" });
      await createReport(db, ids.xss, { reason: "offensive", note: null });
      const flagged = await listFlaggedVms(db);
      expect(flagged.map((f) => [f.id, f.reports.map((r) => r.reason), f.implausibleReasons.length])).toEqual([
        [ids.xss, ["spam", "offensive"], 0],
        [ids.huge, [], 1],
      ]);
      expect(flagged[0].reports[0].note).toBe("an advert");
      expect(await dismissReports(db, ids.xss)).toBe(2);
      await expect(dismissReports(db, ids.xss)).rejects.toMatchObject({ code: "not_found" });

      const before = await appN("nginx");
      await confirmVm(db, ids.huge);
      expect(await appN("nginx")).toBe(before + 1);
      await expect(confirmVm(db, ids.huge)).rejects.toMatchObject({ code: "conflict" });
      expect(await listFlaggedVms(db)).toEqual([]);
    });

    it("deletes any VM through the contributor's path, peer statistics following", async () => {
      await createReport(db, ids.huge, { reason: "implausible", note: null });
      const [all, nginx] = [await allN(), await appN("nginx")];
      await runAdminAction(db, { action: "vm.delete", id: ids.huge, note: "spam" });
      expect(await getVm(db, ids.huge, { includeHidden: true })).toBeNull();
      expect([await allN(), await appN("nginx")]).toEqual([all - 1, nginx - 1]);
      expect(await listFlaggedVms(db)).toEqual([]);
      await expect(moderatorDeleteVm(db, ids.huge)).rejects.toMatchObject({ code: "not_found" });
      // The contributor's own link still needs its token.
      await expect(deleteVm(db, ids.xss, null)).rejects.toMatchObject({ code: "unauthorized" });
    });

    it("logs every action, newest first", async () => {
      const log = await listAudit(db);
      expect(log.map((e) => [e.actor, e.action, e.targetId])).toEqual([
        ["admin", "vm.delete", ids.huge],
        ["admin", "vm.confirm", ids.huge],
        ["admin", "report.dismiss", ids.xss],
        ["admin", "name.reject", "cheap-pills"],
        ["admin", "name.reject", "img-src-x-onerror-alert-1"],
        ["admin", "name.merge", "nginx-plus"],
        ["admin", "name.approve", "acme-billing"],
      ]);
      expect(log[0].detail).toBe("1 vCPU, 10485760 MiB, nginx: spam");
      expect(log[4].detail).toBe(XSS);
      expect(log[5].detail).toBe("nginx plus → nginx (nginx)");
      expect(new Date(log[0].at).getTime()).toBeGreaterThan(Date.now() - 600_000);
    });
  });
}

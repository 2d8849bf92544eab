import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { compareUnpublished, getVmComparison } from "./compare";
import { testTargets } from "./test-targets";
import { countVms, createVms, syncTaxonomy } from "./vms";
import { sampleConfig } from "@/lib/compare/testing/fixtures";

const config = sampleConfig;

function contribution(vm: NormalizedVm, app: string, version: string | null): Contribution {
  return contributionSchema.parse({ vm, tags: [{ slug: app, version, primary: true }] });
}

async function add(db: Db, count: number, vcpus: number, memoryMiB: number, app: string, version: string | null): Promise<string[]> {
  const items = Array.from({ length: count }, () => ({ contribution: contribution(config(vcpus, memoryMiB), app, version) }));
  return (await createVms(db, items)).map((c) => c.id);
}

for (const target of testTargets()) {
  describe(`getVmComparison on ${target.name}`, { timeout: 60_000 }, () => {
    let db: Db;
    let subject: string;
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      // The subject: 2 vCPUs, 8 GiB, an e1000 NIC; 19 other Exchange 2019 VMs at 4 vCPUs, 16 GiB; 5 Exchange 2016.
      [subject] = (await createVms(db, [{ contribution: contribution(config(2, 8192, "e1000"), "microsoft-exchange", "2019") }])).map((c) => c.id);
      await add(db, 19, 4, 16384, "microsoft-exchange", "2019");
      await add(db, 5, 8, 32768, "microsoft-exchange", "2016");
    }, 120_000);
    afterAll(() => target.dispose());

    it("widens from 19 same-version peers to the application and excludes the VM itself", async () => {
      const c = (await getVmComparison(db, subject))!;
      expect(c.vm.id).toBe(subject);
      expect(c.peerGroup).toMatchObject({ rule: "app", n: 24, minN: 20, key: "app:microsoft-exchange" });
      expect(c.peerGroup.considered).toEqual([
        { rule: "app-version", n: 19 },
        { rule: "app", n: 24 },
        { rule: "guest-family", n: 24 },
        { rule: "all", n: 24 },
      ]);
      expect(c.peerGroup.description).toBe("Published VMs tagged Microsoft Exchange Server, any version (n = 24)");
      const vcpus = c.metrics.find((m) => m.key === "vcpus")!;
      // Were the VM counted, the minimum would be its own 2 vCPUs and n 25.
      expect(vcpus).toMatchObject({ value: 2, n: 24, min: 4, max: 8, p50: 4, percentile: 0 });
      expect(vcpus.histogram.map((b) => [b.label, b.count])).toEqual([["4", 19], ["8", 5]]);
      expect(c.metrics.find((m) => m.key === "memoryMiB")).toMatchObject({ value: 8, p25: 16, p75: 16 });
      expect(c.scatter).toHaveLength(24);
      expect(c.scatter.some((p) => p.id === subject)).toBe(false);
      expect(c.similar.map((s) => s.id)).not.toContain(subject);
      expect(c.similar).toHaveLength(5);
      expect(c.similar[0].diffs.find((d) => d.key === "vcpus")).toMatchObject({ text: "+2 vCPUs", direction: "more", tone: "neutral" });
      expect(c.similar[0].otherDiffs).toEqual([]);
    });

    it("uses the same-version group once it has 20 peers", async () => {
      await add(db, 1, 4, 16384, "microsoft-exchange", "2019");
      const c = (await getVmComparison(db, subject))!;
      expect(c.peerGroup).toMatchObject({ rule: "app-version", n: 20, key: "appv:microsoft-exchange@2019" });
      expect(c.peerGroup.description).toBe("Published VMs tagged Microsoft Exchange Server 2019 (n = 20)");
      expect(c.metrics.find((m) => m.key === "vcpus")).toMatchObject({ n: 20, min: 4, max: 4 });
      expect(c.findings.map((f) => f.text)).toEqual([
        "This Microsoft Exchange Server VM has 2 vCPUs; 20 of 20 Microsoft Exchange Server VMs (100%) have 4 or more.",
        "This Microsoft Exchange Server VM has 8 GiB of memory; 20 of 20 Microsoft Exchange Server VMs (100%) have 16 GiB or more.",
        "20 of 20 Microsoft Exchange Server VMs (100%) use vmxnet3 NICs; this VM uses e1000.",
      ]);
      expect(c.checksRun).toBe(6);
      expect(c.checks.some((f) => /e1000/i.test(f.explanation))).toBe(true);
    });

    it("gives no findings for a group that is too small and falls back to the guest family", async () => {
      const [lonely] = await add(db, 1, 2, 4096, "nginx", null);
      const c = (await getVmComparison(db, lonely))!;
      expect(c.peerGroup).toMatchObject({ rule: "guest-family", n: 26 });
      expect(c.peerGroup.considered.map((r) => r.rule)).toEqual(["app", "guest-family", "all"]);
      expect(await getVmComparison(db, "nosuchvm1234")).toBeNull();
    });

    it("compares an unpublished configuration without storing anything", async () => {
      const before = await countVms(db, {});
      const c = await compareUnpublished(db, { vm: { ...config(2, 8192), name: "secret-host" }, tags: [{ slug: "microsoft-exchange", version: "2019", primary: true }] });
      expect(await countVms(db, {})).toBe(before);
      expect(c.vm.id).toBeNull();
      expect(JSON.stringify(c)).not.toContain("secret-host");
      // Nothing to subtract: every Exchange 2019 VM is a peer, the subject included.
      expect(c.peerGroup).toMatchObject({ rule: "app-version", n: 21 });
      expect(c.metrics.find((m) => m.key === "vcpus")).toMatchObject({ n: 21, min: 2 });
      const unsized = await compareUnpublished(db, {
        vm: { ...config(2, 8192), disks: [{ sizeGiB: null, bus: "scsi", provisioning: null }] },
        tags: [{ slug: "microsoft-exchange", version: "2019", primary: true }],
      });
      const disk = unsized.metrics.find((m) => m.key === "totalDiskGiB")!;
      expect(disk.note).toBe("1 disk of unknown size: the total disk is unknown and not compared.");
      // Unknown, not 0 GiB at the 0th percentile; the peers' distribution is still shown.
      expect(disk).toMatchObject({ value: null, percentile: null, n: 21, unknown: 0 });
      expect(unsized.vm.summary).toContain("disk size unknown");
      expect(unsized.findings.map((f) => f.metric)).not.toContain("totalDiskGiB");
      expect(unsized.findings.map((f) => f.metric)).toContain("vcpus");
      const untagged = await compareUnpublished(db, { vm: config(4, 16384), tags: [] });
      expect(untagged.app).toBeNull();
      expect(untagged.peerGroup.rule).toBe("guest-family");
    });
  });
}

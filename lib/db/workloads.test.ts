import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workloadReport } from "@/lib/reports/from-workload";
import { DUMP_COLUMNS } from "@/lib/reports/data-dictionary";
import { blankVm } from "@/lib/vm/model";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { dumpStatus, ensureFreshDump, readManifest, regenerateDump, DUMP_PAGE } from "./dump";
import { buildReport } from "@/lib/reports/build";
import { createReport, getReport, REPORT_ID } from "./reports";
import { testTargets } from "./test-targets";
import { createVms, syncTaxonomy } from "./vms";
import { getWorkload, listWorkloads } from "./workloads";

function contribution(vcpus: number, memoryGiB: number, app = "mssql", version: string | null = "2019", nic = "vmxnet3"): Contribution {
  const vm = { ...blankVm("manual"), cpu: { vcpus, coresPerSocket: 1 }, memoryMiB: memoryGiB * 1024 };
  vm.disks = [{ sizeGiB: 100, bus: "scsi", provisioning: "thin" }];
  vm.nics = [{ model: nic, network: "net-1" }];
  vm.firmware = "efi";
  vm.hypervisor = { vendor: "vmware", product: "VMware ESXi", version: "8.0" };
  vm.guestOs = { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" };
  return contributionSchema.parse({ vm, tags: [{ slug: app, version, primary: true }], context: { environment: "production", hostModel: "=HYPERLINK(1)" } });
}

for (const target of testTargets()) {
  describe(`workloads, reports and dump on ${target.name}`, () => {
    let db: Db;
    const dumpDir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-dump-"));
    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      await createVms(db, [
        ...[2, 4, 4, 8].map((v) => ({ contribution: contribution(v, v * 4), createdAt: new Date("2024-03-01T00:00:00Z") })),
        { contribution: contribution(16, 64, "mssql", "2022", "e1000"), createdAt: new Date("2025-06-01T00:00:00Z") },
        { contribution: contribution(2, 4, "isc-bind", null) },
      ]);
    });
    afterAll(async () => {
      fs.rmSync(dumpDir, { recursive: true, force: true });
      await target.dispose();
    });

    it("lists every taxonomy application by category with counts", async () => {
      const list = await listWorkloads(db);
      const db_ = list.categories.find((c) => c.id === "database")!;
      expect(db_.apps[0]).toMatchObject({ slug: "mssql", n: 5 });
      expect(db_.apps.find((a) => a.slug === "postgresql")?.n ?? 0).toBe(0);
      expect(list.total).toBe(6);
      expect(list.categories.find((c) => c.id === "dns-dhcp")!.n).toBe(1);
    });

    it("summarizes a workload from the peer statistics", async () => {
      const w = (await getWorkload(db, "mssql"))!;
      expect(w.n).toBe(5);
      expect(w.metrics.find((m) => m.key === "vcpus")).toMatchObject({ min: 2, p25: 4, median: 4, p75: 8, max: 16 });
      expect(w.metrics.find((m) => m.key === "memoryMiB")).toMatchObject({ median: 16, max: 64 });
      expect(w.versions).toEqual([{ version: "2019", n: 4 }, { version: "2022", n: 1 }]);
      expect(w.splits.nicModel.map((r) => [r.key, r.count])).toEqual([["vmxnet3", 4], ["e1000", 1]]);
      expect(w.trend).toEqual([
        { year: "2024", n: 4, vcpusMedian: 4, memoryGiBMedian: 16 },
        { year: "2025", n: 1, vcpusMedian: 16, memoryGiBMedian: 64 },
      ]);
    });

    it("returns an empty workload for a known app without VMs and null for an unknown slug", async () => {
      expect((await getWorkload(db, "postgresql"))!.n).toBe(0);
      expect(await getWorkload(db, "no-such-app")).toBeNull();
      expect(await getWorkload(db, "../etc")).toBeNull();
    });

    it("keeps a permalink's numbers as they were when more VMs arrive", async () => {
      const before = workloadReport((await getWorkload(db, "mssql"))!);
      const { id } = await createReport(db, before);
      expect(id).toMatch(REPORT_ID);
      await createVms(db, [32, 32, 32].map((v) => ({ contribution: contribution(v, 128) })));
      const live = workloadReport((await getWorkload(db, "mssql"))!);
      expect(live.subjects[0].peerGroup!.n).toBe(8);
      const stored = (await getReport(db, id))!;
      expect(stored.report).toEqual(before);
      expect(stored.report.subjects[0].peerGroup!.n).toBe(5);
      expect(stored).toMatchObject({ kind: "workload", isPrivate: false });
      expect(await getReport(db, id.slice(0, -1) + (id.endsWith("a") ? "b" : "a"))).toBeNull();
      expect(await getReport(db, "short")).toBeNull();
    });

    it("builds VM, side-by-side and private reports from live comparisons", async () => {
      const ids = (await db.prisma.vm.findMany({ where: { primaryApp: "mssql" }, select: { id: true }, orderBy: { id: "asc" }, take: 2 })).map((v) => v.id);
      const vm = (await buildReport(db, { kind: "vm", id: ids[0] }))!;
      expect(vm).toMatchObject({ kind: "vm", url: `/vms/${ids[0]}` });
      expect(vm.metrics).toHaveLength(5);
      expect(vm.subjects[0].peerGroup!.n).toBeGreaterThan(0);
      expect(await buildReport(db, { kind: "vm", id: "nosuchvm1234" })).toBeNull();
      const sbs = (await buildReport(db, { kind: "side-by-side", ids, base: ids[0] }))!;
      expect(sbs.metrics.filter((m) => m.baseline !== null)).toHaveLength(5);
      await expect(buildReport(db, { kind: "side-by-side", ids: [ids[0], "nosuchvm1234"], base: null })).rejects.toThrow(/nosuchvm1234/);
      await expect(buildReport(db, { kind: "side-by-side", ids, base: "otherbase123" })).rejects.toThrow(/base/);
      const priv = (await buildReport(db, {
        kind: "private", vm: contribution(6, 48).vm, tags: [{ slug: "mssql", version: null, primary: true }], context: null,
        include: { values: false, configuration: false, checks: false },
      }))!;
      expect(priv).toMatchObject({ kind: "private", url: null });
      expect(priv.metrics.every((m) => m.value === null)).toBe(true);
    });

    it("marks private reports as private", async () => {
      const r = { ...workloadReport((await getWorkload(db, "mssql"))!), kind: "private" as const, url: null };
      const { id } = await createReport(db, r);
      expect((await getReport(db, id))!.isPrivate).toBe(true);
    });

    it("dumps every published VM as gzipped CSV and JSON Lines, paged by id", async () => {
      // More VMs than one page, so the keyset paging is exercised.
      const many = Array.from({ length: DUMP_PAGE + 5 }, (_, i) => ({ contribution: contribution(1 + (i % 8), 8) }));
      await createVms(db, many);
      const total = await db.prisma.vm.count({ where: { status: "published" } });
      expect(ensureFreshDump(db, dumpDir).progress.state).toBe("running");
      const manifest = await regenerateDump(db, dumpDir);
      expect(manifest.rows).toBe(total);
      expect(readManifest(dumpDir)).toEqual(manifest);
      expect(dumpStatus(dumpDir)).toMatchObject({ stale: false, progress: { state: "idle", done: total, total } });

      const csv = zlib.gunzipSync(fs.readFileSync(path.join(dumpDir, "vms.csv.gz"))).toString("utf8");
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.meta.fields).toEqual(DUMP_COLUMNS.map((c) => c.name));
      expect(parsed.data).toHaveLength(total);
      expect(new Set(parsed.data.map((r) => r.id)).size).toBe(total);
      const big = parsed.data.find((r) => r.vcpus === "16")!;
      expect(big).toMatchObject({ primary_app: "mssql", primary_app_version: "2022", memory_mib: "65536", nic_models: "e1000", firmware: "efi", host_model: "'=HYPERLINK(1)" });

      const lines = zlib.gunzipSync(fs.readFileSync(path.join(dumpDir, "vms.jsonl.gz"))).toString("utf8").trim().split("\n");
      expect(lines).toHaveLength(total);
      const first = JSON.parse(lines[0]);
      expect(first).toHaveProperty("vm.cpu.vcpus");
      expect(first).not.toHaveProperty("fingerprint");
      expect(first.vm.name).toBeNull();
      expect(ensureFreshDump(db, dumpDir).progress.state).toBe("idle");
    });
  });
}

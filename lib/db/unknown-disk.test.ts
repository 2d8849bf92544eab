import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unknownCount } from "@/lib/compare/frequency";
import { orderBySql, parseBrowseQuery } from "@/lib/browse/query";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import { browseVms } from "./browse";
import { closeDb, getDb, type Db } from "./client";
import { compareUnpublished, getVmComparison } from "./compare";
import { pendingMaintenance, runPendingMaintenance } from "./maintenance";
import { applyMigrations, listMigrations, migrationsDir, type SqlDriver } from "./migrate";
import { getPeerStats } from "./peer-stats";
import { createVms, getVm, syncTaxonomy } from "./vms";

/*
 * "Unknown is never zero" against a real database, on PGlite and on
 * PostgreSQL (TEST_DATABASE_URL): the migration that turns stored zeros into
 * NULL and asks for the peer statistics to be rebuilt, the insert path, the
 * browse order, and the comparison's "left out" count.
 */
const MIGRATION = "20261204150000_unknown_disk_null";

/** A copy of the migrations folder holding only those before MIGRATION: the database as the old code left it. */
function migrationsBefore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-old-migrations-"));
  for (const m of listMigrations()) {
    if (m.name >= MIGRATION) continue;
    fs.mkdirSync(path.join(dir, m.name));
    fs.copyFileSync(path.join(migrationsDir(), m.name, "migration.sql"), path.join(dir, m.name, "migration.sql"));
  }
  return dir;
}

/** Rows as the old code wrote them: unknown disk sizes as 0, totals as the sum with unknown counted as 0. */
const OLD_ROWS = `
  INSERT INTO vm (id, source_format, vcpus, memory_mib, total_disk_gib, disk_count, nic_count, guest_family, primary_app, nic_models, fingerprint, updated_at)
  VALUES ('oldnodisks', 'rvtools', 2, 4096, 0, 0, 0, 'linux', NULL, '{}', 'f1', now()),
         ('oldzeroes', 'rvtools', 2, 4096, 0, 2, 0, 'linux', NULL, '{}', 'f2', now()),
         ('oldpartial', 'rvtools', 2, 4096, 100, 2, 0, 'linux', NULL, '{}', 'f3', now()),
         ('oldknown', 'rvtools', 2, 4096, 50, 1, 0, 'linux', NULL, '{}', 'f4', now());
  INSERT INTO vm_disk (vm_id, position, size_gib) VALUES
    ('oldzeroes', 0, 0), ('oldzeroes', 1, 0), ('oldpartial', 0, 100), ('oldpartial', 1, 0), ('oldknown', 0, 50);
  INSERT INTO peer_stats (key, n, stats, updated_at) VALUES ('all', 4, '{"n":4,"metrics":{"vcpus":{"2":4},"memoryMiB":{"4096":4},"totalDiskGiB":{"0":2,"100":1,"50":1},"diskCount":{"0":1,"2":2,"1":1},"nicCount":{"0":4}},"splits":{"hypervisor":{"unknown":4},"guestOs":{"linux":4},"nicModel":{"none":4},"firmware":{"unknown":4},"year":{"2026":4}},"byYear":{"2026":{"vcpus":{"2":4},"memoryMiB":{"4096":4}}}}', now());
  INSERT INTO estate (id, name, edit_token_hash) VALUES ('est1', 'lab', 'h');
  INSERT INTO estate_import (id, estate_id, seq, totals, summary) VALUES ('imp1', 'est1', 1, '{}', '{}');
  INSERT INTO estate_member (estate_id, match_key, vm_id, config, import_id) VALUES
    ('est1', 'k1', 'oldpartial', '{"disks":[{"sizeGiB":100,"bus":null,"provisioning":null},{"sizeGiB":0,"bus":"scsi","provisioning":null}]}', 'imp1');
`;

interface OldTarget {
  name: "pglite" | "postgresql";
  /** Creates the database with the migrations before MIGRATION and OLD_ROWS, without the app's own opener. */
  prepareOld(): Promise<void>;
  open(): Promise<Db>;
  dispose(): Promise<void>;
}

function pgliteOld(): OldTarget {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-pglite-old-"));
  const target = { kind: "pglite" as const, dir };
  return {
    name: "pglite",
    async prepareOld() {
      const { PGlite } = await import("@electric-sql/pglite");
      const pg = new PGlite(path.join(dir, "pgdata"));
      type Tx = { exec(s: string): Promise<unknown>; query<T>(s: string, p?: unknown[]): Promise<{ rows: T[] }> };
      const wrap = (tx: Tx): SqlDriver => ({
        exec: async (s) => void (await tx.exec(s)),
        query: async <T,>(s: string, p?: unknown[]) => (await tx.query<T>(s, p)).rows,
        transaction: (fn) => pg.transaction((t) => fn(wrap(t as unknown as Tx))) as Promise<void>,
      });
      await applyMigrations(wrap(pg as unknown as Tx), migrationsBefore());
      await pg.exec(OLD_ROWS);
      await pg.close();
    },
    open: () => getDb(target),
    async dispose() {
      await closeDb(target);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresOld(adminUrl: string): OldTarget {
  const dbName = `vmc_unknown_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  const target = { kind: "postgresql" as const, url: u.toString() };
  const client = async (url: string) => {
    const { Client } = await import("pg");
    const c = new Client({ connectionString: url });
    await c.connect();
    return c;
  };
  let created = false;
  return {
    name: "postgresql",
    async prepareOld() {
      const admin = await client(adminUrl);
      await admin.query(`CREATE DATABASE ${dbName}`).finally(() => admin.end());
      created = true;
      const c = await client(target.url);
      try {
        const driver: SqlDriver = {
          exec: async (s) => void (await c.query(s)),
          query: async <T,>(s: string, p?: unknown[]) => (await c.query(s, p as unknown[])).rows as T[],
          async transaction(fn) {
            await c.query("BEGIN");
            try {
              await fn(driver);
              await c.query("COMMIT");
            } catch (e) {
              await c.query("ROLLBACK");
              throw e;
            }
          },
        };
        await applyMigrations(driver, migrationsBefore());
        await c.query(OLD_ROWS);
      } finally {
        await c.end();
      }
    },
    open: () => getDb(target),
    async dispose() {
      await closeDb(target);
      if (!created) return;
      const admin = await client(adminUrl);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).finally(() => admin.end());
    },
  };
}

function oldTargets(): OldTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the PostgreSQL tests may not be skipped");
  return [pgliteOld(), ...(url ? [postgresOld(url)] : [])];
}

function vmWith(disks: (number | null)[], vcpus = 2, memoryMiB = 4096): NormalizedVm {
  return {
    ...blankVm("manual"),
    cpu: { vcpus, coresPerSocket: 1 },
    memoryMiB,
    disks: disks.map((sizeGiB) => ({ sizeGiB, bus: "scsi" as const, provisioning: null })),
    nics: [{ model: "vmxnet3", network: "net-1" }],
    guestOs: { id: null, family: "linux", name: null },
  };
}

const contribution = (vm: NormalizedVm) => contributionSchema.parse({ vm, tags: [{ slug: "nginx", version: null, primary: true }] });

for (const target of oldTargets()) {
  describe(`unknown disk sizes on ${target.name}`, { timeout: 120_000 }, () => {
    let db: Db;
    beforeAll(async () => {
      await target.prepareOld();
      db = await target.open();
      await syncTaxonomy(db);
    }, 180_000);
    afterAll(() => target.dispose());

    it("migrates stored zeros that meant unknown to NULL and keeps known totals", async () => {
      const rows = await db.sql.query<{ id: string; total_disk_gib: number | null }>(`SELECT id, total_disk_gib FROM vm ORDER BY id`);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.total_disk_gib == null ? null : Number(r.total_disk_gib)]))).toEqual({
        oldknown: 50, oldnodisks: null, oldpartial: null, oldzeroes: null,
      });
      const disks = await db.sql.query<{ vm_id: string; size_gib: number | null }>(`SELECT vm_id, size_gib FROM vm_disk ORDER BY vm_id, position`);
      expect(disks.map((d) => [d.vm_id, d.size_gib == null ? null : Number(d.size_gib)])).toEqual([
        ["oldknown", 50], ["oldpartial", 100], ["oldpartial", null], ["oldzeroes", null], ["oldzeroes", null],
      ]);
      const [member] = await db.sql.query<{ config: { disks: { sizeGiB: number | null; bus: string | null }[] } }>(`SELECT config FROM estate_member`);
      expect(member.config.disks).toEqual([{ sizeGiB: 100, bus: null, provisioning: null }, { sizeGiB: null, bus: "scsi", provisioning: null }]);
      const rec = await getVm(db, "oldpartial");
      expect(rec!.vm.totalDiskGiB).toBeNull();
      expect(rec!.vm.disks.map((d) => d.sizeGiB)).toEqual([100, null]);
    });

    it("rebuilds the peer statistics once, at the next start, without the zeros", async () => {
      expect(await pendingMaintenance(db)).toEqual(["rebuild-peer-stats"]);
      // Still the old counts until the start-up work runs.
      expect((await getPeerStats(db, ["all"])).get("all")!.metrics.totalDiskGiB).toEqual({ "0": 2, "100": 1, "50": 1 });
      expect(await runPendingMaintenance(db)).toEqual(["rebuild-peer-stats"]);
      const all = (await getPeerStats(db, ["all"])).get("all")!;
      expect(all.n).toBe(4);
      expect(all.metrics.totalDiskGiB).toEqual({ "50": 1 });
      expect(unknownCount(all, "totalDiskGiB")).toBe(3);
      expect(all.metrics.vcpus).toEqual({ "2": 4 });
      expect(await pendingMaintenance(db)).toEqual([]);
      expect(await runPendingMaintenance(db)).toEqual([]);
    });

    it("writes NULL for an unknown total and for a 0 GiB disk on insert", async () => {
      const [a, b, c] = await createVms(db, [
        { contribution: contribution(vmWith([null, 20])) },
        { contribution: contribution(vmWith([0])) },
        { contribution: contribution({ ...vmWith([null, null]), totalDiskGiB: 300 }) },
      ]);
      const rows = await db.sql.query<{ id: string; total_disk_gib: number | null }>(
        `SELECT id, total_disk_gib FROM vm WHERE id = ANY($1::text[])`, [[a.id, b.id, c.id]],
      );
      const total = new Map(rows.map((r) => [r.id, r.total_disk_gib == null ? null : Number(r.total_disk_gib)]));
      expect([total.get(a.id), total.get(b.id), total.get(c.id)]).toEqual([null, null, 300]);
      expect((await getVm(db, b.id))!.vm.disks[0].sizeGiB).toBeNull();
      // A stated total survives per-disk sizes that are unknown (RVTools "Total disk capacity MiB").
      expect((await getVm(db, c.id))!.vm.totalDiskGiB).toBe(300);
    });

    it("sorts unknown totals last in both directions and leaves them out of numeric disk filters", async () => {
      const order = async (qs: string) => (await browseVms(db, parseBrowseQuery(new URLSearchParams(qs)).query)).rows.map((r) => r.totalDiskGib);
      const asc = await order("sort=disk&dir=asc&size=100");
      const desc = await order("sort=disk&dir=desc&size=100");
      const firstNull = (xs: (number | null)[]) => xs.indexOf(null);
      expect(asc.slice(0, firstNull(asc))).toEqual([50, 300]);
      expect(asc.slice(firstNull(asc)).every((x) => x === null)).toBe(true);
      expect(desc.slice(0, firstNull(desc))).toEqual([300, 50]);
      expect(desc.slice(firstNull(desc)).every((x) => x === null)).toBe(true);
      expect(asc.filter((x) => x === null)).toHaveLength(5);
      // "<=100" and "!=" style ranges never match an unknown total as if it were 0.
      expect(await order("disk=<=100&size=100")).toEqual([50]);
      expect(await order("disk=0..1000&sort=disk&dir=asc&size=100")).toEqual([50, 300]);
    });

    it("serves both disk sort directions, NULLS LAST, from an index without a sort step", async () => {
      const plan = async (dir: "asc" | "desc") => {
        let text = "";
        await db.sql.transaction(async (tx) => {
          // A handful of rows would be sorted in memory; forbid that to see which index can serve the order.
          await tx.exec("SET LOCAL enable_sort = off; SET LOCAL enable_seqscan = off");
          const rows = await tx.query<{ "QUERY PLAN": string }>(
            `EXPLAIN SELECT v.id FROM vm v WHERE v.status = 'published' ORDER BY ${orderBySql("disk", dir)} LIMIT 25`,
          );
          text = rows.map((r) => r["QUERY PLAN"]).join("\n");
        });
        return text;
      };
      const asc = await plan("asc");
      expect(asc).toContain("vm_status_total_disk_gib_id_idx");
      expect(asc).not.toMatch(/\bSort\b/);
      const desc = await plan("desc");
      expect(desc).toContain("vm_sort_total_disk_gib_desc_idx");
      expect(desc).not.toMatch(/\bSort\b/);
    });

    it("leaves peers without disk sizes out of the disk percentile and says how many", async () => {
      // 20 nginx peers: 12 with a known total, 8 without; the subject has 40 GiB.
      await createVms(db, [
        ...Array.from({ length: 12 }, (_, i) => ({ contribution: contribution(vmWith([10 * (i + 1)])) })),
        ...Array.from({ length: 8 }, () => ({ contribution: contribution(vmWith([null])) })),
      ]);
      const [subject] = await createVms(db, [{ contribution: contribution(vmWith([40])) }]);
      const c = (await getVmComparison(db, subject.id))!;
      const disk = c.metrics.find((m) => m.key === "totalDiskGiB")!;
      const nginxUnknown = 8 + 2; // the eight above and two VMs of the insert test
      expect(c.peerGroup.n).toBe(12 + nginxUnknown + 1 /* the stated-total VM */);
      expect(disk.unknown).toBe(nginxUnknown);
      expect(disk.n).toBe(13);
      expect(disk.histogram.reduce((s, b) => s + b.count, 0)).toBe(13);
      expect(disk.min).toBe(10);
      // 10, 20, 30 below; 40 equal: (3 + 0.5) / 13.
      expect(disk.percentile).toBeCloseTo((3.5 / 13) * 100, 9);
      expect(JSON.stringify(c.findings)).not.toMatch(/\b0 GiB/);

      // A configuration whose disk size is unknown: no percentile, no disk finding, similar VMs never "+40 GiB".
      const mine = await compareUnpublished(db, { vm: vmWith([null]), tags: [{ slug: "nginx", version: null, primary: true }] });
      const own = mine.metrics.find((m) => m.key === "totalDiskGiB")!;
      // Every published nginx VM is a peer now, the 40 GiB subject included; the configuration itself is not stored.
      expect(own).toMatchObject({ value: null, percentile: null, n: 14, unknown: nginxUnknown });
      expect(mine.findings.some((f) => f.metric === "totalDiskGiB")).toBe(false);
      expect(mine.similar.length).toBeGreaterThan(0);
      for (const s of mine.similar) expect(s.diffs.find((d) => d.key === "totalDiskGiB")!.text).toBe("unknown");
      expect(JSON.stringify(mine)).not.toMatch(/\b0 GiB/);
    });
  });
}

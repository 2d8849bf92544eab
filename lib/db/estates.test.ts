import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deriveRvtoolsEnvironment, generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment,
} from "@/bench/fixtures-gen/rvtools-workbook";
import { parseFile } from "@/lib/formats/index";
import type { ParsedVm } from "@/lib/vm/parsed";
import { isAppError } from "@/lib/errors/app-error";
import type { Db } from "./client";
import { createEstate, deleteEstate, getEstate, importIntoEstate } from "./estates";
import { testTargets } from "./test-targets";
import { syncTaxonomy } from "./vms";

const BASE = generateRvtoolsEnvironment({ vms: 40, seed: 1125 });
const NEXT = deriveRvtoolsEnvironment(BASE, { add: 3, remove: 2, change: 5, seed: 77 });

async function parseEnv(env: RvtoolsEnvironment, fileName: string): Promise<ParsedVm[]> {
  return parseFile({ fileName, data: await writeRvtoolsWorkbook(env) }).vms;
}

/** Every identifying value the generator put into either workbook. */
function identifyingValues(...envs: RvtoolsEnvironment[]): string[] {
  const out = new Set<string>();
  for (const env of envs) {
    out.add(env.vcenter);
    out.add(env.vcenterUuid);
    for (const vm of env.vms) {
      for (const v of [vm.name, vm.uuid, vm.smbiosUuid, vm.dnsName, vm.primaryIp, vm.path, vm.host]) if (v) out.add(v);
      for (const d of vm.disks) out.add(d.uuid);
      for (const n of vm.nics) out.add(n.mac);
    }
  }
  return [...out];
}

async function dumpAllTables(db: Db): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
    parts.push(...rows.map((r) => r.j));
  }
  return parts.join("\n").toLowerCase();
}

async function expectError(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect(isAppError(e) ? e.code : e).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

const TAGGING = { default: "nginx", byFamily: { windows: "mssql" } };

for (const target of testTargets()) {
  describe(`estates on ${target.name}`, () => {
    let db: Db;
    let first: ParsedVm[];
    let second: ParsedVm[];

    beforeAll(async () => {
      db = await target.open();
      await syncTaxonomy(db);
      first = await parseEnv(BASE, "acme-prod.xlsx");
      second = await parseEnv(NEXT.env, "acme-prod-2.xlsx");
    }, 120_000);
    afterAll(async () => {
      await target.dispose();
    });

    it("shows exactly the VMs added, removed and changed between two imports, and stores nothing identifying", async () => {
      const created = await createEstate(db, { name: "Lab estate", parsed: first, tagging: TAGGING });
      expect(created.import.summary).toEqual({ added: 40, removed: 0, changed: 0, unchanged: 0 });
      expect(created.import.seq).toBe(1);
      expect(await db.prisma.vm.count({ where: { id: { in: created.import.added.map((a) => a.vmId) } } })).toBe(40);

      const diff = await importIntoEstate(db, created.id, created.editToken, { parsed: second });
      expect(diff.seq).toBe(2);
      expect(diff.summary).toEqual({ added: 3, removed: 2, changed: 5, unchanged: 33 });

      const nameOf = (env: RvtoolsEnvironment, uuid: string) => env.vms.find((v) => v.uuid === uuid)!.name;
      expect(diff.added.map((a) => a.label).sort()).toEqual(NEXT.added.map((u) => nameOf(NEXT.env, u)).sort());
      expect(diff.changed.map((c) => c.label).sort()).toEqual(NEXT.changed.map((u) => nameOf(NEXT.env, u)).sort());

      // The generator doubles CPU and memory and grows the first disk by 20 GiB.
      for (const c of diff.changed) {
        const before = BASE.vms.find((v) => v.name === c.label)!;
        const cpu = c.changes.find((x) => x.field === "cpu.vcpus")!;
        expect([cpu.from, cpu.to]).toEqual([String(before.cpus), String(before.cpus * 2)]);
        expect(c.changes.find((x) => x.field === "memoryMiB")).toBeTruthy();
        expect(c.changes.find((x) => x.field === "disks.0.sizeGiB")?.to).toBe(`${before.disks[0].capacityMiB / 1024 + 20} GiB`);
        expect(c.text).toContain(`vCPU ${before.cpus} → ${before.cpus * 2}`);
        const stored = await db.prisma.vm.findUniqueOrThrow({ where: { id: c.vmId! } });
        expect(stored.vcpus).toBe(before.cpus * 2);
        expect(stored.memoryMib).toBe(before.memoryMiB * 2);
        const totalGiB = before.disks.reduce((t, d) => t + d.capacityMiB / 1024, 0) + 20;
        expect(stored.totalDiskGib).toBeCloseTo(totalGiB, 2);
        expect(stored.nicModels).toEqual([...new Set(before.nics.map((n) => n.adapter.toLowerCase()))].sort());
        expect(stored.updatedAt.getTime()).toBeGreaterThan(stored.createdAt.getTime());
      }

      // Removed VMs are gone from the site, with the configurations they had.
      const removedBefore = NEXT.removed.map((u) => BASE.vms.find((v) => v.uuid === u)!);
      expect(diff.removed.map((r) => r.vcpus).sort()).toEqual(removedBefore.map((v) => v.cpus).sort());
      expect(await db.prisma.vm.count({ where: { id: { in: diff.removed.map((r) => r.vmId!) } } })).toBe(0);
      expect(await db.prisma.vm.count({ where: { id: { in: diff.added.map((a) => a.vmId) } } })).toBe(3);

      const sum = (env: RvtoolsEnvironment) => env.vms.reduce((s, v) => s + v.cpus, 0);
      expect(diff.previousTotals?.vcpus).toBe(sum(BASE));
      expect(diff.totals.vcpus).toBe(sum(NEXT.env));
      expect(diff.totals.vms).toBe(41);
      expect(diff.delta.vms).toBe(1);

      // Tags follow the choice: SQL servers in the generator are the Windows VMs.
      const added = await db.prisma.vm.findMany({ where: { id: { in: diff.added.map((a) => a.vmId) } }, select: { guestFamily: true, primaryApp: true } });
      for (const a of added) expect(a.primaryApp).toBe(a.guestFamily === "windows" ? "mssql" : "nginx");

      const view = await getEstate(db, created.id, created.editToken);
      expect(view.name).toBe("Lab estate");
      expect(view.imports.map((i) => [i.seq, i.totals.vms, i.summary.added, i.summary.removed, i.summary.changed])).toEqual([
        [1, 40, 40, 0, 0],
        [2, 41, 3, 2, 5],
      ]);
      expect(view.memberCount).toBe(41);
      expect(view.members.every((m) => m.vmId)).toBe(true);
      expect(view.tagging).toEqual({ default: "nginx", byFamily: { windows: "mssql" } });

      const dump = await dumpAllTables(db);
      expect(dump).toContain("lab estate");
      const leaked = identifyingValues(BASE, NEXT.env).filter((v) => dump.includes(v.toLowerCase()));
      expect(leaked).toEqual([]);
      expect(dump).not.toContain(created.editToken.toLowerCase());

      // The same export again: nothing changed, and the keys matched every VM.
      const again = await importIntoEstate(db, created.id, created.editToken, { parsed: second });
      expect(again.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 41 });
      expect(await db.prisma.vm.count({ where: { id: { in: view.members.map((m) => m.vmId!) } } })).toBe(41);
    }, 120_000);

    it("refuses a missing, wrong or unknown estate token, and deletes an estate with its VMs", async () => {
      const created = await createEstate(db, { name: "Small", parsed: first.slice(0, 3), tagging: { default: "nginx" } });
      const other = await createEstate(db, { name: "Other", parsed: first.slice(3, 5), tagging: { default: "nginx" } });
      await expectError(getEstate(db, created.id, null), "unauthorized");
      await expectError(getEstate(db, created.id, other.editToken), "forbidden");
      await expectError(importIntoEstate(db, created.id, other.editToken, { parsed: first.slice(0, 3) }), "forbidden");
      await expectError(getEstate(db, "nosuchestate", created.editToken), "not_found");
      await expectError(importIntoEstate(db, created.id, created.editToken, { parsed: [] }), "validation_error");
      await expectError(createEstate(db, { name: " ", parsed: first, tagging: { default: "nginx" } }), "validation_error");
      await expectError(createEstate(db, { name: "x", parsed: first, tagging: { default: "not-an-app" } }), "validation_error");

      // The same VMs under another estate's token get other keys.
      const keysOf = async (estateId: string) => (await db.prisma.estateMember.findMany({ where: { estateId } })).map((m) => m.matchKey);
      const k1 = await keysOf(created.id);
      const k3 = await keysOf((await createEstate(db, { name: "Again", parsed: first.slice(0, 3), tagging: { default: "nginx" } })).id);
      expect(k1).toHaveLength(3);
      expect(k1.filter((k) => k3.includes(k))).toEqual([]);

      const vmIds = created.import.added.map((a) => a.vmId);
      expect(await deleteEstate(db, created.id, created.editToken)).toBe(3);
      expect(await db.prisma.vm.count({ where: { id: { in: vmIds } } })).toBe(0);
      expect(await db.prisma.estateMember.count({ where: { estateId: created.id } })).toBe(0);
      await expectError(getEstate(db, created.id, created.editToken), "not_found");
    }, 120_000);
  });
}

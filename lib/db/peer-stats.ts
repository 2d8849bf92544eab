import "server-only";
import { applyPoint, emptyGroupStats, mergeGroupStats, type GroupPoint, type GroupStats } from "@/lib/compare/frequency";
import type { Db } from "./client";
import type { SqlTx } from "./sql-tx";

/** The peer groups a published VM belongs to. */
export function peerKeys(v: { primaryApp: string | null; primaryAppVersion: string | null; guestFamily: string | null }): string[] {
  const keys = ["all", `family:${v.guestFamily ?? "unknown"}`];
  if (v.primaryApp) {
    keys.push(`app:${v.primaryApp}`);
    if (v.primaryAppVersion) keys.push(`appv:${v.primaryApp}@${v.primaryAppVersion.toLowerCase()}`);
  }
  return keys;
}

export interface StatsRow {
  primaryApp: string | null;
  primaryAppVersion: string | null;
  guestFamily: string | null;
  vcpus: number;
  memoryMib: number;
  totalDiskGib: number | null;
  diskCount: number;
  nicCount: number;
  hypervisorProduct: string | null;
  hypervisorVendor: string | null;
  firmware: string | null;
  nicModels: string[];
  createdAt: Date;
  implausibleReasons: string[];
  plausibilityConfirmedAt: Date | null;
}

/**
 * An implausible VM (lib/vm/plausibility.ts) counts in no peer group until a moderator confirms it:
 * one contributor's typo must not move everyone's percentiles. PEER_COUNTED_SQL is the same test for
 * queries on the vm table.
 */
export function countsInPeerStats(r: Pick<StatsRow, "implausibleReasons" | "plausibilityConfirmedAt">): boolean {
  return r.implausibleReasons.length === 0 || r.plausibilityConfirmedAt != null;
}
export const PEER_COUNTED_SQL = `(coalesce(cardinality(implausible_reasons), 0) = 0 OR plausibility_confirmed_at IS NOT NULL)`;

export function groupPoint(r: StatsRow): GroupPoint {
  return {
    vcpus: r.vcpus,
    memoryMiB: r.memoryMib,
    totalDiskGiB: r.totalDiskGib,
    diskCount: r.diskCount,
    nicCount: r.nicCount,
    hypervisor: r.hypervisorProduct ?? r.hypervisorVendor,
    guestOs: r.guestFamily,
    firmware: r.firmware,
    nicModels: r.nicModels,
    year: r.createdAt.getUTCFullYear(),
  };
}

/** Collects per-key deltas for a batch of added (+1) and removed (-1) VMs. */
export class PeerStatsDelta {
  readonly deltas = new Map<string, GroupStats>();
  add(r: StatsRow, sign: 1 | -1): void {
    if (!countsInPeerStats(r)) return;
    const p = groupPoint(r);
    for (const k of peerKeys(r)) {
      let d = this.deltas.get(k);
      if (!d) this.deltas.set(k, (d = emptyGroupStats()));
      applyPoint(d, p, sign, true);
    }
  }
  /**
   * Applies the deltas inside the caller's transaction, in two statements
   * whatever the number of groups: their rows are read and locked (in key
   * order, the same in every writer), merged here, and written back.
   */
  async apply(tx: SqlTx): Promise<void> {
    if (!this.deltas.size) return;
    const keys = [...this.deltas.keys()].sort();
    const rows = await tx.$queryRawUnsafe<{ key: string; stats: GroupStats }[]>(
      `SELECT key, stats FROM peer_stats WHERE key IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY key FOR UPDATE`,
      JSON.stringify(keys),
    );
    const stored = new Map(rows.map((r) => [r.key, r.stats]));
    const merged = keys.map((key) => {
      const stats = mergeGroupStats(stored.get(key) ?? emptyGroupStats(), this.deltas.get(key)!);
      return { key, n: stats.n, stats };
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO peer_stats (key, n, stats, updated_at)
       SELECT key, n, stats, now() AT TIME ZONE 'UTC' FROM jsonb_to_recordset($1::jsonb) AS r(key text, n int, stats jsonb)
       ON CONFLICT (key) DO UPDATE SET n = excluded.n, stats = excluded.stats, updated_at = excluded.updated_at`,
      JSON.stringify(merged),
    );
  }
}

const STATS_SELECT = {
  primaryApp: true, primaryAppVersion: true, guestFamily: true, vcpus: true, memoryMib: true, totalDiskGib: true,
  diskCount: true, nicCount: true, hypervisorProduct: true, hypervisorVendor: true, firmware: true, nicModels: true, createdAt: true,
  implausibleReasons: true, plausibilityConfirmedAt: true,
} as const;
export { STATS_SELECT };

/** Recomputes every group from the VMs (after seeding, or to repair). */
export async function rebuildPeerStats(db: Db): Promise<number> {
  const delta = new PeerStatsDelta();
  let cursor: string | undefined;
  for (;;) {
    const page = await db.prisma.vm.findMany({
      where: { status: "published" },
      select: { id: true, ...STATS_SELECT },
      orderBy: { id: "asc" },
      take: 5000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const r of page) delta.add(r, 1);
    if (page.length < 5000) break;
    cursor = page[page.length - 1].id;
  }
  await db.prisma.$transaction(
    async (tx) => {
      await tx.peerStats.deleteMany({});
      await delta.apply(tx);
    },
    { timeout: 600_000, maxWait: 60_000 },
  );
  return delta.deltas.size;
}

export async function getPeerStats(db: Db, keys: string[]): Promise<Map<string, GroupStats>> {
  const rows = await db.prisma.peerStats.findMany({ where: { key: { in: keys } } });
  return new Map(rows.map((r) => [r.key, r.stats as unknown as GroupStats]));
}

export async function allAppStats(db: Db): Promise<{ slug: string; n: number; stats: GroupStats }[]> {
  const rows = await db.prisma.peerStats.findMany({ where: { key: { startsWith: "app:" } }, orderBy: { n: "desc" } });
  return rows.map((r) => ({ slug: r.key.slice(4), n: r.n, stats: r.stats as unknown as GroupStats }));
}

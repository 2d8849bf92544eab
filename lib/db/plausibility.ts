import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { plausibilityReasons, reasonMessages } from "@/lib/vm/plausibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "./client";
import { PeerStatsDelta, rebuildPeerStats, STATS_SELECT } from "./peer-stats";
import { keptConfirmation, RECORD_INCLUDE, toRecord } from "./vms";

/**
 * Moderation of implausible VMs: they are stored with their reasons and left
 * out of peer statistics until a moderator confirms them, in /admin or with
 * `npm run db:plausibility` (lib/db/moderation.ts calls these).
 */
export interface PendingVm {
  id: string;
  createdAt: string;
  reasons: string[];
}

/** Implausible VMs that no moderator has confirmed, oldest first. */
export async function listUnconfirmedImplausible(db: Db, limit = 100): Promise<PendingVm[]> {
  const rows = await db.prisma.vm.findMany({
    where: { implausibleReasons: { isEmpty: false }, plausibilityConfirmedAt: null },
    select: { id: true, createdAt: true, implausibleReasons: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString().slice(0, 10), reasons: r.implausibleReasons }));
}

/** A moderator confirms an implausible VM: it joins the peer statistics from now on. Returns false if it already had. */
export async function confirmImplausibleVm(
  db: Db, id: string, at = new Date(),
  /** Runs in the same transaction once the VM is confirmed (the moderators' audit log). */
  onConfirm?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<boolean> {
  return db.prisma.$transaction(async (tx) => {
    const v = await tx.vm.findUnique({ where: { id }, select: { ...STATS_SELECT, status: true } });
    if (!v) throw new AppError("not_found", `No VM with id ${id}.`);
    if (v.implausibleReasons.length === 0) throw new AppError("validation_error", `VM ${id} is not marked implausible; there is nothing to confirm.`);
    if (v.plausibilityConfirmedAt) return false;
    await tx.vm.update({ where: { id }, data: { plausibilityConfirmedAt: at } });
    if (v.status === "published") {
      const delta = new PeerStatsDelta();
      delta.add({ ...v, plausibilityConfirmedAt: at }, 1);
      await delta.apply(tx);
    }
    await onConfirm?.(tx);
    return true;
  });
}

/**
 * Recomputes every stored VM's reasons with the current rules (after the rules
 * change, or for VMs stored before they existed), then rebuilds the peer
 * statistics. A confirmation survives only where the reasons did not change.
 */
export async function recheckPlausibility(db: Db): Promise<{ checked: number; changed: number }> {
  let cursor: string | undefined;
  let checked = 0;
  let changed = 0;
  for (;;) {
    const page = await db.prisma.vm.findMany({
      include: RECORD_INCLUDE,
      orderBy: { id: "asc" },
      take: 1000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const v of page) {
      const next = reasonMessages(plausibilityReasons(toRecord(v).vm));
      const confirmedAt = keptConfirmation(v, next);
      checked++;
      if (confirmedAt === v.plausibilityConfirmedAt && next.join("\n") === v.implausibleReasons.join("\n")) continue;
      changed++;
      await db.prisma.vm.update({ where: { id: v.id }, data: { implausibleReasons: next, plausibilityConfirmedAt: confirmedAt } });
    }
    if (page.length < 1000) break;
    cursor = page[page.length - 1].id;
  }
  if (changed) await rebuildPeerStats(db);
  return { checked, changed };
}

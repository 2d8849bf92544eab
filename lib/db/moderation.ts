import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { AdminAction, ReportInput } from "@/lib/contribute/moderation-schemas";
import { getApplication } from "@/lib/taxonomy/applications";
import type { Db } from "./client";
import { newId } from "./ids";
import { PeerStatsDelta, STATS_SELECT } from "./peer-stats";
import { confirmImplausibleVm } from "./plausibility";
import { deleteVm, proposedSlugs, type Tx } from "./vms";

/**
 * Moderation (issue 18 §3), shared by /admin, its API and `npm run admin`:
 * - proposed application names (application rows with is_suggestion): shown on their own VM's
 *   page only, grouped by nothing (vms.ts hideProposedPrimary) until approved, merged or rejected;
 * - VMs flagged as implausible or reported by visitors;
 * - deleting any VM through the contributor's own delete path;
 * - an audit log of every action, written in the action's transaction.
 */
export const ADMIN_ACTOR = "admin";

export interface ProposedName {
  slug: string;
  name: string;
  proposedAt: string;
  vmCount: number;
  /** A few of its VMs, to look at before deciding. */
  vmIds: string[];
}

export interface FlaggedVm {
  id: string;
  label: { appName: string | null; appVersion: string | null; vcpus: number; memoryMib: number; hypervisorProduct: string | null; hypervisorVendor: string | null; hypervisorVersion: string | null };
  createdAt: string;
  /** Implausibility reasons no moderator has confirmed; empty when it is only reported. */
  implausibleReasons: string[];
  reports: { id: string; reason: string; note: string | null; createdAt: string }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: string | null;
}

async function audit(tx: Tx, actor: string, action: string, targetType: string, targetId: string, detail: string | null = null): Promise<void> {
  await tx.moderationAudit.create({ data: { actor, action, targetType, targetId, detail } });
}

/** Proposed names, oldest first, with how many VMs carry each. */
export async function listProposedNames(db: Db, limit = 200): Promise<ProposedName[]> {
  const apps = await db.prisma.application.findMany({
    where: { isSuggestion: true },
    orderBy: [{ createdAt: "asc" }, { slug: "asc" }],
    take: limit,
    select: { slug: true, name: true, createdAt: true, _count: { select: { tags: true } }, tags: { select: { vmId: true }, take: 5, orderBy: { vmId: "asc" } } },
  });
  return apps
    .filter((a) => !getApplication(a.slug))
    .map((a) => ({ slug: a.slug, name: a.name, proposedAt: a.createdAt.toISOString(), vmCount: a._count.tags, vmIds: a.tags.map((t) => t.vmId) }));
}

/** Applications a proposed name can be merged into: the taxonomy and approved names, by name. */
export async function listMergeTargets(db: Db): Promise<{ slug: string; name: string }[]> {
  const rows = await db.prisma.application.findMany({ where: { isSuggestion: false }, select: { slug: true, name: true }, orderBy: { name: "asc" } });
  return rows;
}

async function requireProposed(tx: Tx, slug: string) {
  const app = await tx.application.findUnique({ where: { slug } });
  if (!app) throw new AppError("not_found", `No application named ${slug}.`, { field: "slug" });
  if (!app.isSuggestion || getApplication(slug)) throw new AppError("conflict", `${app.name} (${slug}) is not a proposed name: it is already an application.`, { field: "slug" });
  return app;
}

async function vmsTagged(tx: Tx, slug: string): Promise<string[]> {
  return (await tx.vmTag.findMany({ where: { appSlug: slug }, select: { vmId: true } })).map((t) => t.vmId);
}

/**
 * Sets the VMs' primary_app from their primary tag (NULL while that tag is a proposed name),
 * moving them between peer groups, and has their search documents rebuilt.
 */
async function refreshPrimary(tx: Tx, vmIds: string[]): Promise<void> {
  if (!vmIds.length) return;
  const rows = await tx.vm.findMany({
    where: { id: { in: vmIds } },
    select: { id: true, status: true, ...STATS_SELECT, tags: { where: { primary: true }, select: { appSlug: true, version: true } } },
  });
  const proposed = await proposedSlugs(tx, rows.map((r) => r.tags[0]?.appSlug ?? null));
  const delta = new PeerStatsDelta();
  for (const r of rows) {
    const p = r.tags[0];
    const app = p && !proposed.has(p.appSlug) ? p.appSlug : null;
    const version = app ? p.version : null;
    if (app === r.primaryApp && version === r.primaryAppVersion) continue;
    await tx.vm.update({ where: { id: r.id }, data: { primaryApp: app, primaryAppVersion: version } });
    if (r.status === "published") {
      delta.add(r, -1);
      delta.add({ ...r, primaryApp: app, primaryAppVersion: version }, 1);
    }
  }
  await delta.apply(tx);
  await tx.$executeRawUnsafe(`UPDATE vm SET search = NULL WHERE id IN (SELECT unnest($1::text[]))`, vmIds);
}

/** The name becomes an application of its own (optionally respelled); its VMs join its peer group. */
export async function approveName(db: Db, slug: string, opts: { name?: string; actor?: string } = {}): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const app = await requireProposed(tx, slug);
    const name = opts.name?.trim() || app.name;
    await tx.application.update({ where: { slug }, data: { isSuggestion: false, name } });
    await refreshPrimary(tx, await vmsTagged(tx, slug));
    await audit(tx, opts.actor ?? ADMIN_ACTOR, "name.approve", "application", slug, name === app.name ? app.name : `${app.name} → ${name}`);
  });
}

/** The name's VMs are tagged with `into` instead (kept primary where it was), and the name is kept as an alias of it. */
export async function mergeName(db: Db, slug: string, into: string, opts: { actor?: string } = {}): Promise<void> {
  if (slug === into) throw new AppError("validation_error", "A name cannot be merged into itself.", { field: "into" });
  await db.prisma.$transaction(async (tx) => {
    const app = await requireProposed(tx, slug);
    const target = await tx.application.findUnique({ where: { slug: into } });
    if (!target) throw new AppError("not_found", `No application named ${into} to merge into.`, { field: "into" });
    if (target.isSuggestion && !getApplication(into)) throw new AppError("validation_error", `${target.name} is itself a proposed name: approve it first, or merge into an application.`, { field: "into" });
    const vmIds = await vmsTagged(tx, slug);
    // A VM tagged with both keeps its tag of the target, made primary if the proposed one was.
    await tx.$executeRawUnsafe(
      `UPDATE vm_tag t SET "primary" = true FROM vm_tag p
        WHERE t.app_slug = $2 AND p.app_slug = $1 AND p.vm_id = t.vm_id AND p."primary"`, slug, into);
    await tx.$executeRawUnsafe(
      `UPDATE vm_tag SET app_slug = $2 WHERE app_slug = $1 AND vm_id NOT IN (SELECT vm_id FROM vm_tag WHERE app_slug = $2)`, slug, into);
    await tx.vmTag.deleteMany({ where: { appSlug: slug } });
    await tx.application.delete({ where: { slug } });
    if (!target.aliases.some((a) => a.toLowerCase() === app.name.toLowerCase())) {
      await tx.application.update({ where: { slug: into }, data: { aliases: [...target.aliases, app.name] } });
      // Search finds the target's VMs by the merged name too.
      await tx.$executeRawUnsafe(`UPDATE vm SET search = NULL WHERE id IN (SELECT vm_id FROM vm_tag WHERE app_slug = $1)`, into);
    }
    await refreshPrimary(tx, vmIds);
    await audit(tx, opts.actor ?? ADMIN_ACTOR, "name.merge", "application", slug, `${app.name} → ${target.name} (${into})`);
  });
}

/** The name is removed from every VM; where it was primary, the VM's next tag becomes primary. */
export async function rejectName(db: Db, slug: string, opts: { actor?: string } = {}): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const app = await requireProposed(tx, slug);
    const tags = await tx.vmTag.findMany({ where: { appSlug: slug }, select: { vmId: true, primary: true } });
    await tx.vmTag.deleteMany({ where: { appSlug: slug } });
    for (const t of tags.filter((x) => x.primary)) {
      const next = await tx.vmTag.findFirst({ where: { vmId: t.vmId }, orderBy: { appSlug: "asc" }, select: { appSlug: true } });
      if (next) await tx.vmTag.update({ where: { vmId_appSlug: { vmId: t.vmId, appSlug: next.appSlug } }, data: { primary: true } });
    }
    await tx.application.delete({ where: { slug } });
    await refreshPrimary(tx, tags.map((t) => t.vmId));
    await audit(tx, opts.actor ?? ADMIN_ACTOR, "name.reject", "application", slug, app.name);
  });
}

/** A visitor's report of a published VM. Nothing about the visitor is stored. */
export async function createReport(db: Db, vmId: string, input: ReportInput): Promise<{ id: string }> {
  if (!/^[a-z0-9]{4,40}$/.test(vmId)) throw new AppError("not_found", `No VM with id ${vmId}.`);
  const vm = await db.prisma.vm.findUnique({ where: { id: vmId }, select: { status: true } });
  if (!vm || vm.status !== "published") throw new AppError("not_found", `No VM with id ${vmId}.`);
  const id = newId();
  await db.prisma.vmReport.create({ data: { id, vmId, reason: input.reason, note: input.note } });
  return { id };
}

/** VMs awaiting a moderator: implausible and unconfirmed, or with open reports; most reported first. */
export async function listFlaggedVms(db: Db, limit = 200): Promise<FlaggedVm[]> {
  const reports = await db.prisma.vmReport.findMany({
    where: { resolvedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 2000,
    select: { id: true, vmId: true, reason: true, note: true, createdAt: true },
  });
  const byVm = new Map<string, FlaggedVm["reports"]>();
  for (const r of reports) {
    const list = byVm.get(r.vmId) ?? [];
    list.push({ id: r.id, reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString() });
    byVm.set(r.vmId, list);
  }
  const select = {
    id: true, createdAt: true, implausibleReasons: true, plausibilityConfirmedAt: true, vcpus: true, memoryMib: true,
    hypervisorProduct: true, hypervisorVendor: true, hypervisorVersion: true,
    tags: { where: { primary: true }, select: { version: true, app: { select: { name: true } } } },
  } as const;
  const rows = await db.prisma.vm.findMany({
    where: { OR: [{ id: { in: [...byVm.keys()] } }, { implausibleReasons: { isEmpty: false }, plausibilityConfirmedAt: null }] },
    select, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: limit,
  });
  return rows
    .map((v) => ({
      id: v.id,
      label: {
        appName: v.tags[0]?.app.name ?? null, appVersion: v.tags[0]?.version ?? null, vcpus: v.vcpus, memoryMib: v.memoryMib,
        hypervisorProduct: v.hypervisorProduct, hypervisorVendor: v.hypervisorVendor, hypervisorVersion: v.hypervisorVersion,
      },
      createdAt: v.createdAt.toISOString().slice(0, 10),
      implausibleReasons: v.plausibilityConfirmedAt ? [] : v.implausibleReasons,
      reports: byVm.get(v.id) ?? [],
    }))
    .sort((a, b) => b.reports.length - a.reports.length);
}

/** Closes a VM's open reports without changing it. Returns how many were open. */
export async function dismissReports(db: Db, vmId: string, opts: { actor?: string } = {}): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    const { count } = await tx.vmReport.updateMany({ where: { vmId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    if (!count) throw new AppError("not_found", `VM ${vmId} has no open report.`, { field: "id" });
    await audit(tx, opts.actor ?? ADMIN_ACTOR, "report.dismiss", "vm", vmId, `${count} report${count === 1 ? "" : "s"}`);
    return count;
  });
}

/** Confirms an implausible VM as real (lib/db/plausibility.ts) and closes its reports. */
export async function confirmVm(db: Db, vmId: string, opts: { actor?: string } = {}): Promise<void> {
  const done = await confirmImplausibleVm(db, vmId, new Date(), async (tx) => {
    await tx.vmReport.updateMany({ where: { vmId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    await audit(tx, opts.actor ?? ADMIN_ACTOR, "vm.confirm", "vm", vmId, "implausible numbers confirmed as real");
  });
  if (!done) throw new AppError("conflict", `VM ${vmId} was already confirmed.`, { field: "id" });
}

/** Deletes any VM through the contributor's delete path (peer statistics follow), logged. */
export async function moderatorDeleteVm(db: Db, vmId: string, opts: { actor?: string; note?: string } = {}): Promise<void> {
  await deleteVm(db, vmId, null, {
    moderator: async (tx, old) => {
      const what = `${old.vcpus} vCPU, ${old.memoryMib} MiB${old.primaryApp ? `, ${old.primaryApp}` : ""}`;
      await audit(tx, opts.actor ?? ADMIN_ACTOR, "vm.delete", "vm", vmId, opts.note ? `${what}: ${opts.note}` : what);
    },
  });
}

/** Runs one action from /admin, the API or the command line. */
export async function runAdminAction(db: Db, a: AdminAction, actor = ADMIN_ACTOR): Promise<string> {
  switch (a.action) {
    case "name.approve":
      await approveName(db, a.slug, { name: a.name, actor });
      return `Approved ${a.slug} as an application.`;
    case "name.merge":
      await mergeName(db, a.slug, a.into, { actor });
      return `Merged ${a.slug} into ${a.into}.`;
    case "name.reject":
      await rejectName(db, a.slug, { actor });
      return `Rejected ${a.slug}.`;
    case "vm.confirm":
      await confirmVm(db, a.id, { actor });
      return `Confirmed VM ${a.id}; it now counts in peer statistics.`;
    case "report.dismiss": {
      const n = await dismissReports(db, a.id, { actor });
      return `Dismissed ${n} report${n === 1 ? "" : "s"} of VM ${a.id}.`;
    }
    case "vm.delete":
      await moderatorDeleteVm(db, a.id, { actor, note: a.note });
      return `Deleted VM ${a.id}.`;
  }
}

/** The audit log, newest first. */
export async function listAudit(db: Db, limit = 100): Promise<AuditEntry[]> {
  const rows = await db.prisma.moderationAudit.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((r) => ({ id: r.id.toString(), at: r.at.toISOString(), actor: r.actor, action: r.action, targetType: r.targetType, targetId: r.targetId, detail: r.detail }));
}

/** Slugs of `slugs` that are proposed names: shown on their VM's page without a workload link. */
export async function proposedNamesAmong(db: Db, slugs: string[]): Promise<Set<string>> {
  return proposedSlugs(db.prisma as unknown as Tx, slugs);
}

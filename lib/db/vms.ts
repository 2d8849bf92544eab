import "server-only";
import { APPLICATIONS, getApplication } from "@/lib/taxonomy/applications";
import { AppError } from "@/lib/errors/app-error";
import { CONTROL_CHAR_MESSAGE, controlCharPath } from "@/lib/text/control-chars";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contextSchema, type VmContext } from "@/lib/vm/context";
import { dedupFingerprint } from "@/lib/vm/publishable";
import { totalDiskGiB, zeroSizesAsUnknown, type DefaultableField, type NormalizedVm } from "@/lib/vm/model";
import { plausibilityReasons, reasonMessages } from "@/lib/vm/plausibility";
import { withPrimary, type Contribution, type VmRecord } from "@/lib/vm/record";
import type { Db } from "./client";
import { hashToken, newEditToken, newId, tokenMatches } from "./ids";
import { PeerStatsDelta, STATS_SELECT, type StatsRow } from "./peer-stats";
import { sqlTx, type SqlTx } from "./sql-tx";
import { toUtilization, utilizationRows } from "./utilization";

export type Tx = Prisma.TransactionClient;

/**
 * Publication times are kept and shown to the day only: VMs published
 * together (one import) would otherwise share a millisecond and could be
 * grouped as one contributor's estate.
 */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Writes the taxonomy into the application table (idempotent; run at start). */
export async function syncTaxonomy(db: Db): Promise<void> {
  const existing = new Set((await db.prisma.application.findMany({ select: { slug: true } })).map((a) => a.slug));
  const missing = APPLICATIONS.filter((a) => !existing.has(a.slug));
  if (missing.length) {
    await db.prisma.application.createMany({
      data: missing.map((a) => ({
        slug: a.slug, name: a.name, category: a.category, aliases: a.aliases, vendor: a.vendor ?? null,
        description: a.description, isGateway: a.isGateway ?? false,
      })),
      skipDuplicates: true,
    });
  }
  // A name typed by contributors that a later taxonomy adopted is no longer a proposal.
  await db.prisma.application.updateMany({ where: { slug: { in: APPLICATIONS.map((a) => a.slug) }, isSuggestion: true }, data: { isSuggestion: false } });
}

export function slugify(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "app";
}

export interface CreateItem {
  contribution: Contribution;
  isDemo?: boolean;
  createdAt?: Date;
}

export interface Created {
  id: string;
  editToken: string | null;
}

/** A disk as stored: a size of 0 is no size (zeroSizesAsUnknown), written as NULL. */
export function diskRow(vmId: string, d: NormalizedVm["disks"][number], position: number) {
  return { vmId, position, sizeGib: d.sizeGiB != null && d.sizeGiB > 0 ? d.sizeGiB : null, bus: d.bus, provisioning: d.provisioning };
}

export function vmColumns(raw: NormalizedVm, c: Contribution) {
  // Every column below reads the VM with 0 sizes as unknown, so the total is NULL, never 0, when unknown.
  const vm = zeroSizesAsUnknown(raw);
  const tags = withPrimary(c.tags);
  const primary = tags.find((t) => t.primary) ?? null;
  return {
    sourceFormat: vm.source.format,
    vcpus: vm.cpu.vcpus,
    coresPerSocket: vm.cpu.coresPerSocket,
    memoryMib: vm.memoryMiB,
    totalDiskGib: totalDiskGiB(vm),
    diskCount: vm.disks.length,
    nicCount: vm.nics.length,
    guestOsId: vm.guestOs.id,
    guestFamily: vm.guestOs.family,
    guestOsName: vm.guestOs.name,
    hypervisorVendor: vm.hypervisor.vendor,
    hypervisorProduct: vm.hypervisor.product,
    hypervisorVersion: vm.hypervisor.version,
    hardwareVersion: vm.hardwareVersion,
    firmware: vm.firmware,
    primaryApp: primary?.slug ?? null,
    primaryAppVersion: primary?.version ?? null,
    nicModels: [...new Set(vm.nics.map((n) => n.model).filter((m): m is string => !!m))].sort(),
    environment: c.context?.environment ?? null,
    industry: c.context?.industry ?? null,
    organizationSize: c.context?.organizationSize ?? null,
    fingerprint: dedupFingerprint({ vm, identityKey: c.identityKey }),
    defaulted: vm.defaulted ?? [],
    // Computed on every write path, so no path can store an implausible VM unmarked.
    implausibleReasons: reasonMessages(plausibilityReasons(vm)),
  };
}

/** A moderator's confirmation holds for the reasons it was given for; a changed configuration needs a new one. */
export function keptConfirmation(old: { implausibleReasons: string[]; plausibilityConfirmedAt: Date | null }, nextReasons: string[]): Date | null {
  const same = old.implausibleReasons.length === nextReasons.length && old.implausibleReasons.every((r, i) => r === nextReasons[i]);
  return same ? old.plausibilityConfirmedAt : null;
}

export function contextColumns(ctx: VmContext) {
  return {
    environment: ctx.environment,
    industry: ctx.industry,
    organizationSize: ctx.organizationSize,
    hostVendor: ctx.hostVendor,
    hostModel: ctx.hostModel,
    hostCpuModel: ctx.hostCpuModel,
    datastoreType: ctx.datastoreType,
    datastoreVersion: ctx.datastoreVersion,
    datastoreBlockSizeMb: ctx.datastoreBlockSizeMB,
    cpuAvgPct: ctx.cpuAvgPct,
    cpuPeakPct: ctx.cpuPeakPct,
    memoryPct: ctx.memoryPct,
    networkRoles: ctx.networkRoles,
  };
}

/** A new VM's rows: the vm row's columns (vmColumns() plus the path's own), its configuration, tags and context. */
export interface VmRowsInput {
  id: string;
  row: Omit<Prisma.VmCreateManyInput, "id">;
  vm: NormalizedVm;
  tags: readonly { slug: string; version: string | null; primary: boolean }[];
  context: VmContext;
}

/**
 * Writes new VMs with every row that belongs to them — the vm row, disks,
 * NICs, utilization figures, tags and context — inside the caller's
 * transaction, in one SQL statement (on PGlite each statement is a round
 * trip through the one database, and a write's time is mostly statements).
 * Every path that publishes a VM (createVms, estates) uses this.
 */
export async function insertVmRows(tx: SqlTx, items: readonly VmRowsInput[]): Promise<void> {
  if (!items.length) return;
  await insertRowSets(tx, [
    ["vm", items.map((i) => ({ id: i.id, ...i.row }))],
    ...deviceRowSets(items),
    ["vm_tag", items.flatMap((i) => i.tags.map((t) => ({ vmId: i.id, appSlug: t.slug, version: t.version, primary: t.primary })))],
    ["vm_context", items.map((i) => ({ vmId: i.id, ...contextColumns(i.context) }))],
  ]);
}

type RowSet = readonly [table: string, rows: readonly Record<string, unknown>[]];

function deviceRowSets(vms: readonly { id: string; vm: NormalizedVm }[], utilization = true): RowSet[] {
  return [
    ["vm_disk", vms.flatMap((v) => v.vm.disks.map((d, i) => diskRow(v.id, d, i)))],
    ["vm_nic", vms.flatMap((v) => v.vm.nics.map((n, i) => ({ vmId: v.id, position: i, model: n.model, network: n.network })))],
    ...(utilization ? [["vm_utilization", utilizationRows(vms)] as const] : []),
  ];
}

/**
 * The disks and NICs of VMs (new ones, or ones whose old devices were just
 * deleted), and their utilization figures unless `utilization` is false.
 */
export async function insertDeviceRows(tx: SqlTx, vms: readonly { id: string; vm: NormalizedVm }[], opts: { utilization?: boolean } = {}): Promise<void> {
  await insertRowSets(tx, deviceRowSets(vms, opts.utilization ?? true));
}

/** camelCase field name to its snake_case column (every @map of these tables follows the rule). */
function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

/**
 * Inserts rows into several tables with one statement: each table's rows go
 * as one JSON parameter, read back by jsonb_populate_recordset (so types,
 * arrays and enums are converted by the database, and no value is ever part
 * of the SQL text), each table in its own data-modifying CTE. Foreign keys
 * are checked at the end of the statement, so children may come with their
 * parents. Columns a row leaves out get their defaults. `skipDuplicates`
 * leaves out rows that would break a unique index.
 */
export async function insertRowSets(tx: SqlTx, sets: readonly RowSet[], opts: { skipDuplicates?: boolean } = {}): Promise<void> {
  const parts: string[] = [];
  const params: string[] = [];
  for (const [table, rows] of sets) {
    if (!rows.length) continue;
    if (!/^[a-z_]+$/.test(table)) throw new Error(`insertRowSets: bad table name ${table}`);
    const fields = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))];
    const cols = fields.map((f) => `"${columnOf(f)}"`).join(", ");
    params.push(JSON.stringify(rows.map((r) => Object.fromEntries(fields.map((f) => [columnOf(f), r[f] ?? null])))));
    parts.push(`t${parts.length} AS (INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM jsonb_populate_recordset(NULL::"${table}", $${params.length}::jsonb)${opts.skipDuplicates ? " ON CONFLICT DO NOTHING" : ""})`);
  }
  if (!parts.length) return;
  await tx.$executeRawUnsafe(`WITH ${parts.join(",\n")}\nSELECT 1`, ...params);
}

/** Tag slugs that are not in the taxonomy become moderator suggestions. */
export async function ensureApplications(tx: SqlTx, items: CreateItem[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const it of items) {
    for (const t of it.contribution.tags) if (!getApplication(t.slug)) wanted.set(t.slug, t.slug);
    for (const s of it.contribution.suggestions) wanted.set(slugify(s), s);
  }
  if (!wanted.size) return;
  const rows = [...wanted].map(([slug, name]) => ({ slug, name: name.replace(/-/g, " "), category: "other", aliases: [], isSuggestion: true }));
  await insertRowSets(tx, [["application", rows]], { skipDuplicates: true });
}

/** Of `slugs`, those that are proposed names awaiting a moderator (lib/db/moderation.ts). */
export async function proposedSlugs(tx: SqlTx, slugs: readonly (string | null)[]): Promise<Set<string>> {
  const wanted = [...new Set(slugs.filter((s): s is string => !!s && !getApplication(s)))];
  if (!wanted.length) return new Set();
  const rows = (await tx.$queryRawUnsafe("SELECT slug FROM application WHERE slug = ANY($1::text[]) AND is_suggestion", wanted)) as { slug: string }[];
  return new Set(rows.map((r) => r.slug));
}

/**
 * A VM whose primary application is a proposed name is grouped by no application (primary_app
 * NULL: no peer group, workload, facet or filter) until a moderator approves the name; its own
 * page still shows the tag.
 */
export async function hideProposedPrimary(tx: SqlTx, cols: { primaryApp: string | null; primaryAppVersion: string | null }[]): Promise<void> {
  const proposed = await proposedSlugs(tx, cols.map((c) => c.primaryApp));
  for (const c of cols) {
    if (c.primaryApp && proposed.has(c.primaryApp)) {
      c.primaryApp = null;
      c.primaryAppVersion = null;
    }
  }
}

/**
 * The last guard before text reaches the database: the schemas refuse control
 * characters at the edge, and PostgreSQL would fail the whole transaction on a NUL.
 */
function refuseControlChars(c: Contribution): void {
  const field = controlCharPath(c);
  if (field) throw new AppError("validation_error", CONTROL_CHAR_MESSAGE, { field });
}

/**
 * Stores contributions in one transaction: every VM with its disks, NICs, tags
 * and context, and the peer statistics they change — all or nothing.
 */
export async function createVms(
  db: Db,
  items: CreateItem[],
  opts: {
    editTokens?: boolean | ((index: number) => string);
    rejectDuplicates?: boolean;
    /** Claim each fingerprint under the unique dedup_key index (rejectDuplicates implies it). */
    claimFingerprints?: boolean;
  } = {},
): Promise<Created[]> {
  const prepared = items.map((it, i) => {
    const c = it.contribution;
    refuseControlChars(c);
    const tags = withPrimary([
      ...c.tags,
      ...c.suggestions.filter((s) => !c.tags.some((t) => t.slug === slugify(s))).map((s) => ({ slug: slugify(s), version: null, primary: false })),
    ]);
    const token = typeof opts.editTokens === "function" ? opts.editTokens(i) : opts.editTokens ? newEditToken() : null;
    return {
      id: newId(),
      token,
      cols: vmColumns(c.vm, { ...c, tags }),
      tags,
      context: contextSchema.parse(c.context ?? {}),
      vm: c.vm,
      isDemo: it.isDemo ?? false,
      createdAt: startOfUtcDay(it.createdAt ?? new Date()),
    };
  });

  const fps = prepared.map((p) => p.cols.fingerprint);
  if (opts.rejectDuplicates) {
    // Also catches demo and estate VMs, which hold no claim; the claim below decides races.
    const dup = await db.prisma.vm.findFirst({ where: { fingerprint: { in: fps }, status: "published" }, select: { id: true } });
    if (dup) throw duplicateError(dup.id);
  }
  // Only the first of identical items in one call claims: the rest were never refused as duplicates of each other.
  const claims = opts.rejectDuplicates || opts.claimFingerprints ? fps.map((f, i) => (fps.indexOf(f) === i ? f : null)) : fps.map(() => null);

  try {
    // The driver's own transaction, not Prisma's: see lib/db/sql-tx.ts.
    await db.sql.transaction(async (t) => {
      const tx = sqlTx(t);
      await ensureApplications(tx, items);
      await hideProposedPrimary(tx, prepared.map((p) => p.cols));
      await insertVmRows(tx, prepared.map((p, i) => ({
        id: p.id,
        row: {
          ...p.cols, dedupKey: claims[i], isDemo: p.isDemo, createdAt: p.createdAt, updatedAt: p.createdAt,
          editTokenHash: p.token ? hashToken(p.token) : null,
        },
        vm: p.vm,
        tags: p.tags,
        context: p.context,
      })));
      const delta = new PeerStatsDelta();
      for (const p of prepared) delta.add({ ...p.cols, createdAt: p.createdAt, plausibilityConfirmedAt: null }, 1);
      await delta.apply(tx);
    });
  } catch (e) {
    if (!isUniqueViolation(e, "dedup_key")) throw e;
    // Another request published the same configuration between our check and our write.
    const winner = await db.prisma.vm.findFirst({ where: { dedupKey: { in: fps } }, select: { id: true } }).catch(() => null);
    throw duplicateError(winner?.id ?? null);
  }
  return prepared.map((p) => ({ id: p.id, editToken: p.token }));
}

function duplicateError(existingId: string | null): AppError {
  return existingId
    ? new AppError("conflict", `This configuration has already been published as VM ${existingId}.`, {}, { existingId })
    : new AppError("conflict", "This configuration has just been published by another request.", {}, { existingId: null });
}

/** A unique-index violation on `column`, as Prisma reports it through either driver adapter. */
export function isUniqueViolation(e: unknown, column: string): boolean {
  const err = e as { code?: string; meta?: Record<string, unknown>; message?: string; cause?: unknown };
  if (!err || typeof err !== "object") return false;
  const text = JSON.stringify(err.meta ?? {}) + String(err.message ?? "");
  if ((err.code === "P2002" || err.code === "23505") && text.includes(column)) return true;
  return err.cause ? isUniqueViolation(err.cause, column) : false;
}

export const RECORD_INCLUDE = {
  disks: { orderBy: { position: "asc" } },
  nics: { orderBy: { position: "asc" } },
  tags: { include: { app: true }, orderBy: [{ primary: "desc" }, { appSlug: "asc" }] },
  context: true,
  utilization: { orderBy: { position: "asc" } },
} as const satisfies Prisma.VmInclude;

type VmWithRelations = Prisma.VmGetPayload<{ include: typeof RECORD_INCLUDE }>;

export function toRecord(v: VmWithRelations): VmRecord {
  const c = v.context;
  return {
    id: v.id,
    status: v.status,
    isDemo: v.isDemo,
    createdAt: isoDay(v.createdAt),
    updatedAt: isoDay(v.updatedAt),
    vm: {
      name: null,
      source: { format: v.sourceFormat as NormalizedVm["source"]["format"] },
      hypervisor: {
        vendor: v.hypervisorVendor as NormalizedVm["hypervisor"]["vendor"],
        product: v.hypervisorProduct,
        version: v.hypervisorVersion,
      },
      hardwareVersion: v.hardwareVersion,
      firmware: v.firmware as NormalizedVm["firmware"],
      guestOs: { id: v.guestOsId, family: v.guestFamily as NormalizedVm["guestOs"]["family"], name: v.guestOsName },
      cpu: { vcpus: v.vcpus, coresPerSocket: v.coresPerSocket },
      memoryMiB: v.memoryMib,
      disks: v.disks.map((d) => ({
        sizeGiB: d.sizeGib,
        bus: d.bus as NormalizedVm["disks"][number]["bus"],
        provisioning: d.provisioning as NormalizedVm["disks"][number]["provisioning"],
      })),
      nics: v.nics.map((n) => ({ model: n.model, network: n.network })),
      totalDiskGiB: v.totalDiskGib,
      defaulted: (v.defaulted ?? []) as DefaultableField[],
      utilization: toUtilization(v.utilization),
    },
    plausibility: {
      reasons: v.implausibleReasons ?? [],
      confirmedAt: v.plausibilityConfirmedAt?.toISOString() ?? null,
    },
    tags: v.tags.map((t) => ({
      slug: t.appSlug, name: t.app.name, category: t.app.category, version: t.version, primary: t.primary,
    })),
    context: contextSchema.parse({
      environment: c?.environment ?? null,
      industry: c?.industry ?? null,
      organizationSize: c?.organizationSize ?? null,
      hostVendor: c?.hostVendor ?? null,
      hostModel: c?.hostModel ?? null,
      hostCpuModel: c?.hostCpuModel ?? null,
      datastoreType: c?.datastoreType ?? null,
      datastoreVersion: c?.datastoreVersion ?? null,
      datastoreBlockSizeMB: c?.datastoreBlockSizeMb ?? null,
      cpuAvgPct: c?.cpuAvgPct ?? null,
      cpuPeakPct: c?.cpuPeakPct ?? null,
      memoryPct: c?.memoryPct ?? null,
      networkRoles: c?.networkRoles ?? [],
    }),
  };
}

export async function getVm(db: Db, id: string, opts: { includeHidden?: boolean } = {}): Promise<VmRecord | null> {
  if (!/^[a-z0-9]{4,40}$/.test(id)) return null;
  const v = await db.prisma.vm.findUnique({ where: { id }, include: RECORD_INCLUDE });
  if (!v || (v.status !== "published" && !opts.includeHidden)) return null;
  return toRecord(v);
}

export async function getVms(db: Db, ids: string[]): Promise<VmRecord[]> {
  const rows = await db.prisma.vm.findMany({ where: { id: { in: ids }, status: "published" }, include: RECORD_INCLUDE });
  const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is VmRecord => !!r);
}

async function requireOwner(tx: Tx, id: string, token: string | null): Promise<StatsRow & { status: string }> {
  const v = await tx.vm.findUnique({ where: { id }, select: { ...STATS_SELECT, status: true, editTokenHash: true } });
  if (!v) throw new AppError("not_found", `No VM with id ${id}.`);
  if (!token) throw new AppError("unauthorized", "An edit token is required: send Authorization: Bearer <edit token>.");
  if (!tokenMatches(token, v.editTokenHash)) throw new AppError("forbidden", "This edit token does not belong to this VM.");
  return v;
}

/** Replaces a VM's configuration, tags and context; only with its edit token. */
export async function updateVm(db: Db, id: string, token: string | null, c: Contribution): Promise<VmRecord> {
  refuseControlChars(c);
  const tags = withPrimary(c.tags);
  const cols = vmColumns(c.vm, { ...c, tags });
  const context = contextSchema.parse(c.context ?? {});
  await db.prisma.$transaction(async (tx) => {
    const old = await requireOwner(tx, id, token);
    await ensureApplications(tx, [{ contribution: c }]);
    await hideProposedPrimary(tx, [cols]);
    await tx.vmDisk.deleteMany({ where: { vmId: id } });
    await tx.vmNic.deleteMany({ where: { vmId: id } });
    await tx.vmTag.deleteMany({ where: { vmId: id } });
    const updated = await tx.vm.update({
      where: { id }, data: { ...cols, plausibilityConfirmedAt: keptConfirmation(old, cols.implausibleReasons) }, select: STATS_SELECT,
    });
    // The utilization figures stay: the form does not edit them.
    await insertDeviceRows(tx, [{ id, vm: c.vm }], { utilization: false });
    await tx.vmTag.createMany({ data: tags.map((t) => ({ vmId: id, appSlug: t.slug, version: t.version, primary: t.primary })) });
    await tx.vmContext.upsert({ where: { vmId: id }, create: { vmId: id, ...contextColumns(context) }, update: contextColumns(context) });
    if (old.status === "published") {
      const delta = new PeerStatsDelta();
      delta.add(old, -1);
      delta.add(updated, 1);
      await delta.apply(tx);
    }
  });
  return (await getVm(db, id, { includeHidden: true }))!;
}

/**
 * Deletes a VM and takes it out of its peer statistics. With its edit token (the contributor's edit
 * link), or as a moderator: `moderator` runs in the same transaction (the audit log) instead of the
 * token check.
 */
export async function deleteVm(
  db: Db, id: string, token: string | null,
  opts: { moderator?: (tx: Tx, old: StatsRow & { status: string }) => Promise<void> } = {},
): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    let old: StatsRow & { status: string };
    if (opts.moderator) {
      const v = await tx.vm.findUnique({ where: { id }, select: { ...STATS_SELECT, status: true } });
      if (!v) throw new AppError("not_found", `No VM with id ${id}.`);
      old = v;
      await opts.moderator(tx, old);
    } else {
      old = await requireOwner(tx, id, token);
    }
    await tx.vm.delete({ where: { id } });
    if (old.status === "published") {
      const delta = new PeerStatsDelta();
      delta.add(old, -1);
      await delta.apply(tx);
    }
  });
}

export async function countVms(db: Db, where: Prisma.VmWhereInput = { status: "published" }): Promise<number> {
  return db.prisma.vm.count({ where });
}

/** Removes every demo VM (a real deployment's `npm run db:demo:delete`). */
export async function deleteDemoVms(db: Db): Promise<number> {
  const { count } = await db.prisma.vm.deleteMany({ where: { isDemo: true } });
  return count;
}

import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { planImport, type PreviousMember } from "@/lib/estates/plan";
import { prepareIncoming, requireVms, validEstateName, validTagging, type IncomingEstateVm } from "@/lib/estates/prepare";
import { tagChoiceSchema, tagsFor, type TagChoice } from "@/lib/estates/tags";
import {
  changedVms,
  estateView,
  importDiff,
  storedSummary,
  type CreatedEstate,
  type EstateView,
  type ImportDiff,
  type MemberSnapshot,
} from "@/lib/estates/views";
import type { ParsedVm } from "@/lib/vm/parsed";
import type { Prisma } from "@/lib/generated/prisma/client";
import { contextSchema } from "@/lib/vm/context";
import type { NormalizedVm } from "@/lib/vm/model";
import type { Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { hashToken, newEditToken, newId, tokenMatches } from "./ids";
import { PeerStatsDelta, STATS_SELECT } from "./peer-stats";
import { ensureApplications, insertDeviceRows, insertVmRows, keptConfirmation, startOfUtcDay, vmColumns, type Tx } from "./vms";

/**
 * Estates: a bulk import saved under one edit link, re-imported later to see
 * what changed. The VMs are published like any other (browse, compare); the
 * estate keeps, per VM, only keyed hashes of its identifiers
 * (lib/estates/keys.ts) and its redacted configuration to diff against.
 * Names and UUIDs are used while a request runs and never written; the VMs
 * are keyed and redacted by lib/estates/prepare.ts, and what an import shows
 * is put together by lib/estates/views.ts.
 */

const MEMBER_LIST_LIMIT = 2000;

type Incoming = IncomingEstateVm;

/** Serializes imports into one estate and checks the edit token. */
async function lockEstate(tx: Tx, id: string, token: string | null): Promise<{ id: string; name: string }> {
  if (!/^[a-z0-9]{4,40}$/.test(id)) throw new AppError("not_found", `No estate with id ${id}.`);
  const rows = await tx.$queryRawUnsafe<{ id: string; name: string; edit_token_hash: string }[]>(
    `SELECT id, name, edit_token_hash FROM estate WHERE id = $1 FOR UPDATE`,
    id,
  );
  const e = rows[0];
  if (!e) throw new AppError("not_found", `No estate with id ${id}.`);
  if (!token) throw new AppError("unauthorized", "The estate's edit link is required: send Authorization: Bearer <edit token>.");
  if (!tokenMatches(token, e.edit_token_hash)) throw new AppError("forbidden", "This edit token does not belong to this estate.");
  return { id: e.id, name: e.name };
}

function contribution(vm: NormalizedVm, tags: Contribution["tags"], identity: string | null): Contribution {
  return { vm, tags, context: contextSchema.parse({}), identityKey: identity, suggestions: [] };
}

/** Deletes estate-owned VMs (no per-VM token: the estate's token was checked). */
async function deleteOwnedVms(tx: Tx, ids: string[], delta: PeerStatsDelta): Promise<void> {
  if (!ids.length) return;
  const rows = await tx.vm.findMany({ where: { id: { in: ids } }, select: { ...STATS_SELECT, status: true } });
  for (const r of rows) if (r.status === "published") delta.add(r, -1);
  await tx.vm.deleteMany({ where: { id: { in: ids } } });
}

const UPDATE_CHUNK = 1000;

type VmCols = ReturnType<typeof vmColumns>;
/** Copies of the VM's context: a re-import changes the configuration, not the context. */
const KEPT_ON_UPDATE = ["environment", "industry", "organizationSize"] as const;

/** vmColumns() keys and their SQL: one UPDATE per chunk instead of one per VM (PGlite pays ~50 ms per statement). */
const UPDATE_SQL: Record<Exclude<keyof VmCols, (typeof KEPT_ON_UPDATE)[number]>, string> = {
  sourceFormat: `source_format = j->>'sourceFormat'`,
  vcpus: `vcpus = (j->>'vcpus')::int`,
  coresPerSocket: `cores_per_socket = (j->>'coresPerSocket')::int`,
  memoryMib: `memory_mib = (j->>'memoryMib')::int`,
  totalDiskGib: `total_disk_gib = (j->>'totalDiskGib')::double precision`,
  diskCount: `disk_count = (j->>'diskCount')::int`,
  nicCount: `nic_count = (j->>'nicCount')::int`,
  guestOsId: `guest_os_id = j->>'guestOsId'`,
  guestFamily: `guest_family = j->>'guestFamily'`,
  guestOsName: `guest_os_name = j->>'guestOsName'`,
  hypervisorVendor: `hypervisor_vendor = j->>'hypervisorVendor'`,
  hypervisorProduct: `hypervisor_product = j->>'hypervisorProduct'`,
  hypervisorVersion: `hypervisor_version = j->>'hypervisorVersion'`,
  hardwareVersion: `hardware_version = j->>'hardwareVersion'`,
  firmware: `firmware = j->>'firmware'`,
  primaryApp: `primary_app = j->>'primaryApp'`,
  primaryAppVersion: `primary_app_version = j->>'primaryAppVersion'`,
  nicModels: `nic_models = ARRAY(SELECT jsonb_array_elements_text(j->'nicModels'))`,
  fingerprint: `fingerprint = j->>'fingerprint'`,
  defaulted: `defaulted = ARRAY(SELECT jsonb_array_elements_text(j->'defaulted'))`,
  // As keptConfirmation(): a moderator's confirmation survives only an unchanged list of reasons.
  implausibleReasons: `implausible_reasons = ARRAY(SELECT jsonb_array_elements_text(j->'implausibleReasons')),
    plausibility_confirmed_at = CASE WHEN v.implausible_reasons = ARRAY(SELECT jsonb_array_elements_text(j->'implausibleReasons'))
      THEN v.plausibility_confirmed_at END`,
};

async function bulkUpdateVms(tx: Tx, rows: ({ id: string } & VmCols)[]): Promise<void> {
  if (!rows.length) return;
  const kept: readonly string[] = KEPT_ON_UPDATE;
  const unknown = Object.keys(rows[0]).filter((k) => k !== "id" && !(k in UPDATE_SQL) && !kept.includes(k));
  // A column added to vmColumns() must be added here too, or re-imports would silently keep its old value.
  if (unknown.length) throw new Error(`estates: no UPDATE mapping for vm column(s) ${unknown.join(", ")}`);
  await tx.$executeRawUnsafe(
    `UPDATE "vm" AS v SET ${Object.values(UPDATE_SQL).join(", ")}, updated_at = now()
     FROM jsonb_array_elements($1::jsonb) AS j WHERE v.id = j->>'id'`,
    JSON.stringify(rows),
  );
}

/**
 * Replaces estate-owned VMs' configurations, keeping their tags and context.
 * Batched (one update per VM, everything else per batch): a re-import may
 * change thousands of VMs. Returns the ids that still existed.
 */
async function updateOwnedVms(tx: Tx, items: { id: string; next: IncomingEstateVm }[], delta: PeerStatsDelta): Promise<Set<string>> {
  if (!items.length) return new Set();
  const ids = items.map((i) => i.id);
  const olds = new Map((await tx.vm.findMany({ where: { id: { in: ids } }, select: { ...STATS_SELECT, status: true, id: true } })).map((v) => [v.id, v]));
  const tagsOf = new Map<string, Contribution["tags"]>();
  for (const t of await tx.vmTag.findMany({ where: { vmId: { in: ids } } })) {
    tagsOf.set(t.vmId, [...(tagsOf.get(t.vmId) ?? []), { slug: t.appSlug, version: t.version, primary: t.primary }]);
  }
  const live = items.filter((i) => olds.has(i.id));
  const liveIds = live.map((i) => i.id);
  await tx.vmDisk.deleteMany({ where: { vmId: { in: liveIds } } });
  await tx.vmNic.deleteMany({ where: { vmId: { in: liveIds } } });
  // The new export's utilization readings win.
  await tx.vmUtilization.deleteMany({ where: { vmId: { in: liveIds } } });
  const rows = live.map(({ id, next }) => {
    const old = olds.get(id)!;
    const cols = vmColumns(next.vm, contribution(next.vm, tagsOf.get(id) ?? [], next.identity));
    if (old.status === "published") {
      delta.add(old, -1);
      delta.add({ ...cols, createdAt: old.createdAt, plausibilityConfirmedAt: keptConfirmation(old, cols.implausibleReasons) }, 1);
    }
    return { id, ...cols };
  });
  for (let i = 0; i < rows.length; i += UPDATE_CHUNK) await bulkUpdateVms(tx, rows.slice(i, i + UPDATE_CHUNK));
  await insertDeviceRows(tx, live.map(({ id, next }) => ({ id, vm: next.vm })));
  return new Set(liveIds);
}

/** Publishes new estate VMs (as createVms does, inside the import's transaction). */
async function insertOwnedVms(tx: Tx, vms: IncomingEstateVm[], tagging: TagChoice, delta: PeerStatsDelta): Promise<string[]> {
  if (!vms.length) return [];
  const now = startOfUtcDay(new Date());
  const prepared = vms.map((v) => {
    const c = contribution(v.vm, tagsFor(v.vm, tagging), v.identity);
    return { id: newId(), c, cols: vmColumns(v.vm, c) };
  });
  await ensureApplications(tx, prepared.map((p) => ({ contribution: p.c })));
  await insertVmRows(tx, prepared.map((p) => ({
    id: p.id,
    row: { ...p.cols, createdAt: now, updatedAt: now, editTokenHash: null },
    vm: p.c.vm,
    tags: p.c.tags,
    context: p.c.context,
  })));
  for (const p of prepared) delta.add({ ...p.cols, createdAt: now, plausibilityConfirmedAt: null }, 1);
  return prepared.map((p) => p.id);
}

async function runImport(tx: Tx, estateId: string, incoming: IncomingEstateVm[], tagging: TagChoice): Promise<ImportDiff> {
  const members = await tx.estateMember.findMany({ where: { estateId } });
  const previous: PreviousMember[] = members.map((m) => {
    const snap = m.config as unknown as MemberSnapshot;
    return { keys: snap.keys, vm: snap.vm, vmId: m.vmId };
  });
  const last = await tx.estateImport.findFirst({ where: { estateId }, orderBy: { seq: "desc" }, select: { seq: true } });
  const plan = planImport(last ? previous : null, incoming);
  const delta = new PeerStatsDelta();

  const removedIds = plan.removed.map((i) => previous[i].vmId).filter((v): v is string => !!v);
  await deleteOwnedVms(tx, removedIds, delta);

  // A matched member whose VM is gone (deleted by a moderator) is published again.
  const vmIdOf = new Map<number, string | null>();
  const republish: number[] = [];
  const updates: { id: string; next: IncomingEstateVm; n: number }[] = [];
  for (const m of plan.matched) {
    const prev = previous[m.previous];
    const next = incoming[m.next];
    if (!prev.vmId) republish.push(m.next);
    else if (JSON.stringify(prev.vm) === JSON.stringify(next.vm)) vmIdOf.set(m.next, prev.vmId);
    else updates.push({ id: prev.vmId, next, n: m.next });
  }
  const updated = await updateOwnedVms(tx, updates, delta);
  for (const u of updates) {
    if (updated.has(u.id)) vmIdOf.set(u.n, u.id);
    else republish.push(u.n);
  }
  const toInsert = [...plan.added, ...republish];
  const newIds = await insertOwnedVms(tx, toInsert.map((n) => incoming[n]), tagging, delta);
  toInsert.forEach((n, i) => vmIdOf.set(n, newIds[i]));

  const changed = changedVms(plan, incoming, vmIdOf);
  const stored = storedSummary(plan, tagging, changed);
  const seq = (last?.seq ?? 0) + 1;
  const created = await tx.estateImport.create({
    data: {
      id: newId(),
      estateId,
      seq,
      totals: plan.totals as unknown as Prisma.InputJsonValue,
      summary: stored as unknown as Prisma.InputJsonValue,
    },
  });

  await tx.estateMember.deleteMany({ where: { estateId } });
  await tx.estateMember.createMany({
    data: incoming.map((v, n) => ({
      estateId,
      matchKey: v.keys[0].slice(2),
      vmId: vmIdOf.get(n) ?? null,
      importId: created.id,
      config: { vm: v.vm, keys: v.keys } satisfies MemberSnapshot as unknown as Prisma.InputJsonValue,
    })),
  });
  await delta.apply(tx);

  return importDiff({ importId: created.id, seq, createdAt: created.createdAt, plan, incoming, previous, vmIdOf, changed });
}

const TX_OPTIONS = { timeout: 300_000, maxWait: 60_000 } as const;

/**
 * The routes pass `prepared` (made in the parse worker for a token they drew with newEditToken);
 * `parsed` prepares here, on the calling thread, for scripts and tests.
 */
type EstateVmsInput = { prepared: { editToken: string; vms: Incoming[] } } | { parsed: ParsedVm[] };

/** A new estate's edit token, drawn before the upload is prepared in the parse worker. */
export function newEstateEditToken(): string {
  return newEditToken();
}

/** Creates an estate from its first import; the edit token is returned once and only its hash kept. */
export async function createEstate(db: Db, input: { name: string; tagging: unknown } & EstateVmsInput): Promise<CreatedEstate> {
  const name = validEstateName(input.name);
  const tagging = validTagging(input.tagging);
  const editToken = "prepared" in input ? input.prepared.editToken : newEditToken();
  const incoming = "prepared" in input ? input.prepared.vms : prepareIncoming(editToken, input.parsed);
  requireVms(incoming);
  const id = newId();
  const diff = await db.prisma.$transaction(async (tx) => {
    await tx.estate.create({ data: { id, name, editTokenHash: hashToken(editToken) } });
    return runImport(tx, id, incoming, tagging);
  }, TX_OPTIONS);
  return { id, editToken, import: diff };
}

/**
 * Imports a newer export into an estate: removed VMs are deleted from the
 * site, changed ones updated, new ones published. Tags for new VMs come from
 * `tagging`, or the previous import's choice when none is given.
 */
export async function importIntoEstate(
  db: Db,
  id: string,
  token: string | null,
  input: ({ vms: Incoming[] } | { parsed: ParsedVm[] }) & { tagging?: unknown },
): Promise<ImportDiff> {
  requireVms("vms" in input ? input.vms : input.parsed);
  const given = input.tagging === undefined ? null : validTagging(input.tagging);
  return db.prisma.$transaction(async (tx) => {
    await lockEstate(tx, id, token);
    const tagging = given ?? (await lastTagging(tx, id));
    if (!tagging) throw new AppError("validation_error", "Pick an application tag for the new VMs.", { field: "tag" });
    return runImport(tx, id, "vms" in input ? input.vms : prepareIncoming(token!, input.parsed), tagging);
  }, TX_OPTIONS);
}

async function lastTagging(tx: Tx, estateId: string): Promise<TagChoice | null> {
  const last = await tx.estateImport.findFirst({ where: { estateId }, orderBy: { seq: "desc" }, select: { summary: true } });
  const parsed = tagChoiceSchema.safeParse((last?.summary as { tagging?: unknown } | undefined)?.tagging);
  return parsed.success ? parsed.data : null;
}

/** Throws not_found / unauthorized / forbidden as an import would, without doing one. */
export async function checkEstateToken(db: Db, id: string, token: string | null): Promise<void> {
  await db.prisma.$transaction((tx) => lockEstate(tx, id, token));
}

/** The estate's history and latest state; only with its edit token. */
export async function getEstate(db: Db, id: string, token: string | null): Promise<EstateView> {
  return db.prisma.$transaction(async (tx) => {
    const estate = await lockEstate(tx, id, token);
    const full = await tx.estate.findUniqueOrThrow({ where: { id }, select: { createdAt: true } });
    const imports = await tx.estateImport.findMany({ where: { estateId: id }, orderBy: { seq: "asc" } });
    const memberCount = await tx.estateMember.count({ where: { estateId: id } });
    const members = await tx.estateMember.findMany({
      where: { estateId: id },
      orderBy: { matchKey: "asc" },
      take: MEMBER_LIST_LIMIT,
      select: { vmId: true, config: true, vm: { select: { primaryApp: true } } },
    });
    return estateView({
      id: estate.id,
      name: estate.name,
      createdAt: full.createdAt,
      imports,
      memberCount,
      members: members.map((m) => ({ vmId: m.vmId, config: m.config, primaryApp: m.vm?.primaryApp ?? null })),
    });
  });
}

/** Deletes an estate and every VM it published. */
export async function deleteEstate(db: Db, id: string, token: string | null): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    await lockEstate(tx, id, token);
    const ids = (await tx.estateMember.findMany({ where: { estateId: id }, select: { vmId: true } }))
      .map((m) => m.vmId)
      .filter((v): v is string => !!v);
    const delta = new PeerStatsDelta();
    await deleteOwnedVms(tx, ids, delta);
    await tx.estate.delete({ where: { id } });
    await delta.apply(tx);
    return ids.length;
  }, TX_OPTIONS);
}

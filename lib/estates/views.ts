import { totalDiskGiB, type NormalizedVm } from "@/lib/vm/model";
import { describeChanges, totalsDelta, type EstateTotals, type FieldChange } from "./diff";
import type { ImportPlan, ImportSummary, PreviousMember, TaggedKey } from "./plan";
import type { IncomingEstateVm } from "./prepare";
import { tagChoiceSchema, type TagChoice } from "./tags";

/*
 * What the estate pages and the API show of an estate and of one import,
 * and how it is put together from the import's plan and the rows read.
 */

/** Field changes kept per import for the history view; the response to the importer has them all. */
export const STORED_CHANGES = 1000;

/** What the database keeps of a VM between imports (estate_member.config). */
export interface MemberSnapshot {
  vm: NormalizedVm;
  keys: TaggedKey[];
}

export interface VmBrief {
  vcpus: number;
  memoryMiB: number;
  diskGiB: number | null;
  guestOs: string | null;
}

export interface AddedVm extends VmBrief {
  vmId: string;
  /** The VM's name from the uploaded file: returned to the uploader, never stored. */
  label: string | null;
}

export interface RemovedVm extends VmBrief {
  /** The published VM that was deleted with this import. */
  vmId: string | null;
}

export interface ChangedVm {
  vmId: string | null;
  label: string | null;
  changes: FieldChange[];
  text: string;
}

export interface ImportDiff {
  importId: string;
  seq: number;
  createdAt: string;
  summary: ImportSummary;
  totals: EstateTotals;
  previousTotals: EstateTotals | null;
  delta: EstateTotals;
  added: AddedVm[];
  removed: RemovedVm[];
  changed: ChangedVm[];
}

/** Stored in estate_import.summary. */
export interface StoredImportSummary extends ImportSummary {
  tagging: TagChoice;
  changes: { vmId: string | null; changes: FieldChange[] }[];
  changesTruncated: boolean;
}

export interface EstateImportView {
  id: string;
  seq: number;
  createdAt: string;
  totals: EstateTotals;
  summary: StoredImportSummary;
}

export interface EstateMemberView extends VmBrief {
  vmId: string | null;
  primaryApp: string | null;
}

export interface EstateView {
  id: string;
  name: string;
  createdAt: string;
  imports: EstateImportView[];
  totals: EstateTotals;
  memberCount: number;
  members: EstateMemberView[];
  membersTruncated: boolean;
  tagging: TagChoice | null;
}

export interface CreatedEstate {
  id: string;
  editToken: string;
  import: ImportDiff;
}

export function brief(vm: NormalizedVm): VmBrief {
  return { vcpus: vm.cpu.vcpus, memoryMiB: vm.memoryMiB, diskGiB: totalDiskGiB(vm), guestOs: vm.guestOs.name ?? vm.guestOs.family };
}

/** The matched VMs that changed, with the published VM each now is. */
export function changedVms(plan: ImportPlan, incoming: IncomingEstateVm[], vmIdOf: ReadonlyMap<number, string | null>): ChangedVm[] {
  return plan.matched
    .filter((m) => m.changes.length > 0)
    .map((m) => ({ vmId: vmIdOf.get(m.next) ?? null, label: incoming[m.next].label, changes: m.changes, text: describeChanges(m.changes) }));
}

/** The import's summary as stored for the history: labels dropped, changes capped. */
export function storedSummary(plan: ImportPlan, tagging: TagChoice, changed: ChangedVm[]): StoredImportSummary {
  return {
    ...plan.summary,
    tagging,
    changes: changed.slice(0, STORED_CHANGES).map((c) => ({ vmId: c.vmId, changes: c.changes })),
    changesTruncated: changed.length > STORED_CHANGES,
  };
}

/** What the importer is told: everything added, removed and changed, with the labels from the upload. */
export function importDiff(input: {
  importId: string;
  seq: number;
  createdAt: Date;
  plan: ImportPlan;
  incoming: IncomingEstateVm[];
  previous: PreviousMember[];
  vmIdOf: ReadonlyMap<number, string | null>;
  changed: ChangedVm[];
}): ImportDiff {
  const { plan, incoming, previous, vmIdOf } = input;
  return {
    importId: input.importId,
    seq: input.seq,
    createdAt: input.createdAt.toISOString(),
    summary: plan.summary,
    totals: plan.totals,
    previousTotals: plan.previousTotals,
    delta: totalsDelta(plan.previousTotals, plan.totals),
    added: plan.added.map((n) => ({ vmId: vmIdOf.get(n)!, label: incoming[n].label, ...brief(incoming[n].vm) })),
    removed: plan.removed.map((i) => ({ vmId: previous[i].vmId, ...brief(previous[i].vm) })),
    changed: input.changed,
  };
}

/** The estate page from its rows: the imports oldest first, and the members of the latest one. */
export function estateView(rows: {
  id: string;
  name: string;
  createdAt: Date;
  imports: { id: string; seq: number; createdAt: Date; totals: unknown; summary: unknown }[];
  memberCount: number;
  members: { vmId: string | null; config: unknown; primaryApp: string | null }[];
}): EstateView {
  const views: EstateImportView[] = rows.imports.map((i) => ({
    id: i.id,
    seq: i.seq,
    createdAt: i.createdAt.toISOString(),
    totals: i.totals as EstateTotals,
    summary: i.summary as StoredImportSummary,
  }));
  const latest = views[views.length - 1];
  return {
    id: rows.id,
    name: rows.name,
    createdAt: rows.createdAt.toISOString(),
    imports: views,
    totals: latest?.totals ?? { vms: 0, vcpus: 0, memoryMiB: 0, diskGiB: 0 },
    memberCount: rows.memberCount,
    members: rows.members.map((m) => ({ vmId: m.vmId, primaryApp: m.primaryApp, ...brief((m.config as MemberSnapshot).vm) })),
    membersTruncated: rows.memberCount > rows.members.length,
    tagging: latest ? (tagChoiceSchema.safeParse(latest.summary.tagging).data ?? null) : null,
  };
}

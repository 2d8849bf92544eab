import { AppError, isAppError } from "@/lib/errors/app-error";
import { mapRvtools } from "@/lib/formats/rvtools/map";
import { readRvtools, type RvtoolsRaw } from "@/lib/formats/rvtools/read";
import { MAX_WORKBOOK_BYTES } from "@/lib/formats/types";
import { type ParsedVm } from "@/lib/vm/parsed";
import { contextSchema, type VmContext } from "@/lib/vm/context";
import { normalizedVmSchema, totalDiskGiB, zeroSizesAsUnknown } from "@/lib/vm/model";
import { plausibilityReasons, reasonMessages } from "@/lib/vm/plausibility";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import { tagsFor, type RuleTarget, type TagRule } from "./tag-rules";

export { tagRuleSchema, tagRulesSchema, tagsFor, type RuleTarget, type TagRule } from "./tag-rules";
import { toPublishable } from "@/lib/vm/publishable";

/**
 * Bulk import of an RVTools export: a summary to review first, then tags
 * assigned by rules, then contributions ready to stage as an import job.
 * The summary goes back to the uploader only (it shows their own VM names and
 * column values so they can write rules); nothing in it is stored.
 */
export const MAX_RULE_COLUMN_VALUES = 200;

export interface ImportColumn {
  name: string;
  values: { value: string; count: number }[];
}

export interface ImportRow {
  /** vInfo row number: the stable handle of a VM for per-VM rules. */
  row: number;
  name: string;
  guestFamily: string | null;
  guestName: string | null;
  vcpus: number;
  memoryMiB: number;
  /** null when unknown (lib/vm/model.ts totalDiskGiB), never 0. */
  diskGiB: number | null;
  /** For each of `columns`, the index of this row's value, or -1 when empty. */
  cells: number[];
  /** Why this VM looks implausible (lib/vm/plausibility.ts); imported only when the uploader confirms. */
  implausible: string[];
}

export interface ImportSummary {
  fileName: string;
  vmCount: number;
  problems: string[];
  guestFamilies: { value: string; count: number }[];
  guestNames: { value: string; count: number }[];
  columns: ImportColumn[];
  rows: ImportRow[];
}

interface Parsed {
  raw: RvtoolsRaw;
  vms: ParsedVm[];
  problems: string[];
}

function rowNumberOf(p: ParsedVm): number {
  return Number(/row (\d+)/.exec(p.origin ?? "")?.[1] ?? 0);
}

function parseWorkbook(fileName: string, data: Uint8Array): Parsed {
  if (data.length > MAX_WORKBOOK_BYTES) throw new AppError("too_large", `file is larger than ${MAX_WORKBOOK_BYTES / 2 ** 20} MiB`, { file: fileName });
  try {
    const raw = readRvtools(data, fileName);
    const result = mapRvtools(raw, fileName);
    const problems = [...result.warnings];
    const vms: ParsedVm[] = [];
    for (const p of result.vms) {
      const ok = normalizedVmSchema.safeParse(p.vm);
      if (ok.success) vms.push({ ...p, vm: zeroSizesAsUnknown(ok.data) });
      else problems.push(`${fileName}: ${p.origin ?? "a row"}: ${ok.error.issues[0].path.join(".")}: ${ok.error.issues[0].message}; row skipped`);
    }
    return { raw, vms, problems };
  } catch (e) {
    if (isAppError(e)) throw e.file ? e : new AppError(e.code, e.message, { file: fileName, line: e.line, field: e.field });
    throw new AppError("parse_error", `is not an RVTools export this site can read: ${(e as Error).message}`, { file: fileName });
  }
}

function rowCells(raw: RvtoolsRaw): Map<number, (string | null)[]> {
  return new Map(raw.vInfo.rows.map((r) => [r.rowNumber, r.cells]));
}

function columnsByName(raw: RvtoolsRaw): { name: string; index: number }[] {
  const seen = new Set<string>();
  return raw.vInfo.header
    .map((h, index) => ({ name: (h ?? "").trim(), index }))
    .filter((c) => c.name !== "" && !seen.has(c.name) && (seen.add(c.name), true));
}

function counted(values: (string | null)[]): { value: string; count: number }[] {
  const m = new Map<string, number>();
  for (const v of values) if (v != null && v !== "") m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The review step: counts, per-row problems, and what rules can match on. */
export function summarizeWorkbook(fileName: string, data: Uint8Array): ImportSummary {
  const { raw, vms, problems } = parseWorkbook(fileName, data);
  const cells = rowCells(raw);
  const rowsOf = vms.map((p) => cells.get(rowNumberOf(p)) ?? []);
  // Columns with a handful of repeated values are the useful ones for rules
  // (folder, cluster, resource pool, custom attributes); unique ones are not.
  const columns = columnsByName(raw)
    .map((c) => ({ ...c, values: counted(rowsOf.map((r) => r[c.index] ?? null)) }))
    .filter((c) => c.values.length >= 1 && c.values.length <= MAX_RULE_COLUMN_VALUES && c.values.length < vms.length);
  const valueIndex = columns.map((c) => new Map(c.values.map((v, i) => [v.value, i])));
  return {
    fileName,
    vmCount: vms.length,
    problems,
    guestFamilies: counted(vms.map((p) => p.vm.guestOs.family)),
    guestNames: counted(vms.map((p) => p.vm.guestOs.name)),
    columns: columns.map((c) => ({ name: c.name, values: c.values })),
    rows: vms.map((p, i) => ({
      row: rowNumberOf(p),
      name: p.vm.name ?? `row ${rowNumberOf(p)}`,
      guestFamily: p.vm.guestOs.family,
      guestName: p.vm.guestOs.name,
      vcpus: p.vm.cpu.vcpus,
      memoryMiB: p.vm.memoryMiB,
      diskGiB: totalDiskGiB(p.vm),
      cells: columns.map((c, k) => {
        const v = rowsOf[i][c.index];
        return v == null ? -1 : valueIndex[k].get(v) ?? -1;
      }),
      implausible: reasonMessages(plausibilityReasons(p.vm)),
    })),
  };
}

export interface BulkContributions {
  contributions: Contribution[];
  /** VMs no rule gave a tag; not imported. */
  untagged: number;
  /** Tagged VMs that look implausible and were left out because the uploader did not confirm them. */
  implausibleSkipped: number;
}

/**
 * Redacted contributions for every VM a rule tags, ready to stage as an import job. An implausible VM is
 * imported (marked, and out of peer statistics until a moderator confirms it) only with
 * `confirmImplausible`; otherwise it is left out and counted, so a few odd rows never block an export.
 */
export function contributionsFromWorkbook(
  fileName: string, data: Uint8Array, rules: TagRule[], context: Partial<VmContext> = {}, opts: { confirmImplausible?: boolean } = {},
): BulkContributions {
  const { raw, vms } = parseWorkbook(fileName, data);
  const cells = rowCells(raw);
  const cols = columnsByName(raw);
  const ctx = contextSchema.parse({ ...context, networkRoles: [] });
  const contributions: Contribution[] = [];
  let untagged = 0;
  let implausibleSkipped = 0;
  for (const p of vms) {
    const row = rowNumberOf(p);
    const r = cells.get(row) ?? [];
    const target: RuleTarget = {
      row,
      guestFamily: p.vm.guestOs.family,
      guestName: p.vm.guestOs.name,
      columns: Object.fromEntries(cols.map((c) => [c.name, r[c.index] ?? null])),
    };
    const tags = tagsFor(target, rules);
    if (tags.length === 0) {
      untagged++;
      continue;
    }
    const implausible = plausibilityReasons(p.vm).length > 0;
    if (implausible && !opts.confirmImplausible) {
      implausibleSkipped++;
      continue;
    }
    const red = toPublishable(p);
    contributions.push(contributionSchema.parse({
      vm: red.vm,
      tags,
      context: { ...ctx, networkRoles: red.networkRoles },
      identityKey: red.identityKey,
      ...(implausible ? { confirmImplausible: true } : {}),
    }));
  }
  return { contributions, untagged, implausibleSkipped };
}

/**
 * The VMs of a workbook with what tag rules match on (row, guest, vInfo columns), for the estate report,
 * which tags VMs by the same rules as this import without storing anything.
 */
export function workbookRuleTargets(fileName: string, data: Uint8Array, columns?: ReadonlySet<string>): { vms: ParsedVm[]; targets: RuleTarget[]; problems: string[] } {
  const { raw, vms, problems } = parseWorkbook(fileName, data);
  const cells = rowCells(raw);
  // Only the columns some rule names: 90-odd columns for each of 10,000 VMs is a lot of objects for nothing.
  const cols = columnsByName(raw).filter((c) => !columns || columns.has(c.name));
  const targets = vms.map((p) => {
    const row = rowNumberOf(p);
    const r = cells.get(row) ?? [];
    return { row, guestFamily: p.vm.guestOs.family, guestName: p.vm.guestOs.name, columns: Object.fromEntries(cols.map((c) => [c.name, r[c.index] ?? null])) };
  });
  return { vms, targets, problems };
}

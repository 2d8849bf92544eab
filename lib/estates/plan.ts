import type { NormalizedVm } from "@/lib/vm/model";
import { diffVm, estateTotals, type EstateTotals, type FieldChange } from "./diff";

/**
 * A VM's keyed identifiers as stored: "u:<hex>" for a UUID, "n:<hex>" for a
 * name (lib/estates/keys.ts), most specific first.
 */
export type TaggedKey = `u:${string}` | `n:${string}`;

export interface PreviousMember {
  keys: TaggedKey[];
  vmId: string | null;
  vm: NormalizedVm;
}

export interface IncomingVm {
  keys: TaggedKey[];
  /** Redacted. */
  vm: NormalizedVm;
}

export interface MatchedVm {
  previous: number;
  next: number;
  changes: FieldChange[];
}

export interface ImportSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface ImportPlan {
  /** Every incoming VM found in the previous import, changed or not, in incoming order. */
  matched: MatchedVm[];
  /** Indexes into the incoming VMs. */
  added: number[];
  /** Indexes into the previous members. */
  removed: number[];
  summary: ImportSummary;
  totals: EstateTotals;
  previousTotals: EstateTotals | null;
}

/**
 * Pairs the VMs of a new import with the estate's previous members: first by
 * UUID (survives a rename), then by name (survives a VM rebuilt under the same
 * name). Each previous member pairs with at most one incoming VM; what is
 * left over was added or removed.
 */
export function planImport(previous: PreviousMember[] | null, incoming: IncomingVm[]): ImportPlan {
  const prev = previous ?? [];
  const owner = new Map<string, number>();
  prev.forEach((m, i) => m.keys.forEach((k) => owner.has(k) || owner.set(k, i)));
  const taken = new Set<number>();
  const pairOf = new Map<number, number>();

  for (const kind of ["u:", "n:"] as const) {
    incoming.forEach((vm, n) => {
      if (pairOf.has(n)) return;
      for (const k of vm.keys) {
        if (!k.startsWith(kind)) continue;
        const p = owner.get(k);
        if (p !== undefined && !taken.has(p)) {
          taken.add(p);
          pairOf.set(n, p);
          return;
        }
      }
    });
  }

  const matched: MatchedVm[] = [];
  const added: number[] = [];
  incoming.forEach((vm, n) => {
    const p = pairOf.get(n);
    if (p === undefined) added.push(n);
    else matched.push({ previous: p, next: n, changes: diffVm(prev[p].vm, vm.vm) });
  });
  const removed = prev.map((_, i) => i).filter((i) => !taken.has(i));
  const changed = matched.filter((m) => m.changes.length > 0).length;
  return {
    matched,
    added,
    removed,
    summary: { added: added.length, removed: removed.length, changed, unchanged: matched.length - changed },
    totals: estateTotals(incoming.map((v) => v.vm)),
    previousTotals: previous ? estateTotals(prev.map((m) => m.vm)) : null,
  };
}

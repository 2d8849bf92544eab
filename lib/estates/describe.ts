/**
 * Wording of field changes, apart from the diff so that browser code can use
 * it without loading the VM schema.
 */

/** One changed fact of a VM between two imports, already worded for people. */
export interface FieldChange {
  /** Stable path, e.g. "cpu.vcpus", "disks.0.sizeGiB", "nics.1.model". */
  field: string;
  label: string;
  from: string;
  to: string;
}

const UNIT = /^(-?[\d.,]+) (MiB|GiB|TiB)$/;

/** "vCPU 2 → 4", "memory 8 → 16 GiB" (a shared unit is written once), "disk 2: 40 → 60 GiB". */
export function describeChange(c: FieldChange): string {
  const f = UNIT.exec(c.from);
  const t = UNIT.exec(c.to);
  const from = f && t && f[2] === t[2] ? f[1] : c.from;
  // A label ending in a number ("disk 2") would run into the value.
  return `${c.label}${/\d$/.test(c.label) ? ":" : ""} ${from} → ${c.to}`;
}

export function describeChanges(changes: FieldChange[]): string {
  return changes.map(describeChange).join(", ");
}

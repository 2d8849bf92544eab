import Link from "next/link";
import type { ReactNode } from "react";
import { memoryPerVcpuGiB, socketCount, type ColumnId } from "@/lib/browse/columns";
import { formatDate, label, trim } from "@/lib/text/display";
import type { VmRow } from "@/lib/vm/record";

/** How each browse column shows a row; the CSV export uses lib/browse/columns.ts instead. */
const dash = <span aria-label="unknown">—</span>;
const text = (v: string | null | undefined) => (v ? v : dash);
const num = (v: number | null | undefined, digits = 2) => (v == null ? dash : trim(v, digits));

/**
 * Compact names for narrow cells: the vendor's name and the bitness add width
 * but tell an admin nothing here ("Windows Server 2019" for "Microsoft
 * Windows Server 2019 (64-bit)"); the full name is the cell's title.
 */
export function shortOs(name: string): string {
  return name
    .replace(/^Microsoft\s+/, "")
    .replace(/^Red Hat Enterprise Linux\b/, "RHEL")
    .replace(/^SUSE Linux Enterprise Server\b/, "SLES")
    .replace(/\s*\((?:64|32)-bit\)\s*$/, "");
}

export function hypervisorName(r: VmRow): string | null {
  const name = r.hypervisorProduct ?? (r.hypervisorVendor ? label(r.hypervisorVendor) : null);
  return name ? [name, r.hypervisorVersion].filter(Boolean).join(" ") : null;
}

export function shortHypervisor(full: string): string {
  return full.replace(/^Microsoft\s+/, "").replace(/\bWindows Server\s+/, "");
}

export function osName(r: VmRow): string | null {
  return r.guestOsName ?? (r.guestFamily ? label(r.guestFamily) : null);
}

/** A long text cut to the column's width, whole in its title (and to screen readers). */
const clipped = (full: string | null, short = full) => (full ? <span className="clip" title={full}>{short}</span> : dash);

/** The VM's label: its application and version, or "Untagged". */
export function appLabel(r: VmRow): string {
  return [r.primaryAppName ?? r.primaryApp ?? "Untagged", r.primaryAppVersion].filter(Boolean).join(" ");
}

export const CELLS: Record<ColumnId, (r: VmRow) => ReactNode> = {
  app: (r) => (
    <Link href={`/vms/${r.id}`} prefetch={false} className="clip" title={appLabel(r)}>
      {r.primaryAppName ?? r.primaryApp ?? "Untagged"}
      {r.primaryAppVersion ? <span className="muted"> {r.primaryAppVersion}</span> : null}
    </Link>
  ),
  vcpus: (r) => r.vcpus,
  coresPerSocket: (r) => num(r.coresPerSocket),
  sockets: (r) => num(socketCount(r)),
  memory: (r) => num(r.memoryMib / 1024),
  memPerVcpu: (r) => num(memoryPerVcpuGiB(r)),
  disk: (r) => num(r.totalDiskGib, 1),
  disks: (r) => r.diskCount,
  nics: (r) => r.nicCount,
  nicModels: (r) => (r.nicModels.length ? r.nicModels.join(", ") : dash),
  os: (r) => {
    const full = osName(r);
    return clipped(full, full && shortOs(full));
  },
  hypervisor: (r) => {
    const full = hypervisorName(r);
    return clipped(full, full && shortHypervisor(full));
  },
  hw: (r) => text(r.hardwareVersion),
  firmware: (r) => (r.firmware ? label(r.firmware) : dash),
  env: (r) => (r.environment ? label(r.environment) : dash),
  industry: (r) => (r.industry ? label(r.industry) : dash),
  orgSize: (r) => text(r.organizationSize),
  format: (r) => label(r.sourceFormat),
  created: (r) => formatDate(r.createdAt),
};

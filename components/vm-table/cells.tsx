import Link from "next/link";
import type { ReactNode } from "react";
import { memoryPerVcpuGiB, socketCount, type ColumnId } from "@/lib/browse/columns";
import { formatDate, label, trim } from "@/lib/text/display";
import type { VmRow } from "@/lib/vm/record";

/** How each browse column shows a row; the CSV export uses lib/browse/columns.ts instead. */
const dash = <span aria-label="unknown">—</span>;
const text = (v: string | null | undefined) => (v ? v : dash);
const num = (v: number | null | undefined, digits = 2) => (v == null ? dash : trim(v, digits));

export const CELLS: Record<ColumnId, (r: VmRow) => ReactNode> = {
  app: (r) => (
    <Link href={`/vms/${r.id}`}>
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
  os: (r) => r.guestOsName ?? (r.guestFamily ? label(r.guestFamily) : dash),
  hypervisor: (r) => {
    const name = r.hypervisorProduct ?? (r.hypervisorVendor ? label(r.hypervisorVendor) : null);
    return name ? [name, r.hypervisorVersion].filter(Boolean).join(" ") : dash;
  },
  hw: (r) => text(r.hardwareVersion),
  firmware: (r) => (r.firmware ? label(r.firmware) : dash),
  env: (r) => (r.environment ? label(r.environment) : dash),
  industry: (r) => (r.industry ? label(r.industry) : dash),
  orgSize: (r) => text(r.organizationSize),
  format: (r) => label(r.sourceFormat),
  created: (r) => formatDate(r.createdAt),
};

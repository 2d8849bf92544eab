import type { VmRow } from "@/lib/vm/record";
import type { SortColumn } from "./query";

/**
 * The browse table's columns, shared by the table, the column picker and the
 * CSV export, so a column means the same thing on screen and in a file.
 * A column may export several CSV fields (the application's name, slug and
 * version) because a file is read by programs, not people.
 */
export interface CsvField {
  header: string;
  value: (r: VmRow) => string | number | null;
}

export interface BrowseColumn {
  id: string;
  label: string;
  numeric: boolean;
  sort?: SortColumn;
  /** The sort direction a first click on the header chooses: biggest or A first. */
  firstDir: "asc" | "desc";
  csv: readonly CsvField[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function memoryPerVcpuGiB(r: Pick<VmRow, "memoryMib" | "vcpus">): number {
  return round3(r.memoryMib / 1024 / r.vcpus);
}

export function socketCount(r: Pick<VmRow, "vcpus" | "coresPerSocket">): number | null {
  return r.coresPerSocket && r.coresPerSocket > 0 ? Math.ceil(r.vcpus / r.coresPerSocket) : null;
}

export const BROWSE_COLUMNS = [
  {
    id: "app", label: "Application", numeric: false, sort: "app", firstDir: "asc",
    csv: [
      { header: "application", value: (r) => r.primaryAppName ?? r.primaryApp },
      { header: "application_slug", value: (r) => r.primaryApp },
      { header: "application_version", value: (r) => r.primaryAppVersion },
    ],
  },
  { id: "vcpus", label: "vCPUs", numeric: true, sort: "vcpus", firstDir: "desc", csv: [{ header: "vcpus", value: (r) => r.vcpus }] },
  { id: "coresPerSocket", label: "Cores/socket", numeric: true, sort: "vcpuPerSocket", firstDir: "desc", csv: [{ header: "cores_per_socket", value: (r) => r.coresPerSocket }] },
  { id: "sockets", label: "Sockets", numeric: true, sort: "sockets", firstDir: "desc", csv: [{ header: "sockets", value: socketCount }] },
  { id: "memory", label: "Memory (GiB)", numeric: true, sort: "memory", firstDir: "desc", csv: [{ header: "memory_gib", value: (r) => round3(r.memoryMib / 1024) }] },
  { id: "memPerVcpu", label: "GiB / vCPU", numeric: true, sort: "memPerVcpu", firstDir: "desc", csv: [{ header: "memory_per_vcpu_gib", value: memoryPerVcpuGiB }] },
  { id: "disk", label: "Disk (GiB)", numeric: true, sort: "disk", firstDir: "desc", csv: [{ header: "total_disk_gib", value: (r) => r.totalDiskGib }] },
  { id: "disks", label: "Disks", numeric: true, sort: "disks", firstDir: "desc", csv: [{ header: "disks", value: (r) => r.diskCount }] },
  { id: "nics", label: "NICs", numeric: true, sort: "nics", firstDir: "desc", csv: [{ header: "nics", value: (r) => r.nicCount }] },
  { id: "nicModels", label: "NIC models", numeric: false, firstDir: "asc", csv: [{ header: "nic_models", value: (r) => r.nicModels.join(" ") }] },
  {
    id: "os", label: "Guest OS", numeric: false, sort: "os", firstDir: "asc",
    csv: [
      { header: "guest_os", value: (r) => r.guestOsName },
      { header: "guest_family", value: (r) => r.guestFamily },
    ],
  },
  {
    id: "hypervisor", label: "Hypervisor", numeric: false, sort: "hypervisor", firstDir: "asc",
    csv: [
      { header: "hypervisor_vendor", value: (r) => r.hypervisorVendor },
      { header: "hypervisor_product", value: (r) => r.hypervisorProduct },
      { header: "hypervisor_version", value: (r) => r.hypervisorVersion },
    ],
  },
  { id: "hw", label: "HW version", numeric: false, sort: "hw", firstDir: "asc", csv: [{ header: "hardware_version", value: (r) => r.hardwareVersion }] },
  { id: "firmware", label: "Firmware", numeric: false, sort: "firmware", firstDir: "asc", csv: [{ header: "firmware", value: (r) => r.firmware }] },
  { id: "env", label: "Environment", numeric: false, sort: "env", firstDir: "asc", csv: [{ header: "environment", value: (r) => r.environment }] },
  { id: "industry", label: "Industry", numeric: false, sort: "industry", firstDir: "asc", csv: [{ header: "industry", value: (r) => r.industry }] },
  { id: "orgSize", label: "Org size", numeric: false, sort: "orgSize", firstDir: "asc", csv: [{ header: "organization_size", value: (r) => r.organizationSize }] },
  { id: "format", label: "Source", numeric: false, sort: "format", firstDir: "asc", csv: [{ header: "source_format", value: (r) => r.sourceFormat }] },
  { id: "created", label: "Contributed", numeric: false, sort: "created", firstDir: "desc", csv: [{ header: "contributed", value: (r) => r.createdAt.slice(0, 10) }] },
] as const satisfies readonly BrowseColumn[];

export type ColumnId = (typeof BROWSE_COLUMNS)[number]["id"];

export const COLUMN_IDS: readonly ColumnId[] = BROWSE_COLUMNS.map((c) => c.id);

/**
 * The rest stay in the picker: the default table fits a 1280-px screen beside
 * the filters (e2e/browse-table.spec.ts checks it), with the numbers peers are
 * compared by first.
 */
export const DEFAULT_COLUMNS: readonly ColumnId[] = ["app", "vcpus", "memory", "memPerVcpu", "disk", "os", "hypervisor", "created"];

export function isColumnId(s: string): s is ColumnId {
  return (COLUMN_IDS as readonly string[]).includes(s);
}

export function getColumn(id: ColumnId): BrowseColumn {
  return BROWSE_COLUMNS.find((c) => c.id === id)!;
}

import { FilterSyntaxError, parseNumericFilter, parseTextFilter, type NumericFilter, type TextFilter } from "./filter-expr";

/**
 * The browse table's state, kept in the URL so that a view can be shared and
 * the back button works. One parser and one serializer, used by the page, the
 * client table and GET /api/v1/vms.
 */
export const SORT_COLUMNS = {
  vcpus: "v.vcpus",
  memory: "v.memory_mib",
  disk: "v.total_disk_gib",
  disks: "v.disk_count",
  nics: "v.nic_count",
  app: "v.primary_app",
  os: "v.guest_os_name",
  hypervisor: "v.hypervisor_product",
  hw: "v.hardware_version",
  created: "v.created_at",
  memPerVcpu: "v.memory_per_vcpu_gib",
  vcpuPerSocket: "v.cores_per_socket",
  sockets: "v.sockets",
  firmware: "v.firmware",
  format: "v.source_format",
  env: "v.environment::text",
  industry: "v.industry",
  orgSize: "v.organization_size",
} as const;
export type SortColumn = keyof typeof SORT_COLUMNS;

/**
 * Sort columns that may hold NULL. They sort with NULLS LAST both ways and
 * have a matching (col DESC NULLS LAST) index; the others use the default
 * null order so that a plain index scan serves both directions.
 */
export const NULLABLE_SORTS: ReadonlySet<SortColumn> = new Set<SortColumn>([
  "app", "os", "hypervisor", "hw", "vcpuPerSocket", "sockets", "firmware", "env", "industry", "orgSize",
  // An unknown total disk is NULL: last whichever way the table is sorted, never first as if it were 0.
  "disk",
]);

/** The ORDER BY of a browse query: the column, then id as a stable tie-breaker. */
export function orderBySql(sort: SortColumn, dir: "asc" | "desc"): string {
  const d = dir === "asc" ? "ASC" : "DESC";
  const nulls = NULLABLE_SORTS.has(sort) ? " NULLS LAST" : "";
  return `${SORT_COLUMNS[sort]} ${d}${nulls}, v.id ${d}`;
}

/** Numeric filters: URL key -> SQL expression, with the unit the user types. */
export const NUMERIC_FILTERS = {
  vcpus: { sql: "v.vcpus", label: "vCPUs", scale: 1 },
  memory: { sql: "v.memory_mib", label: "Memory (GiB)", scale: 1024 },
  disk: { sql: "v.total_disk_gib", label: "Total disk (GiB)", scale: 1 },
  disks: { sql: "v.disk_count", label: "Disks", scale: 1 },
  nics: { sql: "v.nic_count", label: "NICs", scale: 1 },
  memPerVcpu: { sql: "v.memory_per_vcpu_gib", label: "Memory per vCPU (GiB)", scale: 1 },
  vcpuPerSocket: { sql: "v.cores_per_socket", label: "vCPU per socket", scale: 1 },
  sockets: { sql: "v.sockets", label: "Sockets", scale: 1 },
} as const;
export type NumericFilterKey = keyof typeof NUMERIC_FILTERS;

/** Text (facet) filters: URL key -> SQL expression. */
export const TEXT_FILTERS = {
  app: { sql: "v.primary_app", label: "Application" },
  vendor: { sql: "v.hypervisor_vendor", label: "Hypervisor vendor" },
  product: { sql: "v.hypervisor_product", label: "Hypervisor" },
  hvVersion: { sql: "v.hypervisor_version", label: "Hypervisor version" },
  family: { sql: "v.guest_family", label: "Guest OS family" },
  os: { sql: "v.guest_os_name", label: "Guest OS" },
  firmware: { sql: "v.firmware", label: "Firmware" },
  env: { sql: "v.environment", label: "Environment", enumType: "Environment", enumValues: ["production", "test", "development"] },
  industry: { sql: "v.industry", label: "Industry" },
  orgSize: { sql: "v.organization_size", label: "Organization size" },
  format: { sql: "v.source_format", label: "Source format" },
  nic: { sql: "v.nic_models", label: "NIC model", array: true },
} as const;
export type TextFilterKey = keyof typeof TEXT_FILTERS;

export const PAGE_SIZES = [25, 50, 100] as const;

export interface BrowseQuery {
  text: Partial<Record<TextFilterKey, TextFilter>>;
  numeric: Partial<Record<NumericFilterKey, NumericFilter>>;
  raw: Record<string, string>;
  sort: SortColumn;
  dir: "asc" | "desc";
  page: number;
  size: number;
}

export interface BrowseQueryError {
  field: string;
  message: string;
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Parses URL parameters; bad values are reported, not thrown, and left out. */
export function parseBrowseQuery(params: Params): { query: BrowseQuery; errors: BrowseQueryError[] } {
  const errors: BrowseQueryError[] = [];
  const q: BrowseQuery = { text: {}, numeric: {}, raw: {}, sort: "created", dir: "desc", page: 1, size: 25 };
  for (const key of Object.keys(TEXT_FILTERS) as TextFilterKey[]) {
    const v = get(params, key)?.trim();
    if (!v) continue;
    const f = parseTextFilter(v.slice(0, 200));
    if (f.values.length) {
      q.text[key] = f;
      q.raw[key] = v;
    }
  }
  for (const key of Object.keys(NUMERIC_FILTERS) as NumericFilterKey[]) {
    const v = get(params, key)?.trim();
    if (!v) continue;
    try {
      q.numeric[key] = parseNumericFilter(key, v.slice(0, 100));
      q.raw[key] = v;
    } catch (e) {
      if (e instanceof FilterSyntaxError) errors.push({ field: key, message: e.message });
      else throw e;
    }
  }
  const sort = get(params, "sort");
  if (sort) {
    if (sort in SORT_COLUMNS) q.sort = sort as SortColumn;
    else errors.push({ field: "sort", message: `sort: unknown column "${sort}"` });
  }
  const dir = get(params, "dir");
  if (dir === "asc" || dir === "desc") q.dir = dir;
  const page = Number(get(params, "page") ?? 1);
  if (Number.isInteger(page) && page >= 1 && page <= 100000) q.page = page;
  const size = Number(get(params, "size") ?? 25);
  if ((PAGE_SIZES as readonly number[]).includes(size)) q.size = size;
  return { query: q, errors };
}

/** The URL parameters of a query (defaults left out), for links. */
export function browseParams(q: BrowseQuery, override: Record<string, string | number | null> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q.raw)) p.set(k, v);
  if (q.sort !== "created") p.set("sort", q.sort);
  if (q.dir !== "desc") p.set("dir", q.dir);
  if (q.page !== 1) p.set("page", String(q.page));
  if (q.size !== 25) p.set("size", String(q.size));
  for (const [k, v] of Object.entries(override)) {
    if (v === null || v === "") p.delete(k);
    else p.set(k, String(v));
  }
  return p;
}

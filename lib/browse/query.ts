import { isOwnKey } from "@/lib/own-key";
import { FilterSyntaxError, parseNumericFilter, parseTextFilter, type NumericFilter, type TextFilter } from "./filter-expr";
import { hasControlChars } from "@/lib/text/control-chars";
import { ENVIRONMENTS, INDUSTRIES, ORG_SIZES } from "@/lib/vm/context";
import { FIRMWARES, GUEST_FAMILIES, HYPERVISOR_VENDORS, SOURCE_FORMATS } from "@/lib/vm/model";

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

/**
 * Numeric filters: URL key -> SQL expression, with the unit the user types.
 * `whole`: counts, typed as whole numbers. `intColumn`: the column is an
 * integer, so a value (times `scale`) must stay within its range. `max` bounds
 * what may be typed, in the user's unit.
 */
export const NUMERIC_FILTERS = {
  vcpus: { sql: "v.vcpus", label: "vCPUs", scale: 1, whole: true, intColumn: true, max: 100_000 },
  memory: { sql: "v.memory_mib", label: "Memory (GiB)", scale: 1024, whole: false, intColumn: true, max: 2_000_000 },
  disk: { sql: "v.total_disk_gib", label: "Total disk (GiB)", scale: 1, whole: false, intColumn: false, max: 1_000_000_000 },
  disks: { sql: "v.disk_count", label: "Disks", scale: 1, whole: true, intColumn: true, max: 100_000 },
  nics: { sql: "v.nic_count", label: "NICs", scale: 1, whole: true, intColumn: true, max: 100_000 },
  memPerVcpu: { sql: "v.memory_per_vcpu_gib", label: "Memory per vCPU (GiB)", scale: 1, whole: false, intColumn: false, max: 2_000_000 },
  vcpuPerSocket: { sql: "v.cores_per_socket", label: "vCPU per socket", scale: 1, whole: true, intColumn: true, max: 100_000 },
  sockets: { sql: "v.sockets", label: "Sockets", scale: 1, whole: true, intColumn: true, max: 100_000 },
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

/**
 * The values a coded facet may take ("none" asks for unknown); a value outside
 * its list is an error, not an empty result. The other text facets are free
 * text and are bounded by length.
 */
const NONE_VALUE = "none";
export const TEXT_FILTER_VALUES: Partial<Record<TextFilterKey, readonly string[]>> = {
  vendor: [...HYPERVISOR_VENDORS, NONE_VALUE],
  family: [...GUEST_FAMILIES, NONE_VALUE],
  firmware: [...FIRMWARES, NONE_VALUE],
  env: [...ENVIRONMENTS, NONE_VALUE],
  industry: [...INDUSTRIES, NONE_VALUE],
  orgSize: [...ORG_SIZES, NONE_VALUE],
  format: [...SOURCE_FORMATS],
};
const TEXT_VALUE_MAX = 256;
const MAX_TEXT_VALUES = 50;
export const MAX_PAGE = 100_000;

export const PAGE_SIZES = [25, 50, 100] as const;

/** Free-text search (q=): bounded like the other filters so a query stays cheap. */
export const SEARCH_MAX_CHARS = 200;
export const SEARCH_MAX_WORDS = 8;
const SEARCH_WORD_MAX = 64;
/** Ticked rows (sel=): more than anyone compares, few enough for a URL. */
export const MAX_SELECTED = 50;
const VM_ID = /^[a-z0-9][a-z0-9_]{0,39}$/;

/**
 * The words of a search: letters and digits (a dot inside a word is kept, so
 * "8.0" stays a version). Each is matched as a word prefix, all of them must
 * match. Only these characters reach the tsquery (lib/db/browse.ts), so a
 * word can never be read as tsquery syntax.
 */
export function searchWords(raw: string): string[] {
  return raw
    .toLowerCase()
    .split(/[^\p{L}\p{N}.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ""))
    .filter(Boolean);
}

export interface BrowseQuery {
  text: Partial<Record<TextFilterKey, TextFilter>>;
  numeric: Partial<Record<NumericFilterKey, NumericFilter>>;
  /** Words of the free-text search (q=), all required, each a prefix; empty when none. */
  search: string[];
  /** The ticked rows (sel=), in ticking order. */
  selected: string[];
  /** show=selected: only the ticked rows. */
  onlySelected: boolean;
  raw: Record<string, string>;
  sort: SortColumn;
  dir: "asc" | "desc";
  page: number;
  size: number;
  /** Only the VMs one bulk import published (its random public id, lib/db/imports.ts); the uploader's link. */
  importRef?: string;
}

/** A bulk import's public id as the `import` parameter carries it. */
export const IMPORT_REF = /^[a-z0-9]{16}$/;

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
  const q: BrowseQuery = { text: {}, numeric: {}, search: [], selected: [], onlySelected: false, raw: {}, sort: "created", dir: "desc", page: 1, size: 25 };
  const search = get(params, "q")?.trim();
  if (search) {
    const words = searchWords(search);
    if (hasControlChars(search)) errors.push({ field: "q", message: "q: must not contain control characters (such as NUL)" });
    else if (search.length > SEARCH_MAX_CHARS) errors.push({ field: "q", message: `q: the search is longer than ${SEARCH_MAX_CHARS} characters` });
    else if (words.length > SEARCH_MAX_WORDS) errors.push({ field: "q", message: `q: at most ${SEARCH_MAX_WORDS} words` });
    else if (words.some((w) => w.length > SEARCH_WORD_MAX)) errors.push({ field: "q", message: `q: a word is longer than ${SEARCH_WORD_MAX} characters` });
    else if (words.length) {
      q.search = words;
      q.raw.q = search;
    }
  }
  const sel = get(params, "sel")?.trim();
  if (sel) {
    const ids = [...new Set(sel.split(",").map((x) => x.trim()).filter(Boolean))];
    if (sel.length > MAX_SELECTED * 41) errors.push({ field: "sel", message: `sel: the list is longer than ${MAX_SELECTED * 41} characters` });
    else if (ids.length > MAX_SELECTED) errors.push({ field: "sel", message: `sel: at most ${MAX_SELECTED} VMs can be selected` });
    else {
      const bad = ids.find((x) => !VM_ID.test(x));
      if (bad) errors.push({ field: "sel", message: `sel: ${quoted(bad)} is not a VM id` });
      else {
        q.selected = ids;
        q.raw.sel = ids.join(",");
      }
    }
  }
  const show = get(params, "show");
  if (show === "selected") {
    q.onlySelected = true;
    q.raw.show = show;
  } else if (show) errors.push({ field: "show", message: `show: ${quoted(show)} is not a view; use selected` });
  for (const key of Object.keys(TEXT_FILTERS) as TextFilterKey[]) {
    const v = get(params, key)?.trim();
    if (!v) continue;
    const problem = textFilterProblem(key, v);
    if (problem) {
      errors.push({ field: key, message: `${key}: ${problem}` });
      continue;
    }
    const f = parseTextFilter(v);
    if (f.values.length) {
      q.text[key] = f;
      q.raw[key] = v;
    }
  }
  for (const key of Object.keys(NUMERIC_FILTERS) as NumericFilterKey[]) {
    const v = get(params, key)?.trim();
    if (!v) continue;
    try {
      if (v.length > 100) throw new FilterSyntaxError(key, `${key}: the expression is longer than 100 characters`);
      const f = parseNumericFilter(key, v);
      checkNumericBounds(key, f);
      q.numeric[key] = f;
      q.raw[key] = v;
    } catch (e) {
      if (e instanceof FilterSyntaxError) errors.push({ field: key, message: e.message });
      else throw e;
    }
  }
  const importRef = get(params, "import")?.trim();
  if (importRef) {
    if (IMPORT_REF.test(importRef)) {
      q.importRef = importRef;
      q.raw.import = importRef;
    } else errors.push({ field: "import", message: `import: ${quoted(importRef)} is not an import id (16 letters and digits, from the link shown after a bulk import)` });
  }
  const sort = get(params, "sort");
  if (sort) {
    if (isOwnKey(SORT_COLUMNS, sort)) q.sort = sort;
    else errors.push({ field: "sort", message: `sort: unknown column ${quoted(sort)}; use one of ${Object.keys(SORT_COLUMNS).join(", ")}` });
  }
  const dir = get(params, "dir");
  if (dir === "asc" || dir === "desc") q.dir = dir;
  else if (dir) errors.push({ field: "dir", message: `dir: ${quoted(dir)} is not a direction; use asc or desc` });
  const page = get(params, "page");
  if (page) {
    const n = Number(page);
    if (/^\d{1,6}$/.test(page) && n >= 1 && n <= MAX_PAGE) q.page = n;
    else errors.push({ field: "page", message: `page: ${quoted(page)} is not a page number; use a whole number from 1 to ${MAX_PAGE}` });
  }
  const size = get(params, "size");
  if (size) {
    const n = Number(size);
    // Any whole number up to the largest page size: the page offers PAGE_SIZES, API clients may ask for fewer rows.
    const largest = Math.max(...PAGE_SIZES);
    if (/^\d{1,4}$/.test(size) && n >= 1 && n <= largest) q.size = n;
    else errors.push({ field: "size", message: `size: ${quoted(size)} is not a page size; use a whole number from 1 to ${largest}` });
  }
  return { query: q, errors };
}

/** A value echoed in a message: short, and control characters shown as escapes. */
function quoted(v: string): string {
  const s = JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return s.replace(/[\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function textFilterProblem(key: TextFilterKey, raw: string): string | null {
  if (hasControlChars(raw)) return "must not contain control characters (such as NUL)";
  if (raw.length > 1000) return "the filter is longer than 1000 characters";
  const f = parseTextFilter(raw);
  if (f.values.length > MAX_TEXT_VALUES) return `at most ${MAX_TEXT_VALUES} values`;
  const long = f.values.find((v) => v.length > TEXT_VALUE_MAX);
  if (long) return `a value is longer than ${TEXT_VALUE_MAX} characters`;
  const allowed = TEXT_FILTER_VALUES[key];
  const unknown = allowed && f.values.find((v) => !allowed.includes(v));
  if (unknown) return `unknown value ${quoted(unknown)}; use one of ${allowed.join(", ")}`;
  return null;
}

/** Keeps a typed number within what the column can hold, so the database never sees it out of range. */
function checkNumericBounds(key: NumericFilterKey, f: NumericFilter): void {
  const def = NUMERIC_FILTERS[key];
  const values = f.op === "cmp" ? [f.value] : f.op === "range" ? [f.min, f.max] : f.values;
  if (values.length > 50) throw new FilterSyntaxError(key, `${key}: at most 50 values`);
  for (const x of values) {
    if (def.whole && !Number.isInteger(x)) throw new FilterSyntaxError(key, `${key}: ${x} is not a whole number`);
    if (!(Math.abs(x) <= def.max)) throw new FilterSyntaxError(key, `${key}: ${x} is out of range; use a number from 0 to ${def.max}`);
  }
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

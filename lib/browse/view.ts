import { parseTextFilter } from "./filter-expr";
import { BROWSE_COLUMNS, DEFAULT_COLUMNS, isColumnId, type BrowseColumn, type ColumnId } from "./columns";
import { browseParams, MAX_SELECTED, NUMERIC_FILTERS, parseBrowseQuery, TEXT_FILTERS, type SortColumn } from "./query";

/**
 * The table's view state beside the query (visible columns, density) and the
 * small URL edits the table makes. Every change goes through the URL, so the
 * server renders it and the back button undoes it.
 */
export type Density = "comfortable" | "compact";

export interface BrowseView {
  cols: ColumnId[];
  density: Density;
}

export const MAX_COMPARE = 4;
/** Rows a CSV export holds at most; the file says so when it is cut. */
export const EXPORT_CAP = 50000;

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function get(params: Params, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** Unknown column ids are dropped; none left means the default set. Order is the table's, not the URL's. */
export function parseColumns(raw: string | undefined): ColumnId[] {
  if (!raw) return [...DEFAULT_COLUMNS];
  if (raw === "all") return BROWSE_COLUMNS.map((c) => c.id);
  const wanted = new Set(raw.split(",").map((s) => s.trim()).filter(isColumnId));
  const cols = BROWSE_COLUMNS.map((c) => c.id).filter((id) => wanted.has(id));
  return cols.length ? cols : [...DEFAULT_COLUMNS];
}

export function parseBrowseView(params: Params): BrowseView {
  return {
    cols: parseColumns(get(params, "cols")),
    density: get(params, "density") === "compact" ? "compact" : "comfortable",
  };
}

/** The `cols` parameter for a set of columns; null for the default set, which keeps URLs short. */
export function colsParam(cols: readonly ColumnId[]): string | null {
  const ordered = BROWSE_COLUMNS.map((c) => c.id).filter((id) => cols.includes(id));
  const isDefault = ordered.length === DEFAULT_COLUMNS.length && ordered.every((id, i) => id === DEFAULT_COLUMNS[i]);
  return isDefault ? null : ordered.join(",");
}

export function toggleColumn(cols: readonly ColumnId[], id: ColumnId): string | null {
  const next = cols.includes(id) ? cols.filter((c) => c !== id) : [...cols, id];
  // An empty table is never what anyone wants; keep the last column.
  return next.length ? colsParam(next) : colsParam(cols);
}

/**
 * A new search string ("?a=b" or "") from the current one with some keys set
 * or removed. Any change but paging goes back to page 1, since the old page
 * number means nothing under new filters.
 */
export function updateSearch(current: string | URLSearchParams, changes: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === "") p.delete(k);
    else p.set(k, String(v));
  }
  if (!("page" in changes)) p.delete("page");
  const s = p.toString();
  return s ? `?${s}` : "";
}

export interface FacetSelection {
  values: string[];
  exclude: boolean;
}

export function facetSelection(raw: string | null | undefined): FacetSelection {
  return raw ? parseTextFilter(raw) : { values: [], exclude: false };
}

function facetRaw(sel: FacetSelection): string | null {
  return sel.values.length ? `${sel.exclude ? "!" : ""}${sel.values.join(",")}` : null;
}

/** Ticks or unticks one value of a facet, keeping an exclusion an exclusion. */
export function toggleFacetValue(raw: string | null | undefined, value: string): string | null {
  const sel = facetSelection(raw);
  const values = sel.values.includes(value) ? sel.values.filter((v) => v !== value) : [...sel.values, value];
  return facetRaw({ values, exclude: sel.exclude });
}

export function setFacetExclude(raw: string | null | undefined, exclude: boolean): string | null {
  return facetRaw({ ...facetSelection(raw), exclude });
}

export function nextSort(current: { sort: SortColumn; dir: "asc" | "desc" }, column: BrowseColumn): { sort: SortColumn; dir: "asc" | "desc" } | null {
  if (!column.sort) return null;
  if (current.sort === column.sort) return { sort: column.sort, dir: current.dir === "asc" ? "desc" : "asc" };
  return { sort: column.sort, dir: column.firstDir };
}

/** URL changes for a sort; the default sort (newest first) leaves the URL clean. */
export function sortChanges(s: { sort: SortColumn; dir: "asc" | "desc" }): Record<string, string | null> {
  return { sort: s.sort === "created" ? null : s.sort, dir: s.dir === "desc" ? null : s.dir };
}

/** Page numbers to show: first, last, and a window around the current page; null is a gap. */
export function pageList(page: number, pages: number, around = 1): (number | null)[] {
  const keep = new Set([1, pages]);
  for (let i = page - around; i <= page + around; i++) if (i >= 1 && i <= pages) keep.add(i);
  const sorted = [...keep].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0) {
      const gap = n - sorted[i - 1];
      if (gap === 2) out.push(n - 1);
      else if (gap > 2) out.push(null);
    }
    out.push(n);
  });
  return out;
}

const FILTER_KEYS = ["q", ...Object.keys(TEXT_FILTERS), ...Object.keys(NUMERIC_FILTERS)];

/** Drops every filter but keeps how the table looks (columns, density, sort, page size). */
export function clearFilters(current: string | URLSearchParams): string {
  return updateSearch(current, Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
}

/** Filter parameters exactly as typed (bad ones too, so the field can show them with the error). */
export function filterValues(current: string | URLSearchParams): Record<string, string> {
  const p = new URLSearchParams(current);
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = p.get(k);
    if (v) out[k] = v.slice(0, 200);
  }
  return out;
}

export function activeFilterCount(current: string | URLSearchParams): number {
  const p = new URLSearchParams(current);
  return FILTER_KEYS.filter((k) => p.get(k)?.trim()).length;
}

export function compareHref(ids: readonly string[]): string {
  return `/compare?ids=${ids.slice(0, MAX_COMPARE).map(encodeURIComponent).join(",")}`;
}

/** The CSV link: the same filters and sort; the visible columns or all of them. */
export function exportHref(current: string | URLSearchParams, all: boolean): string {
  const p = new URLSearchParams(current);
  p.delete("page");
  p.delete("size");
  p.delete("density");
  if (all) p.set("cols", "all");
  const s = p.toString();
  return `/api/v1/vms/export${s ? `?${s}` : ""}`;
}

const SEL_ID = /^[a-z0-9][a-z0-9_]{0,39}$/;

/** The ticked rows of a URL (sel=), in ticking order; ids that cannot be VM ids are dropped. */
export function selectedFrom(current: string | URLSearchParams): string[] {
  const raw = new URLSearchParams(current).get("sel") ?? "";
  return [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => SEL_ID.test(s)))].slice(0, MAX_SELECTED);
}

/** The sel= value for a list of ids; null (no parameter) when none is ticked. */
export function selParam(ids: readonly string[]): string | null {
  return ids.length ? ids.slice(0, MAX_SELECTED).join(",") : null;
}

/** Ticks or unticks rows; a tick beyond MAX_SELECTED is refused (returns null). */
export function toggleSelected(current: readonly string[], ids: readonly string[], on: boolean): string[] | null {
  if (!on) return current.filter((id) => !ids.includes(id));
  const next = [...current, ...ids.filter((id) => !current.includes(id))];
  return next.length > MAX_SELECTED ? null : next;
}

/**
 * The API query behind a page's rows: only the valid parameters (a bad one is
 * shown beside its field and left out, as the server page does), and the
 * selection only when it filters, so ticking a row never refetches.
 */
export function rowsApiSearch(current: string | URLSearchParams): string {
  const { query } = parseBrowseQuery(new URLSearchParams(current));
  const p = browseParams(query);
  if (!query.onlySelected) p.delete("sel");
  return p.toString();
}

/** The API query behind the facet counts: the filters only, so a sort or a page reuses them. */
export function facetsApiSearch(current: string | URLSearchParams): string {
  const { query } = parseBrowseQuery(new URLSearchParams(current));
  const p = browseParams(query, { sort: null, dir: null, page: null, size: null });
  if (!query.onlySelected) p.delete("sel");
  return p.toString();
}

import { parseBrowseQuery, type BrowseQueryError, type SortColumn } from "@/lib/browse/query";
import { facetsApiSearch, rowsApiSearch } from "@/lib/browse/view";
import type { VmRow } from "@/lib/vm/record";
import type { FacetCounts } from "./filters";

/**
 * The browse table's data in the browser: a change of filter, sort or page
 * fetches one page of rows from /api/v1/vms instead of rendering the whole
 * page on the server again, and keeps recent answers so that going back, or a
 * page that was prefetched, shows at once.
 */
export interface RowsData {
  /** The URL search string (without "?") these rows answer. */
  search: string;
  rows: VmRow[];
  total: number;
  totalCapped: boolean;
  page: number;
  pages: number;
  size: number;
  sort: SortColumn;
  dir: "asc" | "desc";
  errors: BrowseQueryError[];
}

type ApiPage = Pick<RowsData, "rows" | "total" | "totalCapped" | "page" | "pages" | "size"> & { facets?: FacetCounts };

/** A fresh-enough answer: the site changes by contributions, minutes apart, not seconds. */
const TTL_MS = 60_000;
const MAX_ENTRIES = 60;

class Cache<T> {
  private m = new Map<string, { at: number; value: Promise<T> }>();
  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.m.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = load();
    // A failed answer is not kept: the next try asks again.
    value.catch(() => this.m.delete(key));
    this.m.set(key, { at: Date.now(), value });
    if (this.m.size > MAX_ENTRIES) this.m.delete(this.m.keys().next().value!);
    return value;
  }
}

const rowsCache = new Cache<ApiPage>();
const facetsCache = new Cache<FacetCounts>();

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as T;
}

/** The rows of a URL search string; rejects when the server refuses or cannot be reached. */
export async function loadRows(search: string): Promise<RowsData> {
  const { query, errors } = parseBrowseQuery(new URLSearchParams(search));
  const api = rowsApiSearch(search);
  const page = await rowsCache.get(api, () => getJson<ApiPage>(`/api/v1/vms${api ? `?${api}` : ""}`));
  return { search, rows: page.rows, total: page.total, totalCapped: page.totalCapped, page: page.page, pages: page.pages, size: page.size, sort: query.sort, dir: query.dir, errors };
}

/** The key that decides whether two URLs share facet counts (filters only). */
export const facetsKey = facetsApiSearch;

/** Facet counts of a URL search string; null when counting failed, as on the server page. */
export function loadFacets(search: string): Promise<FacetCounts | null> {
  const api = facetsApiSearch(search);
  return facetsCache
    .get(api, () => getJson<ApiPage>(`/api/v1/vms?${api ? `${api}&` : ""}facets=1&size=1`).then((p) => p.facets ?? {}))
    .catch(() => null);
}

/** Warms the cache for a view the user is likely to open next (hover, focus, the next page). */
export function prefetchRows(search: string): void {
  loadRows(search).catch(() => {
    /* a prefetch that fails is simply not used */
  });
}

import { TEXT_FILTERS, type BrowseQuery, type TextFilterKey } from "@/lib/browse/query";
import { browseFacets, type FacetValue } from "./browse";
import type { Db } from "./client";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The facet key groups that browseFacets counts in one query each: every
 * facet without its own filter shares one GROUPING SETS scan; a filtered
 * facet, or an array one, needs its own.
 */
export function facetGroups(q: BrowseQuery, keys: TextFilterKey[] = Object.keys(TEXT_FILTERS) as TextFilterKey[]): TextFilterKey[][] {
  const own = (k: TextFilterKey) => k in q.text || "array" in TEXT_FILTERS[k];
  const shared = keys.filter((k) => !own(k));
  return [...(shared.length ? [shared] : []), ...keys.filter(own).map((k) => [k])];
}

/**
 * Facet counts query by query, giving the event loop a turn before each.
 * PGlite runs queries on the server's own thread: without the pauses a page
 * that streams its rows first could not send them until every count was done.
 */
export async function browseFacetsYielding(db: Db, q: BrowseQuery, keys?: TextFilterKey[]): Promise<Record<string, FacetValue[]>> {
  const out: Record<string, FacetValue[]> = {};
  for (const group of facetGroups(q, keys)) {
    await nextTurn();
    Object.assign(out, await browseFacets(db, q, group));
  }
  return out;
}

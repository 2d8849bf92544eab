import { TEXT_FILTERS, type BrowseQuery, type TextFilterKey } from "@/lib/browse/query";
import { browseFacets, type FacetValue } from "./browse";
import type { Db } from "./client";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Facet counts one facet at a time, giving the event loop a turn before each.
 * PGlite runs queries on the server's own thread; without the pauses a page
 * that streams its rows first could not send them until every count was done.
 */
export async function browseFacetsYielding(db: Db, q: BrowseQuery, keys: TextFilterKey[] = Object.keys(TEXT_FILTERS) as TextFilterKey[]): Promise<Record<string, FacetValue[]>> {
  const out: Record<string, FacetValue[]> = {};
  for (const key of keys) {
    await nextTurn();
    Object.assign(out, await browseFacets(db, q, [key]));
  }
  return out;
}

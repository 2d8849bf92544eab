import "server-only";
import type { BrowseQuery, TextFilterKey } from "@/lib/browse/query";
import { browseFacets, facetGroups, type FacetValue } from "./browse";
import type { Db } from "./client";

export { facetGroups };

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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

import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { browseRequest } from "@/lib/browse/request";
import { browseFacets, browseVms } from "@/lib/db/browse";
import { readJson } from "@/lib/api/handler";
import { parsePublishRequest, PUBLISH_BODY_LIMIT } from "@/lib/contribute/api-schemas";
import { publishContributions } from "@/lib/contribute/publish";
import { env } from "@/lib/env";
import { publicOrigin } from "@/lib/server/public-origin";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/vms: the browse table as JSON, with the same query parameters
 * as /vms (filters, sort, dir, page, size; facets=1 adds facet counts).
 */
export const GET = handler(async ({ req, db }) => {
  const params = new URL(req.url).searchParams;
  const query = browseRequest(params);
  const page = await browseVms(db, query);
  const facets = params.get("facets") === "1" ? await browseFacets(db, query) : undefined;
  return NextResponse.json({
    page: page.page,
    size: query.size,
    total: page.total,
    totalCapped: page.totalCapped,
    pages: page.pages,
    rows: page.rows,
    ...(facets ? { facets } : {}),
  });
});

// ── POST (contributing; owned by the contribute feature) ──
/**
 * POST /api/v1/vms: publishes one contribution or `{ "vms": [ … ] }`. Returns
 * 201 with an edit token and link per VM (shown once); 409 with
 * error.details.existingId when the configuration was already published.
 */
export const POST = handler(async ({ req, db }) => {
  const contributions = parsePublishRequest(await readJson(req, PUBLISH_BODY_LIMIT));
  const origin = publicOrigin(req);
  const created = await publishContributions(db, contributions, origin);
  return NextResponse.json({ created }, { status: 201, headers: { "Cache-Control": "no-store" } });
}, { write: true });

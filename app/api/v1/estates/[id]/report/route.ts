import { NextResponse } from "next/server";
import { bearerToken, handler } from "@/lib/api/handler";
import { estateReportFromEstate } from "@/lib/reports/estate-report";

export const dynamic = "force-dynamic";

/** GET /api/v1/estates/{id}/report (Bearer edit token): every VM of the estate compared with its peers. */
export const GET = handler<{ id: string }>(async ({ req, params, db }) => {
  const report = await estateReportFromEstate(db, params.id, bearerToken(req));
  return NextResponse.json(report, { headers: { "Cache-Control": "no-store" } });
});

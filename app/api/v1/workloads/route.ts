import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { listWorkloads } from "@/lib/db/workloads";

export const dynamic = "force-dynamic";

/** GET /api/v1/workloads: every application of the taxonomy by category, with its number of published VMs. */
export const GET = handler(async ({ db }) => {
  return NextResponse.json(await listWorkloads(db), { headers: { "Cache-Control": "public, max-age=60" } });
});

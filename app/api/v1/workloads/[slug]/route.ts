import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { getWorkload } from "@/lib/db/workloads";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/workloads/{slug}: the typical configuration of one application
 * (quartiles of each dimension in display units, splits, trend by year).
 */
export const GET = handler<{ slug: string }>(async ({ params, db }) => {
  const w = await getWorkload(db, params.slug);
  if (!w) throw new AppError("not_found", `No application ${params.slug}. See /api/v1/workloads for the list.`);
  return NextResponse.json(w, { headers: { "Cache-Control": "public, max-age=60" } });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { getVmComparison } from "@/lib/db/compare";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/** GET /api/v1/vms/{id}/comparison: the VM compared with its peers (lib/compare/report-model.ts). */
export const GET = handler<{ id: string }>(async ({ params, db }) => {
  const comparison = await getVmComparison(db, params.id);
  if (!comparison) throw new AppError("not_found", `No published VM with id ${params.id}.`);
  return NextResponse.json(comparison, { headers: { "Cache-Control": "no-store" } });
});

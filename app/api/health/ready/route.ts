import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { databaseReadiness } from "@/lib/db/operations";
import { isAppError } from "@/lib/errors/app-error";
import { isShuttingDown } from "@/lib/server/lifecycle";

export const dynamic = "force-dynamic";

/**
 * Readiness: send this process traffic? Yes when the database answers and has
 * every migration on disk applied, and the process is not shutting down;
 * otherwise 503 with the reason.
 */
export async function GET() {
  if (isShuttingDown()) return NextResponse.json({ status: "unavailable", reason: "the server is shutting down" }, { status: 503 });
  try {
    const db = await getDb();
    const r = await databaseReadiness(db);
    if (!r.ready) return NextResponse.json({ status: "unavailable", reason: r.reason, pendingMigrations: r.pendingMigrations }, { status: 503 });
    return NextResponse.json({ status: "ok", database: db.kind });
  } catch (e) {
    const reason = isAppError(e) ? e.describe() : (e as Error).message;
    return NextResponse.json({ status: "unavailable", reason }, { status: 503 });
  }
}

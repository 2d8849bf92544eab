import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { countVms } from "@/lib/db/vms";
import { isAppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDb();
    const vms = await countVms(db);
    return NextResponse.json({ status: "ok", database: db.kind, vms });
  } catch (e) {
    const reason = isAppError(e) ? e.describe() : (e as Error).message;
    return NextResponse.json({ status: "unavailable", reason }, { status: 503 });
  }
}

import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/** Liveness: the process runs and answers HTTP. It asks nothing of the database, so a slow database never gets a live process restarted. */
export function GET() {
  return NextResponse.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) });
}

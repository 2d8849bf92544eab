import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";

// Served as-is; building it touches no database.
export function GET(req: Request) {
  const doc = openApiDocument(env().PUBLIC_URL ?? new URL(req.url).origin);
  return NextResponse.json(doc, { headers: { "Cache-Control": "public, max-age=300" } });
}

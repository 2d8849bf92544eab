import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";
import { publicOrigin } from "@/lib/server/public-origin";

// Served as-is; building it touches no database.
export function GET(req: Request) {
  const doc = openApiDocument(publicOrigin(req));
  return NextResponse.json(doc, { headers: { "Cache-Control": "public, max-age=300" } });
}

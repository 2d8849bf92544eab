import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { readMultipart } from "@/lib/contribute/read-form";
import { estateTotals } from "@/lib/estates/diff";
import { ESTATE_BODY_LIMIT, parseUpload } from "@/lib/estates/upload";
import { redact } from "@/lib/vm/redact";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/estates/preview (multipart files): what an import would hold —
 * counts, totals and guest families — without storing anything.
 */
export const POST = handler(async ({ req }) => {
  const { files } = await readMultipart(req, ESTATE_BODY_LIMIT);
  const upload = parseUpload(files);
  const vms = upload.parsed.map((p) => redact(p).vm);
  const byFamily: Record<string, number> = {};
  for (const vm of vms) byFamily[vm.guestOs.family ?? "unknown"] = (byFamily[vm.guestOs.family ?? "unknown"] ?? 0) + 1;
  return NextResponse.json(
    { files: upload.files, totals: estateTotals(vms), byFamily, warnings: upload.warnings },
    { headers: { "Cache-Control": "no-store" } },
  );
}, { write: true });

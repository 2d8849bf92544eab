import { ZodError } from "zod";
import { handler, readJson, zodToAppError } from "@/lib/api/handler";
import { estatePdf } from "@/lib/reports/estate-pdf";
import { estatePdfInputSchema } from "@/lib/reports/estate-pdf-input";

export const dynamic = "force-dynamic";

/** The largest trimmed report accepted (20,000 rows of about 200 bytes, with room to spare). */
const PDF_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * POST /api/v1/estate-reports/pdf (JSON: an estate report trimmed by the page to its totals and its flagged or
 * reclaimable VMs): the report as a PDF with its charts. Draws and answers; stores and logs nothing, the names
 * in it go back in this response only.
 */
export const POST = handler(async ({ req }) => {
  const body = await readJson(req, PDF_BODY_LIMIT);
  let input;
  try {
    input = estatePdfInputSchema.parse(body);
  } catch (e) {
    if (e instanceof ZodError) throw zodToAppError(e, "report");
    throw e;
  }
  const pdf = await estatePdf(input);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'attachment; filename="estate-report.pdf"',
      "Cache-Control": "no-store",
    },
  });
}, { write: true });

import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { readMultipart } from "@/lib/contribute/read-form";
import { AppError } from "@/lib/errors/app-error";
import { MAX_WORKBOOK_BYTES } from "@/lib/formats/types";
import { runParseJob } from "@/lib/parse-pool";

export const dynamic = "force-dynamic";

/** Room for the multipart framing around one 50 MiB workbook. */
const BODY_LIMIT = MAX_WORKBOOK_BYTES + 256 * 1024;
/** Neutral names, by what came in: the uploaded file's name often names the vCenter or the customer. */
const DOWNLOADS = {
  xlsx: { name: "rvtools-redacted.xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  "csv-zip": { name: "rvtools-redacted.zip", type: "application/zip" },
  csv: { name: "rvtools-redacted.csv", type: "text/csv; charset=utf-8" },
} as const;

/**
 * POST /api/v1/workbooks/redact (multipart: one RVTools .xlsx, per-tab CSV zip or CSV in "file"):
 * the same workbook with every identifying value replaced by a stable
 * pseudonym. Nothing is stored. The xlsx comes back as an attachment with
 * the summary in the X-Redaction-Summary header (JSON); with ?format=json,
 * as JSON { fileName, summary, data: base64 }.
 */
export const POST = handler(async ({ req }) => {
  const { files } = await readMultipart(req, BODY_LIMIT);
  if (files.length !== 1) throw new AppError("validation_error", 'Send exactly one RVTools workbook in the "file" field.', { field: "file" });
  const [file] = files;
  if (file.data.length > MAX_WORKBOOK_BYTES) {
    throw new AppError("too_large", `The workbook is over ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB.`, { field: "file" });
  }
  const result = await runParseJob("redactWorkbook", [file.data], "the workbook");
  const download = DOWNLOADS[result.format];
  const summary = JSON.stringify(result.summary);
  if (new URL(req.url).searchParams.get("format") === "json") {
    return NextResponse.json(
      { fileName: download.name, summary: result.summary, data: Buffer.from(result.data.buffer, result.data.byteOffset, result.data.byteLength).toString("base64") },
      { headers: { "Cache-Control": "no-store" } },
    );
  }
  return new Response(result.data as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": download.type,
      "Content-Disposition": `attachment; filename="${download.name}"`,
      "Content-Length": String(result.data.length),
      "X-Redaction-Summary": summary,
      "Access-Control-Expose-Headers": "X-Redaction-Summary",
      "Cache-Control": "no-store",
    },
  });
}, { write: true });

import { publicOrigin } from "@/lib/server/public-origin";
import { reportCsv } from "./csv";
import { reportJson } from "./json";
import { reportFileName, type Report } from "./model";
import { reportPdf } from "./pdf";
import type { ReportFormat } from "./source";

const TYPES: Record<ReportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};

/**
 * A report as a download. Live reports may be cached briefly; private ones
 * never (and are kept out of search engines), since their link is the only key.
 */
export async function reportResponse(
  r: Report,
  format: ReportFormat,
  opts: { download?: boolean; frozen?: boolean; baseUrl?: string } = {},
): Promise<Response> {
  const body = format === "csv" ? reportCsv(r) : format === "json" ? reportJson(r) : await reportPdf(r, { baseUrl: opts.baseUrl });
  const name = `${reportFileName(r)}.${format}`;
  const headers = new Headers({
    "Content-Type": TYPES[format],
    "Content-Disposition": `${opts.download === false ? "inline" : "attachment"}; filename="${name}"`,
    "X-Content-Type-Options": "nosniff",
  });
  if (r.kind === "private") {
    headers.set("Cache-Control", "private, no-store");
    headers.set("X-Robots-Tag", "noindex, nofollow");
  } else {
    headers.set("Cache-Control", opts.frozen ? "public, max-age=86400, immutable" : "public, max-age=60");
  }
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { status: 200, headers });
}

/** Where links in a PDF point: PUBLIC_URL when set, else the address the request came to (lib/server/public-origin.ts). */
export function publicBase(req: Request): string {
  return publicOrigin(req);
}

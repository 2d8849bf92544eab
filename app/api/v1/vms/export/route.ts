import { handler } from "@/lib/api/handler";
import { csvFields, csvHeader, csvRow } from "@/lib/browse/csv";
import { browseRequest } from "@/lib/browse/request";
import { EXPORT_CAP, parseColumns } from "@/lib/browse/view";
import { browseRowBatches } from "@/lib/db/browse";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/vms/export: the current browse view as CSV, every matching row
 * up to EXPORT_CAP, streamed in batches. `cols` picks the columns as on the
 * page; `cols=all` exports all of them.
 */
export const GET = handler(async ({ req, db }) => {
  const params = new URL(req.url).searchParams;
  const query = browseRequest(params);
  const fields = csvFields(parseColumns(params.get("cols") ?? undefined));
  const encoder = new TextEncoder();
  const batches = browseRowBatches(db, query, { cap: EXPORT_CAP, batch: 10000 });
  // The first batch is read before the response starts so that a database
  // error still becomes a JSON error with a status, not a truncated file.
  const first = await batches.next();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(fields)));
      if (!first.done) controller.enqueue(encoder.encode(first.value.map((r) => csvRow(fields, r)).join("")));
      if (first.done) controller.close();
    },
    async pull(controller) {
      if (first.done) return;
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((r) => csvRow(fields, r)).join("")));
      } catch (e) {
        console.error("CSV export failed mid-stream", e);
        controller.error(e);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vmcompare-vms-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Export-Cap": String(EXPORT_CAP),
    },
  });
});

import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { dumpDirOf, dumpStatus, DUMP_FILES } from "@/lib/db/dump";
import { dumpOverview, startVersionedDump } from "@/lib/db/dump-schedule";
import { DATA_LICENCE } from "@/lib/reports/model";

export const dynamic = "force-dynamic";

function body(status: ReturnType<typeof dumpStatus> & Partial<Awaited<ReturnType<typeof dumpOverview>>>) {
  return {
    ...status,
    licence: DATA_LICENCE,
    downloads: {
      csv: `/api/v1/data/${DUMP_FILES.csv}`,
      jsonl: `/api/v1/data/${DUMP_FILES.jsonl}`,
      dictionary: "/api/v1/data/dictionary.json",
    },
  };
}

/**
 * GET /api/v1/data: the dump's manifest, regeneration progress and the live VM count beside the dumped one
 * (starts a regeneration when the dump is over 24 h old, schedules one when it is behind the site).
 */
export const GET = handler(async ({ db }) => {
  return NextResponse.json(body(await dumpOverview(db)), { headers: { "Cache-Control": "no-store" } });
});

/** POST /api/v1/data: regenerate the dump now (in the background); poll GET for progress. */
export const POST = handler(async ({ db }) => {
  const dir = await dumpDirOf(db);
  const { done } = await startVersionedDump(db, dir);
  done.catch((e) => console.error("open-data dump failed:", (e as Error).message));
  return NextResponse.json(body(dumpStatus(dir)), { status: 202, headers: { "Cache-Control": "no-store" } });
}, { write: true });

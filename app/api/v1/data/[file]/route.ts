import fs from "node:fs";
import { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { handler } from "@/lib/api/handler";
import { dumpDirOf, dumpFilePath, ensureFreshDump, readManifest, regenerateDump, DUMP_FILES, type DumpFormat } from "@/lib/db/dump";
import { AppError } from "@/lib/errors/app-error";
import { DUMP_COLUMNS } from "@/lib/reports/data-dictionary";
import { DATA_LICENCE } from "@/lib/reports/model";

export const dynamic = "force-dynamic";

const FORMAT_OF: Record<string, DumpFormat> = { [DUMP_FILES.csv]: "csv", [DUMP_FILES.jsonl]: "jsonl" };

/**
 * GET /api/v1/data/vms.csv.gz, /api/v1/data/vms.jsonl.gz: every published VM
 * (gzip; CC BY 4.0). The first request ever waits for the dump to be written.
 * GET /api/v1/data/dictionary.json: every column with its type, unit and meaning.
 */
export const GET = handler<{ file: string }>(async ({ params, db }) => {
  if (params.file === "dictionary.json") {
    return NextResponse.json(
      { licence: DATA_LICENCE, columns: DUMP_COLUMNS.map(({ name, type, unit, description }) => ({ name, type, unit, description })) },
      { headers: { "Cache-Control": "public, max-age=3600" } },
    );
  }
  const format = FORMAT_OF[params.file];
  if (!format) throw new AppError("not_found", `No file ${params.file}: use ${DUMP_FILES.csv}, ${DUMP_FILES.jsonl} or dictionary.json.`);
  const dir = await dumpDirOf(db);
  ensureFreshDump(db, dir);
  let manifest = readManifest(dir);
  if (!manifest) manifest = await regenerateDump(db, dir);
  const file = dumpFilePath(dir, format);
  // One descriptor for size and content: a regeneration may rename a new file into place meanwhile.
  const fd = fs.openSync(file, "r");
  const size = fs.fstatSync(fd).size;
  const stream = Readable.toWeb(fs.createReadStream("", { fd })) as unknown as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="vmcompare-${manifest.generatedAt.slice(0, 10)}-${params.file}"`,
      "Cache-Control": "public, max-age=300",
      "X-Dump-Generated-At": manifest.generatedAt,
      "X-Dump-Rows": String(manifest.rows),
    },
  });
});

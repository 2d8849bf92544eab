import { readFileSync, statSync, writeFileSync } from "node:fs";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { redactWorkbook } from "@/lib/formats/rvtools/redact-workbook";
import { MAX_WORKBOOK_BYTES } from "@/lib/formats/types";
import { readArgs } from "../args";

const USAGE = "usage: vmcompare redact IN.xlsx OUT.xlsx";

function fail(message: string): number {
  process.stderr.write(`vmcompare redact: ${message.replace(/\s*\n\s*/g, " ")}\n`);
  return 2;
}

/** `vmcompare redact IN.xlsx OUT.xlsx`: writes a copy of an RVTools workbook with identifying values pseudonymised. */
export async function run(args: string[]): Promise<number> {
  const read = readArgs(args, {}, { positionals: true });
  if (typeof read === "string") return fail(`${read}; ${USAGE}`);
  const files = read.positionals;
  if (files.length !== 2) return fail(USAGE);
  const [input, output] = files;
  if (input === output) return fail("OUT must differ from IN, so the original is never overwritten");
  try {
    let size: number;
    try {
      size = statSync(input).size;
    } catch {
      throw new AppError("not_found", "file not found or unreadable", { file: input });
    }
    if (size > MAX_WORKBOOK_BYTES) throw new AppError("too_large", `a workbook is at most ${MAX_WORKBOOK_BYTES / 2 ** 20} MiB`, { file: input });
    const { data, summary } = await redactWorkbook(readFileSync(input), input);
    try {
      writeFileSync(output, data);
    } catch (e) {
      throw new AppError("internal", `cannot write the output: ${(e as Error).message}`, { file: output });
    }
    const total = summary.reduce((s, i) => s + i.count, 0);
    process.stderr.write(`redacted ${total} distinct values: ${summary.map((i) => `${i.kind} ${i.count}`).join(", ") || "none found"}\n`);
    return 0;
  } catch (e) {
    return fail(isAppError(e) ? e.describe() : String((e as Error)?.message ?? e));
  }
}

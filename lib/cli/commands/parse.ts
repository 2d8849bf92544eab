import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats";
import { MAX_CONFIG_BYTES, MAX_WORKBOOK_BYTES, type ParseInput } from "@/lib/formats/types";
import { isCompanionSize } from "@/lib/formats/util/companions";
import { redactAll } from "@/lib/vm/redact";
import { readArgs } from "../args";

const USAGE = "usage: vmcompare parse FILE [--redact] [--companion FILE ...]";

interface ParsedArgs {
  file: string;
  redact: boolean;
  companions: string[];
}

/** The arguments, or a message saying what is wrong with them. */
function readCommandArgs(args: string[]): ParsedArgs | string {
  const read = readArgs(args, { redact: { type: "boolean" }, companion: { type: "string", multiple: true } }, {
    positionals: true, valueNames: { companion: "a FILE" },
  });
  if (typeof read === "string") return read;
  const { values, positionals } = read;
  if (positionals.length === 0) return "FILE is missing";
  if (positionals.length > 1) return "give exactly one FILE";
  return { file: positionals[0], redact: values.redact === true, companions: values.companion ?? [] };
}

function readCapped(file: string, cap: number): Uint8Array {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new AppError("parse_error", "not a regular file", { file });
    size = st.size;
  } catch (e) {
    if (isAppError(e)) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new AppError("not_found", code === "ENOENT" ? "no such file" : `cannot read (${code ?? "error"})`, { file });
  }
  if (size > cap) throw new AppError("too_large", `file is larger than ${cap / (1024 * 1024)} MiB`, { file });
  try {
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new AppError("not_found", `cannot read (${(e as NodeJS.ErrnoException).code ?? "error"})`, { file });
  }
}

/** .vmdk descriptors a .vmx references by fileName, found beside the .vmx. */
function vmdkNeighbours(file: string, data: Uint8Array): Record<string, Uint8Array> {
  const found: Record<string, Uint8Array> = {};
  if (!file.toLowerCase().endsWith(".vmx")) return found;
  const text = new TextDecoder("utf-8").decode(data);
  for (const m of text.matchAll(/^\s*(?:scsi|sata|ide|nvme)\d+:\d+\.fileName\s*=\s*"([^"]+\.vmdk)"/gim)) {
    const base = m[1].split(/[\\/]/).pop()!;
    const candidate = path.join(path.dirname(file), base);
    try {
      if (existsSync(candidate) && isCompanionSize(statSync(candidate).size)) {
        found[base] = new Uint8Array(readFileSync(candidate));
      }
    } catch {
      // An unreadable neighbour only means the disk size stays unknown.
    }
  }
  return found;
}

export async function run(args: string[]): Promise<number> {
  const parsed = readCommandArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`vmcompare parse: ${parsed}; ${USAGE}\n`);
    return 2;
  }
  try {
    const data = readCapped(parsed.file, MAX_WORKBOOK_BYTES);
    const companions = vmdkNeighbours(parsed.file, data);
    for (const c of parsed.companions) companions[path.basename(c)] = readCapped(c, MAX_CONFIG_BYTES);
    const input: ParseInput = { fileName: parsed.file, data, companions };
    const result = parseFile(input);
    const output = parsed.redact
      ? (() => {
          const redacted = redactAll(result, parsed.file);
          return { vms: redacted.vms.map((r) => r.vm), warnings: redacted.warnings };
        })()
      : { vms: result.vms.map((p) => p.vm), warnings: result.warnings };
    process.stdout.write(JSON.stringify(output) + "\n");
    return 0;
  } catch (e) {
    const line = isAppError(e)
      ? e.describe()
      : `${parsed.file}: could not be parsed: ${String((e as Error)?.message ?? e)}`;
    process.stderr.write(line.replace(/\s*\n\s*/g, " ") + "\n");
    return 2;
  }
}

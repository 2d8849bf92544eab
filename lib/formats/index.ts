import { AppError, isAppError } from "@/lib/errors/app-error";
import { MAX_CONFIG_BYTES, MAX_WORKBOOK_BYTES, type ParseInput } from "@/lib/formats/types";
import type { ParseResult, ParsedVm } from "@/lib/vm/parsed";
import { looksLikeTar } from "@/lib/formats/util/tar";
import { extensionOf } from "@/lib/formats/util/text";
import { normalizedVmSchema, zeroSizesAsUnknown } from "@/lib/vm/model";
import { stripControlCharsDeep } from "@/lib/text/control-chars";
import { detectFormat } from "./detect";

const ARCHIVE_EXTENSIONS = [".ova", ".xlsx", ".zip"];

function isArchive(input: ParseInput): boolean {
  const d = input.data;
  const zip = d.length >= 4 && d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04;
  return zip || looksLikeTar(d) || ARCHIVE_EXTENSIONS.includes(extensionOf(input.fileName));
}

function enforceCaps(input: ParseInput): void {
  const cap = isArchive(input) ? MAX_WORKBOOK_BYTES : MAX_CONFIG_BYTES;
  if (input.data.length > cap) {
    throw new AppError("too_large", `file is larger than ${cap / (1024 * 1024)} MiB`, { file: input.fileName });
  }
  for (const [name, data] of Object.entries(input.companions ?? {})) {
    if (data.length > MAX_CONFIG_BYTES) {
      throw new AppError("too_large", `companion ${name} is larger than ${MAX_CONFIG_BYTES / (1024 * 1024)} MiB`, { file: input.fileName });
    }
  }
}

/**
 * One spelling per fact across formats, so that peer groups do not split:
 * "vmx-08" (vSphere, RVTools) and "vmx-8" (.vmx) are the same hardware version.
 */
export function canonicalHardwareVersion(v: string | null): string | null {
  if (v == null) return null;
  const m = v.trim().match(/^vmx-0*(\d+)$/i);
  return m ? `vmx-${m[1]}` : v.trim();
}

function validated(parsed: ParsedVm, fileName: string): ParsedVm {
  // A stray control character in a file (a NUL in a guest OS name) is noise, not a reason to refuse the VM.
  const vm = stripControlCharsDeep(parsed.vm);
  const check = normalizedVmSchema.safeParse({ ...vm, hardwareVersion: canonicalHardwareVersion(vm.hardwareVersion) });
  if (check.success) return { ...parsed, vm: zeroSizesAsUnknown(check.data) };
  const issue = check.error.issues[0];
  const field = issue.path.map(String).join(".");
  throw new AppError(
    "parse_error",
    `${parsed.origin ? parsed.origin + ": " : ""}the result is not a valid VM: ${issue.message}`,
    { file: fileName, field },
  );
}

/**
 * Detects the format and parses. Never throws anything but AppError: size caps
 * give "too_large", unknown content "unsupported_format", everything else
 * (including a parser's own bug) "parse_error" naming the file.
 */
export function parseFile(input: ParseInput): ParseResult {
  try {
    enforceCaps(input);
    const parser = detectFormat(input);
    const result = parser.parse(input);
    return { vms: result.vms.map((p) => validated(p, input.fileName)), warnings: result.warnings };
  } catch (e) {
    if (isAppError(e)) {
      if (e.file == null) {
        throw new AppError(e.code, e.message, { file: input.fileName, line: e.line, field: e.field }, e.details);
      }
      throw e;
    }
    const reason = e instanceof RangeError ? "the file is nested too deeply or too large to read" : String((e as Error)?.message ?? e);
    throw new AppError("parse_error", `could not be parsed: ${reason}`, { file: input.fileName });
  }
}

export { detectFormat } from "./detect";
export { PARSERS } from "./registry";

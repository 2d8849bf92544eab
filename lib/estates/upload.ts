import { AppError, isAppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats/index";
import type { ParsedVm } from "@/lib/formats/types";
import { scrubText } from "@/lib/vm/redact";

export interface UploadedFile {
  fileName: string;
  data: Uint8Array;
}

export interface ParsedUpload {
  parsed: ParsedVm[];
  /** Scrubbed of identifying values and file names: safe to show and to return. */
  warnings: string[];
  files: number;
}

/** Up to this many files in one estate import (several snapshot files, or one workbook). */
export const MAX_ESTATE_FILES = 200;
/** Whole multipart body; a workbook alone may be 50 MiB. */
export const ESTATE_BODY_LIMIT = 60 * 1024 * 1024;

const COMPANION = /\.vmdk$/i;
const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/**
 * Parses every file of one import. Unlike the contribute preview, one bad
 * file fails the whole import: its VMs would otherwise count as removed from
 * the estate and be deleted from the site.
 */
export function parseUpload(files: UploadedFile[]): ParsedUpload {
  if (files.length === 0) throw new AppError("validation_error", 'No file in the upload: send a workbook or snapshot files in the "files" field.', { field: "files" });
  if (files.length > MAX_ESTATE_FILES) throw new AppError("validation_error", `At most ${MAX_ESTATE_FILES} files per import.`, { field: "files" });
  const companions: Record<string, Uint8Array> = {};
  const isCompanion = (f: UploadedFile) => COMPANION.test(f.fileName) && f.data.length < 64 * 1024;
  for (const f of files) if (isCompanion(f)) companions[baseName(f.fileName)] = f.data;
  const parsed: ParsedVm[] = [];
  const warnings: string[] = [];
  let count = 0;
  for (const f of files.filter((x) => !isCompanion(x))) {
    const fileName = baseName(f.fileName);
    count++;
    try {
      const r = parseFile({ fileName, data: f.data, companions });
      parsed.push(...r.vms);
      warnings.push(...r.warnings.map((w) => scrubText(w, r.vms, fileName)));
    } catch (e) {
      const err = isAppError(e) ? e : new AppError("parse_error", "could not be parsed", { file: fileName });
      // The file name often is the VM's name: say which file by position, not by name.
      throw new AppError(err.code, `file ${count} of the upload: ${scrubText(err.message, [], fileName)}`, { line: err.line, field: err.field });
    }
  }
  return { parsed, warnings, files: count };
}

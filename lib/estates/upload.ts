import { AppError, isAppError } from "@/lib/errors/app-error";
import { estateTotals, type EstateTotals } from "@/lib/estates/diff";
import { splitCompanions } from "@/lib/formats/util/companions";
import { parseFile } from "@/lib/formats/index";
import type { ParsedVm } from "@/lib/vm/parsed";
import { toPublishable } from "@/lib/vm/publishable";
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

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/**
 * Parses every file of one import. Unlike the contribute preview, one bad
 * file fails the whole import: its VMs would otherwise count as removed from
 * the estate and be deleted from the site.
 */
export function parseUpload(files: UploadedFile[]): ParsedUpload {
  if (files.length === 0) throw new AppError("validation_error", 'No file in the upload: send a workbook or snapshot files in the "files" field.', { field: "files" });
  if (files.length > MAX_ESTATE_FILES) throw new AppError("validation_error", `At most ${MAX_ESTATE_FILES} files per import.`, { field: "files" });
  const split = splitCompanions(files, (f) => f.fileName, (f) => f.data.length);
  const companions = Object.fromEntries(split.companions.map((f) => [baseName(f.fileName), f.data]));
  const parsed: ParsedVm[] = [];
  const warnings: string[] = [];
  let count = 0;
  for (const f of split.main) {
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

export interface UploadPreview {
  files: number;
  totals: EstateTotals;
  byFamily: Record<string, number>;
  warnings: string[];
}

/** What an estate import would hold: counts, totals and guest families, from redacted VMs. */
export function previewUpload(files: UploadedFile[]): UploadPreview {
  const upload = parseUpload(files);
  const vms = upload.parsed.map((p) => toPublishable(p).vm);
  const byFamily: Record<string, number> = {};
  for (const vm of vms) byFamily[vm.guestOs.family ?? "unknown"] = (byFamily[vm.guestOs.family ?? "unknown"] ?? 0) + 1;
  return { files: upload.files, totals: estateTotals(vms), byFamily, warnings: upload.warnings };
}

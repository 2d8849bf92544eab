import { AppError, isAppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats/index";
import { splitCompanions } from "@/lib/formats/util/companions";
import { toPublishable } from "@/lib/vm/publishable";
import { scrubText } from "@/lib/vm/redact";
import type { SnapshotFilePreview } from "./api-schemas";

export interface UploadedFile {
  fileName: string;
  data: Uint8Array;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/**
 * Parses and redacts each uploaded file for the preview. Nothing identifying
 * leaves this function: names, paths and addresses are removed from the VMs,
 * and warnings and error messages are scrubbed of the values the parser saw
 * and of the file's own name (which is often the VM's name).
 */
export function previewSnapshots(files: UploadedFile[]): SnapshotFilePreview[] {
  const split = splitCompanions(files, (f) => f.fileName, (f) => f.data.length);
  const companions = Object.fromEntries(split.companions.map((f) => [baseName(f.fileName), f.data]));
  return split.main.map((f) => previewOne(f, companions));
}

function previewOne(f: UploadedFile, companions: Record<string, Uint8Array>): SnapshotFilePreview {
  const fileName = baseName(f.fileName);
  try {
    const result = parseFile({ fileName, data: f.data, companions });
    const vms = result.vms.map((p) => {
      const r = toPublishable(p);
      return {
        vm: r.vm,
        removed: r.removed,
        summary: r.summary,
        networkRoles: r.networkRoles,
        identityKey: r.identityKey,
        origin: p.origin ? scrubText(p.origin, result.vms, fileName) : null,
      };
    });
    return {
      fileName,
      format: result.vms[0]?.vm.source.format ?? null,
      vms,
      warnings: result.warnings.map((w) => scrubText(w, result.vms, fileName)),
      error: null,
    };
  } catch (e) {
    const err = isAppError(e) ? e : new AppError("parse_error", "could not be parsed", { file: fileName });
    return { fileName, format: null, vms: [], warnings: [], error: { code: err.code, message: err.describe() } };
  }
}

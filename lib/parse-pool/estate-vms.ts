import type { UploadedFile } from "@/lib/contribute/snapshot-preview";
import { prepareIncoming, type IncomingEstateVm } from "@/lib/estates/prepare";
import { parseUpload } from "@/lib/estates/upload";

/**
 * An estate import's VMs as the database needs them (keys, redacted
 * configuration, identity, label), made in the parse worker with the parse
 * itself (job "parseEstateUpload"), so nothing of the untrusted workbook is
 * handled on the request thread; only these plain values come back.
 */
export type PreparedEstateVm = IncomingEstateVm;

/** Parses an estate upload and prepares its VMs for `editToken`'s estate. */
export function parseEstateUpload(files: UploadedFile[], editToken: string): { vms: PreparedEstateVm[]; warnings: string[] } {
  const upload = parseUpload(files);
  return { vms: prepareIncoming(editToken, upload.parsed), warnings: upload.warnings };
}

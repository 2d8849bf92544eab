import { estateSecret, importKeys } from "@/lib/estates/keys";
import type { TaggedKey } from "@/lib/estates/plan";
import { parseUpload } from "@/lib/estates/upload";
import type { ParsedVm } from "@/lib/formats/types";
import { identityKey } from "@/lib/vm/fingerprint";
import type { NormalizedVm } from "@/lib/vm/model";
import type { UploadedFile } from "@/lib/contribute/snapshot-preview";
import { redact } from "@/lib/vm/redact";

/**
 * An estate import's VMs as the database needs them: the estate's matching
 * keys, the redacted configuration, the duplicate-detection identity and a
 * label for the importer. Made in the parse worker with the parse itself
 * (job "parseEstateUpload"), so nothing of the untrusted workbook is
 * handled on the request thread; only these plain values come back.
 */
export interface PreparedEstateVm {
  keys: TaggedKey[];
  vm: NormalizedVm;
  identity: string | null;
  label: string | null;
}

export function prepareEstateVms(editToken: string, parsed: ParsedVm[]): PreparedEstateVm[] {
  const keys = importKeys(estateSecret(editToken), parsed);
  return parsed.map((p, i) => ({
    keys: keys[i],
    vm: redact(p).vm,
    identity: identityKey(p.identifying),
    label: p.vm.name ?? p.identifying.hostnames[0] ?? null,
  }));
}

/** Parses an estate upload and prepares its VMs for `editToken`'s estate. */
export function parseEstateUpload(files: UploadedFile[], editToken: string): { vms: PreparedEstateVm[]; warnings: string[] } {
  const upload = parseUpload(files);
  return { vms: prepareEstateVms(editToken, upload.parsed), warnings: upload.warnings };
}

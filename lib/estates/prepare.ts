import { AppError } from "@/lib/errors/app-error";
import type { ParsedVm } from "@/lib/vm/parsed";
import { toPublishable } from "@/lib/vm/publishable";
import { estateSecret, importKeys } from "./keys";
import type { IncomingVm } from "./plan";
import { tagChoiceSchema, type TagChoice } from "./tags";

export const MAX_ESTATE_NAME = 120;

/**
 * One VM of an import as the estate stores it: its keyed identifiers, the
 * redacted configuration and the duplicate-detection identity. The label
 * (its name in the uploaded file) goes back to the uploader and is never
 * stored; names and UUIDs are used here and dropped.
 */
export interface IncomingEstateVm extends IncomingVm {
  identity: string | null;
  label: string | null;
}

/** The VMs of one import, keyed under the estate's edit token and made publishable. */
export function prepareIncoming(token: string, parsed: ParsedVm[]): IncomingEstateVm[] {
  const keys = importKeys(estateSecret(token), parsed);
  return parsed.map((p, i) => {
    const pub = toPublishable(p);
    return { keys: keys[i], vm: pub.vm, identity: pub.identityKey, label: p.vm.name ?? p.identifying.hostnames[0] ?? null };
  });
}

export function validEstateName(name: string): string {
  const n = name.trim();
  if (!n) throw new AppError("validation_error", "Give the estate a name.", { field: "name" });
  if (n.length > MAX_ESTATE_NAME) throw new AppError("validation_error", `The name is longer than ${MAX_ESTATE_NAME} characters.`, { field: "name" });
  return n;
}

export function validTagging(input: unknown): TagChoice {
  const r = tagChoiceSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path[0] === "byFamily" ? `tag.${String(issue.path[1])}` : "tag";
  throw new AppError("validation_error", `Application tag: ${issue.message}.`, { field });
}

export function requireVms(vms: readonly unknown[]): void {
  if (vms.length === 0) {
    throw new AppError("validation_error", "No VMs were found in the upload, so there is nothing to import.", { field: "files" });
  }
}

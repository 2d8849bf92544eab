import { emptyIdentifying, type IdentifyingFacts, type ParsedVm } from "@/lib/vm/parsed";
import { fingerprint, identityKey } from "./fingerprint";
import { zeroSizesAsUnknown, type NormalizedVm } from "./model";
import { redact, type RedactionResult } from "./redact";

/**
 * What may leave the parser for storage, for one parsed VM: the redacted
 * configuration (lib/vm/redact.ts), what redaction removed, the network zones
 * the real names pointed at, and the opaque identity key that tells "the same
 * snapshot twice" from "two VMs alike" (lib/vm/fingerprint.ts). Every path
 * that stores a VM starts here — the form and API (sanitizeContribution),
 * the upload preview, bulk import, estates and the vSphere agent — so none can
 * store an unredacted VM or key duplicates differently.
 */
export interface Publishable extends RedactionResult {
  identityKey: string | null;
}

export interface PublishableOptions {
  /**
   * The identity key to use instead of the server's keyed one: the agent runs
   * without the server's secret and keys its VMs by their UUIDs itself.
   */
  identity?: (facts: IdentifyingFacts) => string | null;
}

export function toPublishable(parsed: ParsedVm, opts: PublishableOptions = {}): Publishable {
  return { ...redact(parsed), identityKey: (opts.identity ?? identityKey)(parsed.identifying) };
}

/**
 * A VM that arrives already in the published shape (the form, the API, a
 * preview sent back): redacted again, as the server never trusts a client to
 * have done it. Nothing identifying is known, so there is no identity key.
 */
export function republishable(vm: NormalizedVm): Publishable {
  return toPublishable({ vm, identifying: emptyIdentifying() }, { identity: () => null });
}

/**
 * The duplicate-detection fingerprint stored with a VM: of the configuration
 * as stored (a size of 0 is no size) and the contribution's identity key.
 * The write paths and the bulk import's duplicate check use this one, so they
 * always agree.
 */
export function dedupFingerprint(c: { vm: NormalizedVm; identityKey: string | null }): string {
  return fingerprint(zeroSizesAsUnknown(c.vm), c.identityKey);
}

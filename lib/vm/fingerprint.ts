import crypto from "node:crypto";
import type { NormalizedVm } from "./model";
import type { IdentifyingFacts } from "@/lib/vm/parsed";
import { DEFAULT_FINGERPRINT_SECRET_VALUE } from "@/lib/env";

/**
 * Duplicate detection without storing anything identifying.
 *
 * Many admins run identical configurations (a 2 vCPU / 4 GiB domain
 * controller), so the configuration alone cannot tell "the same snapshot
 * twice" from "two similar VMs". A snapshot's identity (its UUIDs, MACs and
 * name) can, but must not be stored. So the upload preview hands the client an
 * opaque identity key — an HMAC of those values under a server secret — and
 * the fingerprint stored with the VM is an HMAC of the configuration plus that
 * key. Neither can be reversed or tested against guesses without the secret,
 * which is why fingerprints never leave the server and the built-in default
 * secret is refused with PostgreSQL and replaced by a per-folder random one
 * with PGlite.
 */
// On globalThis: Next.js may load this module once per server chunk, and the
// secret is set once, when the database opens (lib/db/fingerprint-secret.ts).
const g = globalThis as unknown as { __vmcompareFingerprintSecret?: string };

/** The secret a database folder keeps for itself (PGlite without FINGERPRINT_SECRET). */
export function setFingerprintSecret(secret: string | undefined): void {
  g.__vmcompareFingerprintSecret = secret;
}

/** The secret in use; parse workers are given it, as they do not open the database that keeps it. */
export function fingerprintSecret(): string {
  return secret();
}

function secret(): string {
  return process.env.FINGERPRINT_SECRET || g.__vmcompareFingerprintSecret || DEFAULT_FINGERPRINT_SECRET_VALUE;
}

export function identityKey(facts: IdentifyingFacts): string | null {
  const values = [...facts.uuids, ...facts.macs, ...facts.hostnames.slice(0, 1)]
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean)
    .sort();
  if (values.length === 0) return null;
  return crypto.createHmac("sha256", secret()).update("identity\0" + values.join("\0")).digest("hex");
}

export function fingerprint(vm: NormalizedVm, identity: string | null = null): string {
  const canonical = {
    f: vm.source.format,
    h: [vm.hypervisor.vendor, vm.hypervisor.product, vm.hypervisor.version],
    hw: vm.hardwareVersion,
    fw: vm.firmware,
    g: [vm.guestOs.id, vm.guestOs.family, vm.guestOs.name],
    c: [vm.cpu.vcpus, vm.cpu.coresPerSocket],
    m: vm.memoryMiB,
    d: vm.disks.map((d) => [d.sizeGiB, d.bus, d.provisioning]),
    n: vm.nics.map((n) => [n.model, n.network]),
    i: identity && /^[0-9a-f]{64}$/.test(identity) ? identity : null,
  };
  return crypto.createHmac("sha256", secret()).update(JSON.stringify(canonical)).digest("hex");
}

import crypto from "node:crypto";
import type { ParsedVm } from "@/lib/vm/parsed";
import type { TaggedKey } from "./plan";

/**
 * Matching a VM across imports without storing anything that identifies it.
 *
 * The estate's edit token is stretched (HKDF-SHA-256, fixed label) into a
 * matching secret, and every identifier of a VM (its UUIDs, its name) is
 * stored only as HMAC-SHA-256 under that secret. The server keeps a hash of
 * the token, never the token, so the stored keys can neither be reversed nor
 * tested against guessed names without the edit link: whoever holds the
 * database alone cannot tell which VM a key belongs to.
 */
const KEY_LABEL = "vmcompare estate match key v1";
const KEY_SALT = "vmcompare-estates";

export type EstateSecret = Buffer;

export function estateSecret(editToken: string): EstateSecret {
  if (!editToken) throw new Error("an edit token is required to derive the estate secret");
  return Buffer.from(crypto.hkdfSync("sha256", editToken, KEY_SALT, KEY_LABEL, 32));
}

export type IdentifierKind = "uuid" | "name";

/** Hex HMAC of one identifier; case and surrounding space do not matter. */
export function matchKey(secret: EstateSecret, kind: IdentifierKind, value: string): string {
  return crypto.createHmac("sha256", secret).update(`${kind}\0${value.trim().toLowerCase()}`).digest("hex");
}

interface Identifiers {
  uuids: string[];
  name: string | null;
}

function identifiersOf(p: ParsedVm): Identifiers {
  const name = p.identifying.hostnames[0] ?? p.vm.name ?? null;
  return { uuids: p.identifying.uuids, name: name && name.trim() ? name : null };
}

const norm = (v: string) => v.trim().toLowerCase();

/**
 * The keyed identifiers of each VM of one import, most specific first: its
 * UUIDs, then its name. A value that more than one VM of the import carries
 * (the vCenter's "VI SDK UUID", a name used twice) identifies none of them
 * and is left out. Every VM gets at least one key: a VM with nothing unique
 * is keyed by its position, which only matches the same position next time.
 */
export function importKeys(secret: EstateSecret, vms: ParsedVm[]): TaggedKey[][] {
  const ids = vms.map(identifiersOf);
  const seen = new Map<string, number>();
  const count = (k: string) => seen.set(k, (seen.get(k) ?? 0) + 1);
  for (const id of ids) {
    for (const u of new Set(id.uuids.map(norm))) count(`uuid\0${u}`);
    if (id.name) count(`name\0${norm(id.name)}`);
  }
  const occurrences = new Map<string, number>();
  return ids.map((id, i) => {
    const keys: TaggedKey[] = [];
    for (const u of new Set(id.uuids.map(norm))) if (u && seen.get(`uuid\0${u}`) === 1) keys.push(`u:${matchKey(secret, "uuid", u)}`);
    if (id.name) {
      const n = norm(id.name);
      // A name used twice still tells its VMs apart by order of appearance.
      const nth = occurrences.get(n) ?? 0;
      occurrences.set(n, nth + 1);
      keys.push(`n:${matchKey(secret, "name", seen.get(`name\0${n}`) === 1 ? n : `${n}\0${nth}`)}`);
    }
    if (keys.length === 0) keys.push(`n:${matchKey(secret, "name", `\0position ${i}`)}`);
    return keys;
  });
}

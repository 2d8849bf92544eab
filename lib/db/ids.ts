import "server-only";
import crypto from "node:crypto";

const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A short, unguessable id (60 bits with 12 characters). */
export function newId(length = 12): string {
  const bytes = crypto.randomBytes(length);
  let s = "";
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return s;
}

/** An edit token: 256 bits; only its hash is stored. */
export function newEditToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function tokenMatches(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashToken(token), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

import type { IdentifyingFacts } from "@/lib/vm/parsed";
import { isObject } from "@/lib/formats/util/json";

/** Adds a value once, ignoring blanks: the lists feed redaction and tests, so duplicates would inflate counts. */
export function note(facts: IdentifyingFacts, kind: keyof IdentifyingFacts, value: string | null | undefined): void {
  if (value == null) return;
  const v = value.trim();
  if (v === "" || facts[kind].includes(v)) return;
  facts[kind].push(v);
}

/** Paths also reveal the file's base name (often the VM name) on their own. */
export function notePath(facts: IdentifyingFacts, value: string | null | undefined): void {
  if (value == null) return;
  note(facts, "paths", value);
  const parts = value.split(/[\\/]/).filter(Boolean);
  if (parts.length > 1) note(facts, "paths", parts[parts.length - 1]);
  const home = /(?:^|[\\/])(?:home|Users|Documents and Settings)[\\/]([^\\/]+)[\\/]/i.exec(value);
  if (home) note(facts, "users", home[1]);
}

const MAC_RE = /\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b/gi;
const UUID_RE = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
const IPV4_RE = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;

function isIpv6(token: string): boolean {
  if (token.length < 3 || token.length > 39 || /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i.test(token)) return false;
  const parts = token.split(":");
  if (!parts.every((p) => p.length <= 4) || !/[0-9a-f]/i.test(token)) return false;
  return token.includes("::") ? parts.length >= 3 && parts.length <= 9 : parts.length === 8;
}

/**
 * Adds MAC, UUID and IP-looking substrings of every string under `value` to
 * `facts`. Field-by-field extraction misses values in places nobody thought of
 * (guest info, extra config), and redaction relies on the list being complete.
 */
export function scanForIdentifiers(value: unknown, facts: IdentifyingFacts, depth = 0): void {
  if (depth > 40) return;
  if (typeof value === "string") {
    if (value.length > 4096) return;
    for (const m of value.match(MAC_RE) ?? []) addUnique(facts.macs, m);
    for (const m of value.match(UUID_RE) ?? []) addUnique(facts.uuids, m);
    for (const m of value.match(IPV4_RE) ?? []) if (m !== "0.0.0.0") addUnique(facts.ips, m);
    if (value.includes(":")) for (const t of value.split(/[^0-9a-fA-F:]+/)) if (isIpv6(t)) addUnique(facts.ips, t);
    return;
  }
  if (Array.isArray(value)) for (const v of value) scanForIdentifiers(v, facts, depth + 1);
  else if (isObject(value)) for (const v of Object.values(value)) scanForIdentifiers(v, facts, depth + 1);
}

export function addUnique(list: string[], value: string | null | undefined): void {
  if (value == null) return;
  const v = value.trim();
  if (v !== "" && !list.includes(v)) list.push(v);
}

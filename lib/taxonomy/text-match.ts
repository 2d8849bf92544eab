/**
 * Word-level matching shared by the application and hypervisor resolvers:
 * admins write product names with arbitrary punctuation and extra words
 * ("Apache 2.2 web engine", "ESXi-7.0U3"), so both sides are reduced to
 * lower-case word tokens before comparing.
 */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/&/g, " ")
    // Keep dots only between digits so "2.2" survives while "server." does not.
    .replace(/(\d)\.(?=\d)/g, "$1\u0000")
    .replace(/[^a-z0-9+#\u0000]+/g, " ")
    .replace(/\u0000/g, ".")
    .split(" ")
    .filter((t) => t.length > 0);
}

/** Index of the first place `needle` occurs as a contiguous run of `haystack`, or -1. */
export function findTokenRun(haystack: readonly string[], needle: readonly string[]): number {
  if (needle.length === 0 || needle.length > haystack.length) return -1;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

const VERSION_TOKEN = /^v?\d+(?:\.\d+)*[a-z]{0,3}$/;

/**
 * The first version-looking token within `window` tokens after `from`, with a
 * following "R2" kept ("2012 R2"). Bit widths ("64 bit") are not versions.
 */
export function versionAfter(tokens: readonly string[], from: number, window = 3): string | null {
  for (let i = from; i < Math.min(tokens.length, from + window); i++) {
    const t = tokens[i];
    if (!VERSION_TOKEN.test(t)) continue;
    if (tokens[i + 1] === "bit" || /^(32|64)bit$/.test(t) || t === "x64" || t === "x86") continue;
    let version = t.replace(/^v(?=\d)/, "");
    const next = tokens[i + 1];
    // "2012 R2" is a different release; service packs and updates are not.
    if (tokens[i + 1] === "r2") version += " R2";
    return version;
  }
  return null;
}

/** Match a found version to a known spelling: case-insensitive, "10" ~ "10.0". */
export function canonicalVersion(found: string, known: readonly string[] | undefined): string {
  if (!known) return found;
  const f = found.toLowerCase();
  const strip = (v: string) => v.toLowerCase().replace(/(\.0)+$/, "");
  for (const k of known) if (k.toLowerCase() === f) return k;
  for (const k of known) if (strip(k) === strip(f)) return k;
  return found;
}

/**
 * A token reduced for comparison: a trailing plural "s" is dropped from both
 * sides alike, so "domain controllers" matches "domain controller".
 */
export function matchKey(token: string): string {
  return token.length > 3 && token.endsWith("s") && !token.endsWith("ss") ? token.slice(0, -1) : token;
}

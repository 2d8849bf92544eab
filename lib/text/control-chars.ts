import { z } from "zod";

/**
 * Control characters in text. PostgreSQL refuses NUL in a text value (a 500
 * if it reaches the database), and the others are never meaningful in a
 * one-line fact such as a guest OS name. Tab, line feed and carriage return
 * are allowed only where a field is multi-line.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_ALL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_ALL_G = /[\u0000-\u001F\u007F-\u009F]/g;
/** Lone UTF-16 surrogates cannot be encoded as UTF-8; the database would get U+FFFD instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_G = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const CONTROL_CHAR_MESSAGE = "must not contain control characters (such as NUL)";

export function hasControlChars(s: string, opts: { multiline?: boolean } = {}): boolean {
  return (opts.multiline ? CONTROL : CONTROL_ALL).test(s) || LONE_SURROGATE.test(s);
}

/** Text from a parsed file: control characters become spaces (runs collapse), lone surrogates go. */
export function stripControlChars(s: string): string {
  if (!CONTROL_ALL.test(s) && !LONE_SURROGATE.test(s)) return s;
  return s.replace(LONE_SURROGATE_G, "").replace(CONTROL_ALL_G, " ").replace(/ {2,}/g, " ").trim();
}

/** Every string in a JSON-like value, cleaned by stripControlChars (objects and arrays are copied). */
export function stripControlCharsDeep<T>(value: T): T {
  if (typeof value === "string") return stripControlChars(value) as T;
  if (Array.isArray(value)) return value.map(stripControlCharsDeep) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripControlCharsDeep(v);
    return out as T;
  }
  return value;
}

/** The path ("vm.guestOs.name") of the first string in a JSON-like value that holds a control character, or null. */
export function controlCharPath(value: unknown, at: string[] = []): string | null {
  if (typeof value === "string") return hasControlChars(value) ? at.join(".") || "(value)" : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = controlCharPath(v, [...at, k]);
      if (found) return found;
    }
  }
  return null;
}

/** A one-line text field: at most `max` characters and no control characters. */
export function lineText(max: number, opts: { trim?: boolean } = {}) {
  const base = opts.trim ? z.string().trim() : z.string();
  return base.max(max).refine((s) => !hasControlChars(s), CONTROL_CHAR_MESSAGE);
}

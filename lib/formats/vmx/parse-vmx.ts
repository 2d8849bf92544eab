import { AppError } from "@/lib/errors/app-error";
import { requireText, splitLines } from "@/lib/formats/util/text";

export interface VmxEntry {
  /** The key as written (VMware keys are case-insensitive; lookups use the lower-case form). */
  key: string;
  value: string;
  line: number;
}

/** A .vmx file as written: entries keyed by lower-case key, in file order. Later duplicates win, as in VMware. */
export interface VmxRaw {
  entries: Map<string, VmxEntry>;
}

const LINE = /^([A-Za-z0-9_.:\-\[\]]+)\s*=\s*(.*)$/;

/** VMware writes characters that would break the format as "|XX" (hex), e.g. "|22" for a quote, "|0A" for a newline. */
export function decodeVmxValue(value: string): string {
  return value.replace(/\|([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function unquote(raw: string, fileName: string, line: number): string {
  const v = raw.trim();
  if (!v.startsWith('"')) {
    const hash = v.indexOf("#");
    return (hash >= 0 ? v.slice(0, hash) : v).trim();
  }
  const close = v.indexOf('"', 1);
  if (close < 0) throw new AppError("parse_error", "unterminated quoted value", { file: fileName, line });
  const rest = v.slice(close + 1).trim();
  if (rest !== "" && !rest.startsWith("#")) {
    throw new AppError("parse_error", "unexpected text after quoted value", { file: fileName, line });
  }
  return decodeVmxValue(v.slice(1, close));
}

export function parseVmxText(fileName: string, data: Uint8Array): VmxRaw {
  const text = requireText(fileName, data);
  const entries = new Map<string, VmxEntry>();
  splitLines(text).forEach((rawLine, i) => {
    const line = i + 1;
    const trimmed = rawLine.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const m = LINE.exec(trimmed);
    if (!m) throw new AppError("parse_error", 'expected `key = "value"`', { file: fileName, line });
    const key = m[1];
    entries.delete(key.toLowerCase());
    entries.set(key.toLowerCase(), { key, value: unquote(m[2], fileName, line), line });
  });
  return { entries };
}

export function vmxGet(raw: VmxRaw, key: string): string | null {
  return raw.entries.get(key.toLowerCase())?.value ?? null;
}

export function vmxLine(raw: VmxRaw, key: string): number | undefined {
  return raw.entries.get(key.toLowerCase())?.line;
}

/** VMware booleans: "TRUE"/"FALSE" in any case, also "1"/"0" and "yes"/"no". */
export function vmxBool(value: string | null): boolean | null {
  if (value == null) return null;
  const v = value.trim().toLowerCase();
  if (["true", "1", "yes", "on"].includes(v)) return true;
  if (["false", "0", "no", "off"].includes(v)) return false;
  return null;
}

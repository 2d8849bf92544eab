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
  /** The character set the text was decoded with (from `.encoding`, or UTF-8). */
  encoding: string;
}

const LINE = /^([A-Za-z0-9_.:\-\[\]]+)\s*=\s*(.*)$/;
const ENCODING_LINE = /^[ \t]*\.encoding[ \t]*=[ \t]*"?([A-Za-z0-9_.:\-]{1,40})"?/im;

/** VMware writes characters that would break the format as "|XX" (hex), e.g. "|22" for a quote, "|0A" for a newline. */
export function decodeVmxValue(value: string): string {
  return value.replace(/\|([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The text of a .vmx in the character set its `.encoding` line declares
 * (VMware writes e.g. "UTF-8", "windows-1252", "Shift_JIS", "GBK"). The
 * declaration itself is ASCII, so it is found in a Latin-1 view of the bytes
 * before the whole file is decoded; multi-byte sets such as Shift_JIS may use
 * bytes like "|" or "\" inside a character, so nothing is parsed before decoding.
 * Without a declaration the file is UTF-8; bytes that are not UTF-8 are read as
 * windows-1252 (what hosted products wrote before `.encoding` existed), with a warning.
 */
export function decodeVmxText(fileName: string, data: Uint8Array, warnings: string[]): { text: string; encoding: string } {
  const checked = requireText(fileName, data);
  const utf16 = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  if (utf16) return { text: checked, encoding: "UTF-16" };
  const head = new TextDecoder("latin1").decode(data.subarray(0, 4096));
  const declared = ENCODING_LINE.exec(head)?.[1];
  if (declared) {
    let decoder: TextDecoder | null = null;
    try {
      decoder = new TextDecoder(declared);
    } catch {
      warnings.push(`${fileName}, line ${lineOfOffset(head, ENCODING_LINE.exec(head)!.index)}: unknown .encoding "${declared}"; read as UTF-8`);
    }
    if (decoder) return { text: stripBom(decoder.decode(data)), encoding: declared };
  }
  try {
    return { text: stripBom(new TextDecoder("utf-8", { fatal: true }).decode(data)), encoding: "UTF-8" };
  } catch {
    warnings.push(`${fileName}: no .encoding line and the bytes are not UTF-8; read as windows-1252`);
    return { text: new TextDecoder("windows-1252").decode(data), encoding: "windows-1252" };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * A value as VMware writes it: quoted (with "|XX" escapes) or bare, optionally
 * followed by a "#" comment. Returns null for a quote that never closes.
 */
function unquote(raw: string): { value: string; trailing: boolean } | null {
  const v = raw.trim();
  if (!v.startsWith('"')) {
    const hash = v.indexOf("#");
    return { value: (hash >= 0 ? v.slice(0, hash) : v).trim(), trailing: false };
  }
  const close = v.indexOf('"', 1);
  if (close < 0) return null;
  const rest = v.slice(close + 1).trim();
  return { value: decodeVmxValue(v.slice(1, close)), trailing: rest !== "" && !rest.startsWith("#") };
}

/**
 * Reads every `key = "value"` line. A line that is not a setting becomes a
 * warning naming its line, and the rest of the file is still read: real files
 * carry hand edits, merge leftovers and truncated lines.
 */
export function readVmx(data: Uint8Array, fileName: string, warnings: string[] = []): VmxRaw {
  const { text, encoding } = decodeVmxText(fileName, data, warnings);
  const entries = new Map<string, VmxEntry>();
  splitLines(text).forEach((rawLine, i) => {
    const line = i + 1;
    const trimmed = rawLine.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const m = LINE.exec(trimmed);
    if (!m) {
      warnings.push(`${fileName}, line ${line}: not a \`key = "value"\` setting; ignored`);
      return;
    }
    const parsed = unquote(m[2]);
    if (parsed == null) {
      warnings.push(`${fileName}, line ${line}: ${m[1]} has an unterminated quoted value; ignored`);
      return;
    }
    if (parsed.trailing) warnings.push(`${fileName}, line ${line}: unexpected text after the quoted value of ${m[1]}; kept the quoted part`);
    const key = m[1];
    entries.delete(key.toLowerCase());
    entries.set(key.toLowerCase(), { key, value: parsed.value, line });
  });
  return { entries, encoding };
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

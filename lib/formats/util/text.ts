import { AppError } from "@/lib/errors/app-error";

const decoder = new TextDecoder("utf-8", { fatal: false });

/** Decodes UTF-8 (dropping a BOM); UTF-16 files with a BOM are decoded too, as Windows tools write them. */
export function decodeText(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  const text = decoder.decode(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Share of bytes in the first KiB that are control characters no text config contains. */
export function binaryRatio(data: Uint8Array): number {
  const n = Math.min(data.length, 1024);
  if (n === 0) return 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i];
    if (b === 0 || (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12)) odd++;
  }
  return odd / n;
}

/** Refuses content that is clearly not text, before a parser spends time on it. */
export function requireText(fileName: string, data: Uint8Array): string {
  const startsUtf16 = data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff));
  if (!startsUtf16 && binaryRatio(data) > 0.01) {
    throw new AppError("parse_error", "binary content, not a text configuration file", { file: fileName });
  }
  return decodeText(data);
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

export function extensionOf(fileName: string): string {
  const base = baseName(fileName).toLowerCase();
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

import { AppError } from "@/lib/errors/app-error";
import { concatBytes } from "./bytes";

export interface TarEntry {
  name: string;
  /** A view into the archive's bytes: nothing is copied or written to disk. */
  data: Uint8Array;
}

export interface TarLimits {
  maxEntries: number;
  maxEntryBytes: number;
}

const BLOCK = 512;
const DEFAULT_LIMITS: TarLimits = { maxEntries: 10_000, maxEntryBytes: 50 * 1024 * 1024 };

function field(header: Uint8Array, start: number, length: number): string {
  let end = start;
  while (end < start + length && header[end] !== 0) end++;
  return new TextDecoder("utf-8").decode(header.subarray(start, end));
}

function octal(header: Uint8Array, start: number, length: number): number | null {
  // Base-256 sizes (high bit set) only occur for members over 8 GiB: far past any cap here.
  if (header[start] & 0x80) return Infinity;
  const text = field(header, start, length).trim();
  if (text === "") return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null;
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header, 148, 8);
  if (stored == null) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum === stored;
}

function isZeroBlock(header: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (header[i] !== 0) return false;
  return true;
}

/** True when the bytes start with a tar header whose checksum is right: cheap enough for sniffing. */
export function looksLikeTar(data: Uint8Array): boolean {
  return data.length >= BLOCK && !isZeroBlock(data.subarray(0, BLOCK)) && checksumOk(data.subarray(0, BLOCK));
}

function paxPath(body: Uint8Array): string | null {
  const text = new TextDecoder("utf-8").decode(body);
  for (const record of text.split("\n")) {
    const m = /^\d+ path=(.*)$/.exec(record);
    if (m) return m[1];
  }
  return null;
}

/**
 * Lists the regular files of a POSIX/ustar (or GNU) tar held in memory. Only
 * reads; refuses bad checksums, members running past the end and anything over
 * the limits with an AppError naming the archive.
 */
export function readTar(fileName: string, data: Uint8Array, limits: Partial<TarLimits> = {}): TarEntry[] {
  const { maxEntries, maxEntryBytes } = { ...DEFAULT_LIMITS, ...limits };
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | null = null;
  let headers = 0;
  while (offset + BLOCK <= data.length) {
    const header = data.subarray(offset, offset + BLOCK);
    if (isZeroBlock(header)) break;
    if (!checksumOk(header)) {
      throw new AppError("parse_error", `damaged tar header at byte ${offset}`, { file: fileName });
    }
    if (++headers > maxEntries * 2) {
      throw new AppError("too_large", `more than ${maxEntries} archive members`, { file: fileName });
    }
    const size = octal(header, 124, 12);
    if (size == null) throw new AppError("parse_error", `bad member size at byte ${offset}`, { file: fileName });
    if (size > maxEntryBytes) {
      throw new AppError("too_large", `an archive member is larger than ${maxEntryBytes} bytes`, { file: fileName });
    }
    const bodyStart = offset + BLOCK;
    if (bodyStart + size > data.length) {
      throw new AppError("parse_error", "archive is truncated", { file: fileName });
    }
    const body = data.subarray(bodyStart, bodyStart + size);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(header, 345, 155);
    const plainName = (prefix ? prefix + "/" : "") + field(header, 0, 100);
    if (type === "L") {
      longName = field(body, 0, body.length);
    } else if (type === "x") {
      longName = paxPath(body) ?? longName;
    } else if (type === "0" || type === "7") {
      if (entries.length >= maxEntries) {
        throw new AppError("too_large", `more than ${maxEntries} archive members`, { file: fileName });
      }
      entries.push({ name: longName ?? plainName, data: body });
      longName = null;
    } else if (type !== "g") {
      longName = null;
    }
    offset = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  // Some writers omit the end-of-archive blocks, so only stray non-zero bytes count as a cut-off header.
  if (offset < data.length && data.length - offset < BLOCK && data.subarray(offset).some((b) => b !== 0)) {
    throw new AppError("parse_error", "archive is truncated", { file: fileName });
  }
  return entries;
}

/** Builds a ustar archive in memory (tests and fixtures build OVAs with it). */
export function writeTar(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const f of files) {
    const header = new Uint8Array(BLOCK);
    const put = (text: string, start: number) => header.set(enc.encode(text), start);
    put(f.name.slice(0, 99), 0);
    put("0000644\0", 100);
    put("0000000\0", 108);
    put("0000000\0", 116);
    put(f.data.length.toString(8).padStart(11, "0") + "\0", 124);
    put("00000000000\0", 136);
    put("        ", 148);
    put("0", 156);
    put("ustar\0", 257);
    put("00", 263);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += header[i];
    put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    chunks.push(header, f.data, new Uint8Array((BLOCK - (f.data.length % BLOCK)) % BLOCK));
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  return concatBytes(chunks);
}

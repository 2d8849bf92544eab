/**
 * A minimal POSIX ustar writer and reader for regular files: what a backup
 * archive (lib/db/backup.ts) needs, readable by `tar tzf` as well.
 */
export interface TarEntry {
  name: string;
  data: Buffer;
  /** Permission bits; 0o644 unless given. */
  mode?: number;
}

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1; // eleven octal digits

function field(buf: Buffer, offset: number, length: number, text: string): void {
  buf.write(text, offset, Math.min(length, Buffer.byteLength(text)), "utf8");
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, "0") + "\0";
}

function header(name: string, size: number, mode: number, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100 || !name || name.includes("\0")) throw new Error(`tar: unusable entry name "${name}"`);
  if (size > MAX_SIZE) throw new Error(`tar: ${name} is too large (${size} bytes)`);
  const h = Buffer.alloc(BLOCK, 0);
  field(h, 0, 100, name);
  field(h, 100, 8, octal(mode & 0o7777, 8));
  field(h, 108, 8, octal(0, 8));
  field(h, 116, 8, octal(0, 8));
  field(h, 124, 12, octal(size, 12));
  field(h, 136, 12, octal(Math.floor(mtime / 1000), 12));
  h.fill(0x20, 148, 156); // the checksum counts its own field as spaces
  h[156] = 0x30; // "0": a regular file
  field(h, 257, 6, "ustar\0");
  field(h, 263, 2, "00");
  const sum = h.reduce((a, b) => a + b, 0);
  field(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
  return h;
}

export function packTar(entries: TarEntry[], mtime = Date.now()): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e.name, e.data.length, e.mode ?? 0o644, mtime), e.data);
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

function readString(buf: Buffer, offset: number, length: number): string {
  const raw = buf.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString("utf8");
}

function readOctal(buf: Buffer, offset: number, length: number, what: string): number {
  const text = readString(buf, offset, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new Error(`not a tar archive: the ${what} of an entry is unreadable`);
  return parseInt(text, 8);
}

/** The regular files of an archive (directories and other entries are skipped). Throws on a damaged or truncated archive. */
export function unpackTar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= buf.length) {
    const h = buf.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return out;
    const stored = readOctal(h, 148, 8, "checksum");
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
    if (sum !== stored) throw new Error(`not a tar archive, or a damaged one: checksum mismatch at byte ${at}`);
    const size = readOctal(h, 124, 12, "size");
    const prefix = readString(h, 345, 155);
    const name = (prefix ? prefix + "/" : "") + readString(h, 0, 100);
    const type = String.fromCharCode(h[156] || 0x30);
    const start = at + BLOCK;
    if (start + size > buf.length) throw new Error(`the archive is truncated: ${name} needs ${size} bytes, ${buf.length - start} remain`);
    if (type === "0") out.push({ name, data: Buffer.from(buf.subarray(start, start + size)), mode: readOctal(h, 100, 8, "mode") });
    at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error("the archive is truncated: it has no end-of-archive marker");
}

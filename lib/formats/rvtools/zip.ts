import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import { AppError } from "@/lib/errors/app-error";
import { MAX_DECOMPRESSED_BYTES, MAX_WORKBOOK_BYTES } from "@/lib/formats/types";

/**
 * A minimal ZIP reader for xlsx workbooks. exceljs only loads asynchronously
 * and FormatParser.parse is synchronous, and reading the central directory
 * ourselves lets us refuse zip bombs before inflating anything.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  data: Uint8Array;
  entries: Map<string, ZipEntry>;
  fileName: string;
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

export function isZip(data: Uint8Array): boolean {
  return data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

function bad(fileName: string, message: string): AppError {
  return new AppError("parse_error", `not a readable xlsx workbook: ${message}`, { file: fileName });
}

export function openZip(data: Uint8Array, fileName: string): ZipArchive {
  if (data.length > MAX_WORKBOOK_BYTES) {
    throw new AppError("too_large", `a workbook is at most ${MAX_WORKBOOK_BYTES / 2 ** 20} MiB`, { file: fileName });
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad(fileName, "no ZIP end-of-central-directory record");
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) throw new AppError("too_large", "ZIP64 archives are larger than any workbook accepted here", { file: fileName });
  if (cdOffset + cdSize > data.length) throw bad(fileName, "central directory lies outside the file");

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > data.length || view.getUint32(p, true) !== CDIR_SIG) throw bad(fileName, `central directory entry ${i + 1} is damaged`);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: decoder.decode(data.subarray(p + 46, p + 46 + nameLen)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new AppError("too_large", `ZIP64 entry ${entry.name} is larger than any workbook accepted here`, { file: fileName });
    }
    total += entry.size;
    // Checked against the declared sizes before inflating, and again while inflating (declared sizes can lie).
    if (total > MAX_DECOMPRESSED_BYTES) {
      throw new AppError("too_large", `the workbook unpacks to more than ${MAX_DECOMPRESSED_BYTES / 2 ** 20} MiB`, { file: fileName });
    }
    entries.set(entry.name.replace(/^\/+/, ""), entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { data, entries, fileName };
}

/** Compressed bytes of an entry, as stored. */
export function rawEntryData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
  const view = new DataView(zip.data.buffer, zip.data.byteOffset, zip.data.byteLength);
  const h = entry.localHeaderOffset;
  if (h + 30 > zip.data.length || view.getUint32(h, true) !== LOCAL_SIG) throw bad(zip.fileName, `local header of ${entry.name} is damaged`);
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  if (start + entry.compressedSize > zip.data.length) throw bad(zip.fileName, `${entry.name} is truncated`);
  return zip.data.subarray(start, start + entry.compressedSize);
}

export function readEntry(zip: ZipArchive, name: string): Buffer | null {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const stored = rawEntryData(zip, entry);
  if (entry.method === 0) return Buffer.from(stored);
  if (entry.method !== 8) throw bad(zip.fileName, `${name} uses unsupported compression method ${entry.method}`);
  try {
    return inflateRawSync(stored, { maxOutputLength: Math.max(entry.size, 1) });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new AppError("too_large", `${name} inflates to more than its declared ${entry.size} bytes`, { file: zip.fileName });
    }
    throw bad(zip.fileName, `${name} cannot be inflated (${(e as Error).message})`);
  }
}

export function readEntryText(zip: ZipArchive, name: string): string | null {
  const buf = readEntry(zip, name);
  return buf === null ? null : buf.toString("utf8");
}

/** Output entry for writeZip: new content, content already deflated, or an entry copied compressed from an archive. */
export type ZipOutEntry =
  | { name: string; content: Uint8Array }
  | { name: string; deflated: Uint8Array; crc: number; size: number }
  | { name: string; copyFrom: ZipArchive; entry: ZipEntry };

/** Deflates content now, so a caller can drop the uncompressed bytes before the archive is written. */
export function compressEntry(name: string, content: Uint8Array): ZipOutEntry {
  return { name, deflated: deflateRawSync(content, { level: 6 }), crc: crc32(content), size: content.length };
}

export function writeZip(entries: ZipOutEntry[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    let method: number, crc: number, size: number, body: Uint8Array;
    if ("content" in e) {
      body = deflateRawSync(e.content, { level: 6 });
      method = 8;
      crc = crc32(e.content);
      size = e.content.length;
    } else if ("deflated" in e) {
      body = e.deflated;
      method = 8;
      crc = e.crc;
      size = e.size;
    } else {
      body = rawEntryData(e.copyFrom, e.entry);
      method = e.entry.method;
      crc = e.entry.crc;
      size = e.entry.size;
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, fixed so output is reproducible
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(CDIR_SIG, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(0x00210000, 12);
    cd.writeUInt32LE(crc >>> 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD_SIG, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdBuf.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, cdBuf, eocd]);
}

import zlib from "node:zlib";
import type { CachedAnswer } from "./render-cache";
import { newNonce } from "./security-headers";

/**
 * The cache-hit path of scripts/serve.ts, made cheap: a kept answer is cut
 * once, where its CSP nonce appears, into the pieces around it (body and
 * headers), and each piece of the body is compressed once. Serving it again
 * then costs a fresh nonce, a copy of the pieces and, for gzip, a CRC over
 * the body; no string conversion, no search and no compression per request.
 *
 * The gzip body is built from parts: each piece is raw DEFLATE ended by a
 * sync flush (byte-aligned, not final, no reference outside itself), the
 * nonce goes in between as a stored block, and an empty final block and the
 * gzip trailer (CRC-32 and length of the whole body) close it. Any gzip
 * reader reads it as one stream (RFC 1951 §3.2.3–3.2.4, RFC 1952).
 */
export interface PreparedAnswer {
  status: number;
  /** The body around each occurrence of the nonce (one piece when there is none). */
  pieces: Buffer[];
  /** Each piece compressed, filled on the first request that accepts gzip. */
  gzipPieces: Buffer[] | null;
  /** Header values around each occurrence of the nonce. */
  headers: [name: string, parts: string[] | string[][]][];
  hasNonce: boolean;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
// BFINAL=1, fixed Huffman codes, end of block at once.
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

function splitBuffer(b: Buffer, needle: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (;;) {
    const at = b.indexOf(needle, from);
    if (at < 0) break;
    out.push(b.subarray(from, at));
    from = at + needle.length;
  }
  out.push(b.subarray(from));
  return out;
}

export function prepareAnswer(a: CachedAnswer): PreparedAnswer {
  const nonce = a.nonce;
  const pieces = nonce ? splitBuffer(a.body, Buffer.from(nonce, "utf8")) : [a.body];
  const headers: PreparedAnswer["headers"] = Object.entries(a.headers).map(([k, v]) => [
    k,
    Array.isArray(v) ? v.map((s) => (nonce ? s.split(nonce) : [s])) : nonce ? v.split(nonce) : [v],
  ]);
  return {
    status: a.status,
    pieces,
    gzipPieces: null,
    headers,
    hasNonce: nonce !== null,
  };
}

/** The prepared form of a kept answer, made on first use and kept with it. */
export function preparedOf(a: CachedAnswer): PreparedAnswer {
  const k = a as CachedAnswer & { prepared?: PreparedAnswer };
  return (k.prepared ??= prepareAnswer(a));
}

function storedBlock(data: Buffer): Buffer {
  // Non-final stored block; the writer is byte-aligned after a sync flush. A nonce is far below 65,535 bytes.
  const n = data.length;
  return Buffer.concat([Buffer.from([0x00, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff]), data]);
}

function gzipPiecesOf(p: PreparedAnswer): Buffer[] {
  return (p.gzipPieces ??= p.pieces.map((piece) => zlib.deflateRawSync(piece, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH })));
}

/**
 * The answer's headers and body with `nonce` in place of the one it was
 * rendered with; gzip-encoded when `gzip` is true.
 */
export function assemble(p: PreparedAnswer, gzip: boolean, nonce: string = newNonce()): { headers: Record<string, string | string[]>; body: Buffer } {
  const headers: Record<string, string | string[]> = {};
  for (const [k, parts] of p.headers) {
    headers[k] = typeof parts[0] === "string" ? (parts as string[]).join(nonce) : (parts as string[][]).map((x) => x.join(nonce));
  }
  const n = Buffer.from(nonce, "utf8");
  if (!gzip) {
    if (p.pieces.length === 1) return { headers, body: p.pieces[0] };
    const list: Buffer[] = [];
    p.pieces.forEach((piece, i) => (i ? list.push(n, piece) : list.push(piece)));
    return { headers, body: Buffer.concat(list) };
  }
  const gz = gzipPiecesOf(p);
  const stored = storedBlock(n);
  const list: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  p.pieces.forEach((piece, i) => {
    if (i) {
      list.push(stored);
      crc = zlib.crc32(n, crc);
      size += n.length;
    }
    list.push(gz[i]);
    crc = zlib.crc32(piece, crc);
    size += piece.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  list.push(FINAL_EMPTY_BLOCK, trailer);
  return { headers, body: Buffer.concat(list) };
}

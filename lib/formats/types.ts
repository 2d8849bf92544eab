import type { SourceFormat } from "@/lib/vm/model";
import type { ParseResult } from "@/lib/vm/parsed";

/** What a parser is given: the file's name (for messages) and its bytes. Parsers do no I/O. */
export interface ParseInput {
  fileName: string;
  data: Uint8Array;
  /** Other files given alongside (e.g. .vmdk descriptors next to a .vmx), by base name. */
  companions?: Record<string, Uint8Array>;
}

export interface FormatParser {
  format: SourceFormat;
  /** Human label, e.g. "VMware .vmx". */
  label: string;
  /** File extensions commonly used (lower case, with dot). Detection is by content first. */
  extensions: string[];
  /** Confidence 0..1 that the content is this format (cheap, must never throw). */
  sniff(input: ParseInput): number;
  /** Parse or throw an AppError (code parse_error / too_large) naming the file and line or field. */
  parse(input: ParseInput): ParseResult;
}

/**
 * The one upload limit: the largest single file the site takes, whatever its format, checked by the
 * browser before it uploads and by the server before it buffers. It takes an RVTools export of 10,000
 * VMs (the workbook is about 9 MB, its vInfo CSV over 2 MiB). Page text quotes UPLOAD_LIMIT_TEXT.
 */
export const MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024;
export const UPLOAD_LIMIT_TEXT = `${MAX_UPLOAD_FILE_BYTES / 2 ** 20} MiB`;
/** A request carrying one file at the limit, with room for the multipart framing and form fields. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_FILE_BYTES + 1024 * 1024;
/** Size caps (bytes) of the parsers: the upload limit, so that no file the page accepts is refused later for its size. */
export const MAX_CONFIG_BYTES = MAX_UPLOAD_FILE_BYTES;
export const MAX_WORKBOOK_BYTES = MAX_UPLOAD_FILE_BYTES;

/** The browser's and the server's one wording for a file over the limit. */
export function uploadTooLargeMessage(fileName: string, bytes: number): string {
  return `${fileName} is ${(bytes / 2 ** 20).toFixed(1)} MiB; the limit is ${UPLOAD_LIMIT_TEXT} per file.`;
}
/** Cap on the total decompressed size of an archive (xlsx, OVA). */
export const MAX_DECOMPRESSED_BYTES = 300 * 1024 * 1024;

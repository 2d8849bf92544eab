import type { NormalizedVm, SourceFormat } from "@/lib/vm/model";

/** What a parser is given: the file's name (for messages) and its bytes. Parsers do no I/O. */
export interface ParseInput {
  fileName: string;
  data: Uint8Array;
  /** Other files given alongside (e.g. .vmdk descriptors next to a .vmx), by base name. */
  companions?: Record<string, Uint8Array>;
}

/**
 * Identifying values a parser saw in the source. They never reach the
 * normalized VM except `name` and NIC network names; redaction uses this list
 * to tell the contributor what was removed, and tests use it to prove that
 * none of it survives.
 */
export interface IdentifyingFacts {
  hostnames: string[];   // VM name, display name, DNS name, host/cluster names
  macs: string[];
  ips: string[];
  uuids: string[];       // any UUID / instance id / BIOS serial
  paths: string[];       // file and datastore paths, disk file names
  users: string[];       // user or domain names, annotations' authors
  networks: string[];    // network / port group / bridge names (raw)
  other: string[];       // annotations, descriptions, anything else free-form
}

export interface ParsedVm {
  vm: NormalizedVm;
  identifying: IdentifyingFacts;
  /** Where in the source this VM came from, for messages: e.g. "row 14", "VirtualSystem vm-2". */
  origin?: string;
}

export interface ParseResult {
  vms: ParsedVm[];
  warnings: string[];
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

export function emptyIdentifying(): IdentifyingFacts {
  return { hostnames: [], macs: [], ips: [], uuids: [], paths: [], users: [], networks: [], other: [] };
}

/** Size caps (bytes). */
export const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;
/** Cap on the total decompressed size of an archive (xlsx, OVA). */
export const MAX_DECOMPRESSED_BYTES = 300 * 1024 * 1024;

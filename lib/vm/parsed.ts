import type { NormalizedVm } from "@/lib/vm/model";

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

/** One VM as a parser (or the vCenter agent) found it: normalized, not yet redacted. */
export interface ParsedVm {
  vm: NormalizedVm;
  identifying: IdentifyingFacts;
  /** Where in the source this VM came from, for messages: e.g. "row 14", "VirtualSystem vm-2". */
  origin?: string;
}

/** What reading one file gives: its VMs and the warnings (each naming the file) about what was skipped. */
export interface ParseResult {
  vms: ParsedVm[];
  warnings: string[];
}

export function emptyIdentifying(): IdentifyingFacts {
  return { hostnames: [], macs: [], ips: [], uuids: [], paths: [], users: [], networks: [], other: [] };
}

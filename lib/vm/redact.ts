import type { IdentifyingFacts, ParsedVm, ParseResult } from "@/lib/vm/parsed";
import type { NormalizedVm } from "@/lib/vm/model";
import { classifyNetworkName, type NetworkRole } from "./network-role";

export type RemovedKind = "hostname" | "mac" | "ip" | "uuid" | "path" | "user" | "network" | "other";

export interface RemovedItem {
  kind: RemovedKind;
  count: number;
  label: string;
}

export interface RedactionResult {
  vm: NormalizedVm;
  removed: RemovedItem[];
  summary: string;
  networkRoles: NetworkRole[];
}

/**
 * Identifying values shorter than this are not searched for inside other
 * fields: a guestinfo flag of "1" or a network called "lan" would otherwise
 * wipe "vmx-19" or "Ubuntu Linux" for no privacy gain.
 */
const MIN_MATCH_LENGTH = 4;
const NET_LABEL = /^net-\d+$/;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function searchable(facts: IdentifyingFacts, vm: NormalizedVm): string[] {
  const all = [...Object.values(facts).flat(), ...(vm.name ? [vm.name] : [])];
  const nets = vm.nics.map((n) => n.network).filter((n): n is string => n != null && !NET_LABEL.test(n));
  return [...new Set([...all, ...nets].map((v) => v.trim().toLowerCase()))].filter((v) => v.length >= MIN_MATCH_LENGTH);
}

function containsAny(value: string, needles: string[]): boolean {
  const v = value.toLowerCase();
  return needles.some((n) => v.includes(n));
}

/**
 * What would be published for one parsed VM: the name is dropped, network
 * names become "net-1", "net-2" (same network, same label, in order of first
 * appearance), and any other text field that holds an identifying value is
 * dropped. Pure and idempotent on the VM.
 */
export function redact(parsed: ParsedVm): RedactionResult {
  const source = parsed.vm;
  const facts = parsed.identifying;
  const needles = searchable(facts, source);
  const vm: NormalizedVm = structuredClone(source);
  const removed: RemovedItem[] = [];
  const add = (kind: RemovedKind, count: number, label: string) => {
    if (count > 0) removed.push({ kind, count, label });
  };

  const hostnames = new Set(facts.hostnames.map((h) => h.toLowerCase()));
  if (source.name) hostnames.add(source.name.toLowerCase());
  if (source.name) {
    add("hostname", hostnames.size, hostnames.size === 1 ? "VM name" : `VM name and ${plural(hostnames.size - 1, "other host name", "other host names")}`);
  } else {
    add("hostname", hostnames.size, plural(hostnames.size, "host name", "host names"));
  }
  vm.name = null;

  add("mac", facts.macs.length, plural(facts.macs.length, "MAC address", "MAC addresses"));
  add("ip", facts.ips.length, plural(facts.ips.length, "IP address", "IP addresses"));
  add("uuid", facts.uuids.length, plural(facts.uuids.length, "UUID or serial", "UUIDs or serials"));
  add("path", facts.paths.length, plural(facts.paths.length, "path", "paths"));
  add("user", facts.users.length, plural(facts.users.length, "user name", "user names"));

  const labels = new Map<string, string>();
  const rawNetworks = new Set<string>(facts.networks);
  for (const nic of vm.nics) {
    if (nic.network == null) continue;
    const key = nic.network;
    if (!NET_LABEL.test(key)) rawNetworks.add(key);
    if (!labels.has(key)) labels.set(key, `net-${labels.size + 1}`);
    nic.network = labels.get(key)!;
  }
  const realNetworks = [...rawNetworks].filter((n) => !NET_LABEL.test(n));
  add("network", realNetworks.length, plural(realNetworks.length, "network name", "network names"));
  const networkRoles = [...new Set(realNetworks.map(classifyNetworkName).filter((r): r is NetworkRole => r != null))];

  let dropped = 0;
  const check = (value: string | null): string | null => {
    if (value != null && containsAny(value, needles)) {
      dropped++;
      return null;
    }
    return value;
  };
  vm.guestOs.id = check(vm.guestOs.id);
  vm.guestOs.name = check(vm.guestOs.name);
  vm.hypervisor.product = check(vm.hypervisor.product);
  vm.hypervisor.version = check(vm.hypervisor.version);
  vm.hardwareVersion = check(vm.hardwareVersion);
  for (const nic of vm.nics) nic.model = check(nic.model);

  const freeText = facts.other.length;
  add("other", freeText, plural(freeText, "free-text value", "free-text values"));
  add("other", dropped, plural(dropped, "field that quoted an identifying value", "fields that quoted identifying values"));

  const summary = removed.length === 0 ? "nothing identifying found" : removed.map((r) => r.label).join(", ");
  return { vm, removed, summary, networkRoles };
}

/** Replaces identifying values (and the uploaded file's name) inside free-form warnings. */
export function scrubText(text: string, parsed: ParsedVm[], fileName?: string): string {
  const needles = new Set<string>();
  for (const p of parsed) for (const n of searchable(p.identifying, p.vm)) needles.add(n);
  if (fileName) {
    const base = fileName.split(/[\\/]/).pop() ?? fileName;
    needles.add(fileName.toLowerCase());
    needles.add(base.toLowerCase());
    const stem = base.replace(/\.[^.]+$/, "");
    if (stem.length >= MIN_MATCH_LENGTH) needles.add(stem.toLowerCase());
  }
  let out = text;
  // Longest first, so a full path is replaced before its base name.
  for (const n of [...needles].sort((a, b) => b.length - a.length)) {
    if (n === "") continue;
    const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(escaped, "gi"), "[redacted]");
  }
  return out;
}

export interface RedactedParseResult {
  vms: RedactionResult[];
  warnings: string[];
}

export function redactAll(result: ParseResult, fileName?: string): RedactedParseResult {
  return {
    vms: result.vms.map(redact),
    warnings: result.warnings.map((w) => scrubText(w, result.vms, fileName)),
  };
}

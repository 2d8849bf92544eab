import { AppError } from "@/lib/errors/app-error";
import type { NormalizedVm } from "@/lib/vm/model";
import type { IdentifyingFacts } from "@/lib/formats/types";

/**
 * Text of a snapshot file. Windows PowerShell 5 writes UTF-16LE with a BOM
 * by default (`Out-File`, `>`), so JSON exported from Hyper-V hosts often
 * arrives that way; everything else is UTF-8, sometimes with a BOM.
 */
export function decodeText(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data.subarray(2));
  const text = new TextDecoder("utf-8").decode(data);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON.parse that reports failures as an AppError with the line of the fault. */
export function parseJsonText(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lineCol = /line (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    let line: number | undefined;
    if (lineCol) line = Number(lineCol[1]);
    else if (pos) line = text.slice(0, Number(pos[1])).split("\n").length;
    throw new AppError("parse_error", `not valid JSON (${message.split("\n")[0].slice(0, 160)})`, { file: fileName, line });
  }
}

/**
 * Property lookup that ignores case: govc switched from Go field names
 * ("VirtualMachines", "Config") to lowerCamel JSON tags in later versions, and
 * the vSphere REST API has both "guest_OS" and "guest_os".
 */
export function pick(obj: unknown, ...names: string[]): unknown {
  if (!isObject(obj)) return undefined;
  for (const name of names) if (name in obj) return obj[name];
  const wanted = names.map((n) => n.toLowerCase());
  for (const key of Object.keys(obj)) if (wanted.includes(key.toLowerCase())) return obj[key];
  return undefined;
}

export function pickString(obj: unknown, ...names: string[]): string | null {
  const v = pick(obj, ...names);
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** A finite number, also when the exporter wrote it as a numeric string. */
export function pickNumber(obj: unknown, ...names: string[]): number | null {
  const v = pick(obj, ...names);
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return null;
}

export function pickBoolean(obj: unknown, ...names: string[]): boolean | null {
  const v = pick(obj, ...names);
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === "true";
  if (v === 0 || v === 1) return v === 1;
  return null;
}

export function asArray(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined || v === null) return [];
  return [v];
}

const MAC_RE = /\b[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}\b/gi;
const UUID_RE = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
const IPV4_RE = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;

function isIpv6(token: string): boolean {
  if (token.length < 3 || token.length > 39 || /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/i.test(token)) return false;
  const parts = token.split(":");
  if (!parts.every((p) => p.length <= 4) || !/[0-9a-f]/i.test(token)) return false;
  return token.includes("::") ? parts.length >= 3 && parts.length <= 9 : parts.length === 8;
}

/**
 * Adds MAC, UUID and IP-looking substrings of every string under `value` to
 * `facts`. Field-by-field extraction misses values in places nobody thought of
 * (guest info, extra config), and redaction relies on the list being complete.
 */
export function scanForIdentifiers(value: unknown, facts: IdentifyingFacts, depth = 0): void {
  if (depth > 40) return;
  if (typeof value === "string") {
    if (value.length > 4096) return;
    for (const m of value.match(MAC_RE) ?? []) addUnique(facts.macs, m);
    for (const m of value.match(UUID_RE) ?? []) addUnique(facts.uuids, m);
    for (const m of value.match(IPV4_RE) ?? []) if (m !== "0.0.0.0") addUnique(facts.ips, m);
    if (value.includes(":")) for (const t of value.split(/[^0-9a-fA-F:]+/)) if (isIpv6(t)) addUnique(facts.ips, t);
    return;
  }
  if (Array.isArray(value)) for (const v of value) scanForIdentifiers(v, facts, depth + 1);
  else if (isObject(value)) for (const v of Object.values(value)) scanForIdentifiers(v, facts, depth + 1);
}

export function addUnique(list: string[], value: string | null | undefined): void {
  if (value == null) return;
  const v = value.trim();
  if (v !== "" && !list.includes(v)) list.push(v);
}

export function bytesToGiB(bytes: number): number {
  return Math.round((bytes / 2 ** 30) * 1000) / 1000;
}

const cut = (s: string | null, n: number) => (s === null ? null : s.slice(0, n));

/**
 * Trims a mapped VM to the limits of normalizedVmSchema (string lengths,
 * device counts, disk size), so one odd record never fails a whole export.
 */
export function fitVm(vm: NormalizedVm): NormalizedVm {
  vm.name = cut(vm.name, 512);
  vm.hypervisor = { vendor: vm.hypervisor.vendor, product: cut(vm.hypervisor.product, 128), version: cut(vm.hypervisor.version, 64) };
  vm.hardwareVersion = cut(vm.hardwareVersion, 64);
  vm.guestOs = { id: cut(vm.guestOs.id, 128), family: vm.guestOs.family, name: cut(vm.guestOs.name, 256) };
  vm.disks = vm.disks.slice(0, 256).map((d) => ({ ...d, sizeGiB: d.sizeGiB !== null && d.sizeGiB <= 1024 * 1024 ? d.sizeGiB : null }));
  vm.nics = vm.nics.slice(0, 64).map((n) => ({ model: cut(n.model, 64), network: cut(n.network, 256) }));
  return vm;
}

import { AppError } from "@/lib/errors/app-error";

/** Helpers for the JSON formats (govc / vSphere REST, Hyper-V); exporters disagree on case and types. */
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

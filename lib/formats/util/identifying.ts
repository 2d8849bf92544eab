import type { IdentifyingFacts } from "@/lib/formats/types";

/** Adds a value once, ignoring blanks: the lists feed redaction and tests, so duplicates would inflate counts. */
export function note(facts: IdentifyingFacts, kind: keyof IdentifyingFacts, value: string | null | undefined): void {
  if (value == null) return;
  const v = value.trim();
  if (v === "" || facts[kind].includes(v)) return;
  facts[kind].push(v);
}

/** Paths also reveal the file's base name (often the VM name) on their own. */
export function notePath(facts: IdentifyingFacts, value: string | null | undefined): void {
  if (value == null) return;
  note(facts, "paths", value);
  const parts = value.split(/[\\/]/).filter(Boolean);
  if (parts.length > 1) note(facts, "paths", parts[parts.length - 1]);
  const home = /(?:^|[\\/])(?:home|Users|Documents and Settings)[\\/]([^\\/]+)[\\/]/i.exec(value);
  if (home) note(facts, "users", home[1]);
}

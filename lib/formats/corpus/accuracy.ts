import { isAppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats";

/**
 * Field accuracy of the parsers on the corpus of real files. Each file comes with
 * a hand-written `<file>.expected.json`: a partial normalized VM per VM found,
 * holding only the fields someone verified against the file and the platform's
 * documentation. Only those fields are compared; a refused file scores none of them.
 */

export interface ExpectedFile {
  source: string;
  licence: string;
  notes?: string;
  vms: Record<string, unknown>[];
}

export interface CorpusFile {
  format: string;
  name: string;
  data: Uint8Array;
  expected: ExpectedFile;
  /** Other files given with it (e.g. .vmdk descriptors), by name. */
  companions?: Record<string, Uint8Array>;
}

export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
}

export interface FileScore {
  format: string;
  name: string;
  fields: number;
  matched: number;
  refused: string | null;
  mismatches: Mismatch[];
}

export interface FormatScore {
  format: string;
  files: number;
  fields: number;
  matched: number;
  /** matched / fields, 0..1; 1 for a format without expected fields. */
  accuracy: number;
  refused: number;
}

/** Numbers written by hand to two decimals (GiB) match within this tolerance. */
const NUMBER_TOLERANCE = 0.006;

/**
 * Fields that are sets, not sequences: the order in which a parser lists
 * defaulted fields carries no meaning, so it is compared as one sorted value.
 */
const SET_FIELDS = new Set(["defaulted"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sameLeaf(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "number" && typeof actual === "number") return Math.abs(expected - actual) <= NUMBER_TOLERANCE;
  return expected === actual;
}

/** How many leaf fields `expected` holds (an array also counts its length as one field). */
function countFields(expected: unknown, key = ""): number {
  if (SET_FIELDS.has(key)) return 1;
  if (Array.isArray(expected)) return 1 + expected.reduce((n: number, e) => n + countFields(e), 0);
  if (isRecord(expected)) return Object.entries(expected).reduce((n, [k, v]) => n + countFields(v, k), 0);
  return 1;
}

/**
 * Compares the fields present in `expected` with `actual`. Arrays are compared
 * element by element, and their length is one field of its own, so a parser
 * that reports a CD-ROM as a disk loses a point even when the real disks match.
 */
export function compareFields(expected: unknown, actual: unknown, path = "", key = ""): { fields: number; matched: number; mismatches: Mismatch[] } {
  if (SET_FIELDS.has(key) && Array.isArray(expected)) {
    const want = [...expected].map(String).sort();
    const got = Array.isArray(actual) ? [...actual].map(String).sort() : actual;
    const ok = Array.isArray(got) && got.length === want.length && got.every((v, i) => v === want[i]);
    return { fields: 1, matched: ok ? 1 : 0, mismatches: ok ? [] : [{ path, expected: want, actual: got }] };
  }
  if (Array.isArray(expected)) {
    const list = Array.isArray(actual) ? actual : [];
    const lengthOk = Array.isArray(actual) && actual.length === expected.length;
    const out = {
      fields: 1,
      matched: lengthOk ? 1 : 0,
      mismatches: lengthOk ? [] : [{ path: `${path}.length`, expected: expected.length, actual: Array.isArray(actual) ? actual.length : actual }] as Mismatch[],
    };
    expected.forEach((e, i) => {
      const r = compareFields(e, list[i], `${path}[${i}]`);
      out.fields += r.fields;
      out.matched += r.matched;
      out.mismatches.push(...r.mismatches);
    });
    return out;
  }
  if (isRecord(expected)) {
    const out = { fields: 0, matched: 0, mismatches: [] as Mismatch[] };
    for (const [k, v] of Object.entries(expected)) {
      const r = compareFields(v, isRecord(actual) ? actual[k] : undefined, path ? `${path}.${k}` : k, k);
      out.fields += r.fields;
      out.matched += r.matched;
      out.mismatches.push(...r.mismatches);
    }
    return out;
  }
  const ok = sameLeaf(expected, actual);
  return { fields: 1, matched: ok ? 1 : 0, mismatches: ok ? [] : [{ path, expected, actual }] };
}

/** Parses one corpus file through the same entry point as uploads and the CLI, and scores it. */
export function scoreFile(file: CorpusFile): FileScore {
  const fields = countFields(file.expected.vms);
  try {
    const result = parseFile({ fileName: file.name, data: file.data, companions: file.companions });
    const r = compareFields(file.expected.vms, result.vms.map((v) => v.vm), "vms");
    return { format: file.format, name: file.name, fields: r.fields, matched: r.matched, refused: null, mismatches: r.mismatches };
  } catch (e) {
    const reason = isAppError(e) ? e.describe() : String(e);
    return { format: file.format, name: file.name, fields, matched: 0, refused: reason, mismatches: [] };
  }
}

/** Per-format totals, formats in alphabetical order. */
export function summarize(scores: FileScore[]): FormatScore[] {
  const byFormat = new Map<string, FormatScore>();
  for (const s of scores) {
    const f = byFormat.get(s.format) ?? { format: s.format, files: 0, fields: 0, matched: 0, accuracy: 1, refused: 0 };
    f.files += 1;
    f.fields += s.fields;
    f.matched += s.matched;
    if (s.refused != null) f.refused += 1;
    byFormat.set(s.format, f);
  }
  return [...byFormat.values()]
    .map((f) => ({ ...f, accuracy: f.fields === 0 ? 1 : f.matched / f.fields }))
    .sort((a, b) => a.format.localeCompare(b.format));
}

/** A Markdown table of the summary, as the README shows it. */
export function formatTable(summary: FormatScore[]): string {
  const rows = summary.map((f) => `| ${f.format} | ${f.files} | ${f.matched} / ${f.fields} | ${(f.accuracy * 100).toFixed(1)} % | ${f.refused} |`);
  const total = summary.reduce((t, f) => ({ files: t.files + f.files, fields: t.fields + f.fields, matched: t.matched + f.matched, refused: t.refused + f.refused }), { files: 0, fields: 0, matched: 0, refused: 0 });
  const all = total.fields === 0 ? 100 : (total.matched / total.fields) * 100;
  return [
    "| format | files | fields matched | accuracy | refused |",
    "|---|---|---|---|---|",
    ...rows,
    `| all | ${total.files} | ${total.matched} / ${total.fields} | ${all.toFixed(1)} % | ${total.refused} |`,
  ].join("\n");
}

/**
 * Test support shared by the format tests (golden files, fixtures, fuzzing).
 * It does file I/O, so only *.test.ts files import it.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { FormatParser, ParseInput } from "@/lib/formats/types";
import type { IdentifyingFacts, ParseResult } from "@/lib/vm/parsed";
import { normalizedVmSchema } from "@/lib/vm/model";
import { stripControlCharsDeep } from "@/lib/text/control-chars";

export function readFixture(dir: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(dir, name)));
}

/**
 * The one golden-file harness: compares `actual` with `<dir>/<fixture>.golden.json`. A missing golden
 * file fails the test; only GOLDEN_UPDATE=1 writes one (then read the diff by hand before committing).
 */
export function expectGolden(dir: string, fixtureName: string, actual: unknown): void {
  const file = path.join(dir, `${fixtureName}.golden.json`);
  const json = JSON.stringify(actual, null, 2) + "\n";
  if (process.env.GOLDEN_UPDATE === "1") {
    writeFileSync(file, json);
    return;
  }
  if (!existsSync(file)) throw new Error(`missing golden file ${file}; run with GOLDEN_UPDATE=1 and review it`);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(file, "utf8")));
}

/** Every expected value occurs in (is a substring of) some listed identifying value. */
export function expectIdentifying(facts: IdentifyingFacts, expected: string[]): void {
  const listed = Object.values(facts).flat();
  for (const value of expected) {
    expect(listed.some((l) => l.includes(value)), `"${value}" should be listed as identifying; listed: ${listed.join(" | ")}`).toBe(true);
  }
}

/** Valid as parseFile hands them on: it removes control characters from a file's text before validating. */
export function expectValidVms(result: ParseResult): void {
  for (const p of result.vms) {
    const check = normalizedVmSchema.safeParse(stripControlCharsDeep(p.vm));
    expect(check.success, check.success ? "" : JSON.stringify(check.error.issues[0])).toBe(true);
  }
}

/** Identifying values long enough to be searched for (see MIN_MATCH_LENGTH in lib/vm/redact.ts). */
export function searchableFacts(facts: IdentifyingFacts): string[] {
  return Object.values(facts).flat().filter((v) => v.trim().length >= 4);
}

/** Runs `fn` and returns the thrown value, or undefined if it returned. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e;
  }
}

function mutate(seed: Uint8Array, kind: number, at: number, value: number): Uint8Array {
  if (seed.length === 0) return seed;
  const i = at % seed.length;
  if (kind === 0) {
    const copy = seed.slice();
    copy[i] = value;
    return copy;
  }
  if (kind === 1) return seed.slice(0, i);
  // Delete one line: the byte at i up to the next newline.
  let end = i;
  while (end < seed.length && seed[end] !== 10) end++;
  let start = i;
  while (start > 0 && seed[start - 1] !== 10) start--;
  const out = new Uint8Array(seed.length - (end - start));
  out.set(seed.subarray(0, start), 0);
  out.set(seed.subarray(end), start);
  return out;
}

/** Replaces `del` bytes at `at` with `insert`: spliced runs break tokens, quoting and nesting. */
function splice(seed: Uint8Array, at: number, del: number, insert: Uint8Array): Uint8Array {
  const i = seed.length === 0 ? 0 : at % seed.length;
  const out = new Uint8Array(seed.length - Math.min(del, seed.length - i) + insert.length);
  out.set(seed.subarray(0, i), 0);
  out.set(insert, i);
  out.set(seed.subarray(Math.min(seed.length, i + del)), i + insert.length);
  return out;
}

/**
 * Arbitrary bytes, and seeds with byte flips, truncation, deleted lines and spliced runs of random
 * bytes (up to three edits each).
 */
export function inputArbitrary(seeds: Uint8Array[], fileName: string): fc.Arbitrary<ParseInput> {
  const seed = fc.integer({ min: 0, max: Math.max(0, seeds.length - 1) }).map((i) => seeds[i]);
  const edit = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 0, max: 255 }));
  const mutated = fc
    .tuple(seed, fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([s, edits]) => edits.reduce((d, [k, at, v]) => mutate(d, k, at, v), s));
  const runs = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 64 }), fc.uint8Array({ maxLength: 16 })), { minLength: 1, maxLength: 3 });
  const spliced = fc.tuple(seed, runs).map(([s, edits]) => edits.reduce((d, [at, del, ins]) => splice(d, at, del, ins), s));
  const bytes = fc.uint8Array({ maxLength: 2048 });
  return fc.oneof(mutated, spliced, bytes).map((data) => ({ fileName, data }));
}

/** What a parser may refuse a file with: unreadable content, or a file or part of it over a size cap. */
const PARSE_ERROR_CODES = ["parse_error", "too_large"];

/**
 * Property, for arbitrary and damaged input: sniff gives a score in [0, 1] and
 * never throws; parse either returns schema-valid VMs with warnings that name
 * the file, or throws an AppError naming the file, never anything else.
 */
export function fuzzParser(parser: FormatParser, seeds: Uint8Array[], fileName: string, numRuns = 200): void {
  expect(seeds.length, "fuzzing needs seed files").toBeGreaterThan(0);
  fc.assert(
    fc.property(inputArbitrary(seeds, fileName), (input) => {
      let score: number | undefined;
      const sniffError = thrown(() => (score = parser.sniff(input)));
      expect(sniffError, `sniff threw: ${String(sniffError)}`).toBeUndefined();
      expect(Number.isFinite(score) && score! >= 0 && score! <= 1, `sniff score ${score}`).toBe(true);
      let result: ParseResult | undefined;
      const e = thrown(() => (result = parser.parse(input)));
      if (e !== undefined) {
        if (!isAppError(e)) throw e;
        expect(PARSE_ERROR_CODES, `unexpected code ${e.code}: ${e.message}`).toContain(e.code);
        // An archive's member is named after the archive: "x.ova:disk.ovf".
        expect(e.file === fileName || e.file?.startsWith(`${fileName}:`), `error without the file (${e.file}): ${e.message}`).toBe(true);
        expect(e.describe().startsWith(`${fileName}`), `message does not name the file: ${e.describe()}`).toBe(true);
        return;
      }
      expect(Array.isArray(result!.vms) && Array.isArray(result!.warnings)).toBe(true);
      // parseFile removes control characters from parsed text before validating (lib/formats/index.ts).
      expectValidVms(result!);
      for (const w of result!.warnings) expect(w.startsWith(fileName), `warning without the file: ${w}`).toBe(true);
    }),
    { numRuns, seed: 20240601 },
  );
}

/**
 * The same XML with every unprefixed element name (and every one carrying the
 * prefix `from`, if given) renamed to `prefix`, bound on the root element to
 * `namespaceUri`, so a parser can be shown to read `<ovf:Envelope>`,
 * `<vbox:VirtualBox>` and unusual prefixes exactly as it reads the original.
 */
export function withElementPrefix(xml: string, prefix: string, namespaceUri: string, from?: string): string {
  let first = true;
  const fromPart = from ? `(?:${from}:)?` : "";
  const tagName = new RegExp(`<(\\/?)${fromPart}([A-Za-z_][\\w.-]*)(?=[\\s/>])`, "g");
  return xml.replace(tagName, (_all, slash: string, name: string) => {
    const tag = `<${slash}${prefix}:${name}`;
    if (slash || !first) return tag;
    first = false;
    return new RegExp(`xmlns:${prefix}=`).test(xml) ? tag : `${tag} xmlns:${prefix}="${namespaceUri}"`;
  });
}

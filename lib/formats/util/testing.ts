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

/** Compares with `<fixture>.golden.json`; GOLDEN_UPDATE=1 rewrites it instead. */
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

/** Arbitrary bytes, and seeds with byte flips, truncation and deleted lines (up to three edits). */
export function inputArbitrary(seeds: Uint8Array[], fileName: string): fc.Arbitrary<ParseInput> {
  const edit = fc.tuple(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.integer({ min: 0, max: 255 }));
  const mutated = fc
    .tuple(fc.integer({ min: 0, max: Math.max(0, seeds.length - 1) }), fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([s, edits]) => edits.reduce((d, [k, at, v]) => mutate(d, k, at, v), seeds[s]));
  const bytes = fc.uint8Array({ maxLength: 2048 });
  return fc.oneof(mutated, mutated, bytes).map((data) => ({ fileName, data }));
}

/**
 * Property, for arbitrary and damaged input: sniff gives a score in [0, 1] and
 * never throws; parse either returns schema-valid VMs with warnings that name
 * the file, or throws an AppError naming the file, never anything else.
 */
export function fuzzParser(parser: FormatParser, seeds: Uint8Array[], fileName: string, numRuns = 200): void {
  fc.assert(
    fc.property(inputArbitrary(seeds, fileName), (input) => {
      const score = parser.sniff(input);
      expect(Number.isFinite(score) && score >= 0 && score <= 1, `sniff score ${score}`).toBe(true);
      let result: ParseResult | undefined;
      const e = thrown(() => (result = parser.parse(input)));
      if (e !== undefined) {
        if (!isAppError(e)) throw e;
        expect(e.file ?? "", `error without the file: ${e.message}`).toMatch(new RegExp(`^${escapeRegExp(fileName)}`));
        return;
      }
      expect(Array.isArray(result!.vms) && Array.isArray(result!.warnings)).toBe(true);
      for (const p of result!.vms) {
        // parseFile removes control characters from parsed text before validating (lib/formats/index.ts).
        const check = normalizedVmSchema.safeParse(stripControlCharsDeep(p.vm));
        expect(check.success, check.success ? "" : JSON.stringify(check.error.issues[0])).toBe(true);
      }
      for (const w of result!.warnings) expect(w.startsWith(fileName), `warning without the file: ${w}`).toBe(true);
    }),
    { numRuns, seed: 20240601 },
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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

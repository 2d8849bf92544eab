import { existsSync, readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { expect } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import type { FormatParser } from "@/lib/formats/types";
import type { IdentifyingFacts, ParseResult } from "@/lib/vm/parsed";
import { normalizedVmSchema } from "@/lib/vm/model";
import { stripControlCharsDeep } from "@/lib/text/control-chars";

/** Compares with `<fixture>.golden.json`; GOLDEN_UPDATE=1 rewrites it (then read the diff by hand). */
export function expectGolden(fixturePath: string, result: ParseResult): void {
  const goldenPath = fixturePath + ".golden.json";
  const actual = JSON.stringify(result, null, 2) + "\n";
  if (process.env.GOLDEN_UPDATE === "1" || !existsSync(goldenPath)) {
    writeFileSync(goldenPath, actual);
    if (process.env.GOLDEN_UPDATE !== "1") throw new Error(`golden file ${goldenPath} was missing and has been written; check it and rerun`);
    return;
  }
  expect(JSON.parse(actual)).toEqual(JSON.parse(readFileSync(goldenPath, "utf8")));
}

export function allIdentifying(facts: IdentifyingFacts): string[] {
  return Object.values(facts).flat();
}

/** Every expected value occurs in (is a substring of) some listed identifying value. */
export function expectIdentifying(facts: IdentifyingFacts, expected: string[]): void {
  const listed = allIdentifying(facts);
  for (const value of expected) {
    expect(listed.some((l) => l.includes(value)), `"${value}" should be listed as identifying; listed: ${listed.join(" | ")}`).toBe(true);
  }
}

/** Valid as parseFile hands them on: it removes control characters from a file's text before validating. */
export function expectValidVms(result: ParseResult): void {
  for (const p of result.vms) normalizedVmSchema.parse(stripControlCharsDeep(p.vm));
}

/** The parser's whole contract under garbage: a valid ParseResult or an AppError, nothing else; sniff never throws. */
export function fuzzParser(parser: FormatParser, seeds: Uint8Array[], runs = 200): void {
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 64 }), fc.uint8Array({ maxLength: 16 })), { minLength: 1, maxLength: 6 }))
    .map(([seed, edits]) => {
      let bytes = Array.from(seed);
      for (const [pos, del, insert] of edits) {
        const at = bytes.length === 0 ? 0 : pos % bytes.length;
        bytes = [...bytes.slice(0, at), ...insert, ...bytes.slice(at + del)];
      }
      return Uint8Array.from(bytes);
    });
  const truncated = fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([s, n]) => s.subarray(0, s.length === 0 ? 0 : n % s.length));
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 512 }), mutated, truncated), (data) => {
      const input = { fileName: "fuzz.bin", data };
      const score = parser.sniff(input);
      expect(score >= 0 && score <= 1).toBe(true);
      try {
        const result = parser.parse(input);
        expect(Array.isArray(result.vms) && Array.isArray(result.warnings)).toBe(true);
        expectValidVms(result);
      } catch (e) {
        if (!isAppError(e)) throw e;
        expect(e.file).toBe("fuzz.bin");
      }
    }),
    { numRuns: runs, seed: 42 },
  );
}

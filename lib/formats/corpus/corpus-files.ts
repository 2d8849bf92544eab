/**
 * Reads the corpus from disk: every `<format>/<name>` with a `<name>.expected.json`
 * next to it. File I/O lives here so that accuracy.ts stays pure; only the corpus
 * test and the `npm run corpus` command import this module.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { CorpusFile, ExpectedFile } from "./accuracy";

export const CORPUS_DIR = path.join(__dirname);

const EXPECTED_SUFFIX = ".expected.json";
/** Companion files (e.g. `.vmdk` descriptors) live in `<name>.companions/` next to the file. */
const COMPANIONS_SUFFIX = ".companions";

export interface CorpusProblem {
  file: string;
  problem: string;
}

export function readCorpus(dir = CORPUS_DIR): { files: CorpusFile[]; problems: CorpusProblem[] } {
  const files: CorpusFile[] = [];
  const problems: CorpusProblem[] = [];
  for (const format of readdirSync(dir).sort()) {
    const formatDir = path.join(dir, format);
    if (!statSync(formatDir).isDirectory()) continue;
    for (const name of readdirSync(formatDir).sort()) {
      const full = path.join(formatDir, name);
      if (name.endsWith(EXPECTED_SUFFIX) || name.endsWith(COMPANIONS_SUFFIX) || name.startsWith(".") || name.endsWith(".md")) continue;
      if (!statSync(full).isFile()) continue;
      const expectedPath = full + EXPECTED_SUFFIX;
      if (!existsSync(expectedPath)) {
        problems.push({ file: `${format}/${name}`, problem: `no ${name}${EXPECTED_SUFFIX}` });
        continue;
      }
      let expected: ExpectedFile;
      try {
        expected = JSON.parse(readFileSync(expectedPath, "utf8")) as ExpectedFile;
      } catch (e) {
        problems.push({ file: `${format}/${name}${EXPECTED_SUFFIX}`, problem: `not valid JSON: ${(e as Error).message}` });
        continue;
      }
      if (!expected.source || !expected.licence || !Array.isArray(expected.vms)) {
        problems.push({ file: `${format}/${name}${EXPECTED_SUFFIX}`, problem: "needs source, licence and vms" });
        continue;
      }
      const companionsDir = full + COMPANIONS_SUFFIX;
      const companions = existsSync(companionsDir)
        ? Object.fromEntries(readdirSync(companionsDir).map((c) => [c, new Uint8Array(readFileSync(path.join(companionsDir, c)))]))
        : undefined;
      files.push({ format, name, data: new Uint8Array(readFileSync(full)), expected, companions });
    }
  }
  return { files, problems };
}

/**
 * `npm run corpus`: parses every real file in lib/formats/corpus and prints the
 * per-format field accuracy as a Markdown table (the README's table), followed
 * by each mismatch and each refused file. `--json` prints the numbers instead.
 */
import { formatTable, scoreFile, summarize } from "./accuracy";
import { readCorpus } from "./corpus-files";

const { files, problems } = readCorpus();
const scores = files.map(scoreFile);
const summary = summarize(scores);

if (process.argv.includes("--json")) {
  console.log(JSON.stringify({ summary, files: scores, problems }, null, 2));
} else {
  console.log(formatTable(summary));
  const details = scores.filter((s) => s.refused != null || s.mismatches.length > 0);
  if (details.length > 0) console.log("");
  for (const s of details) {
    if (s.refused != null) console.log(`refused  ${s.format}/${s.name}: ${s.refused}`);
    for (const m of s.mismatches) {
      console.log(`mismatch ${s.format}/${s.name} ${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`);
    }
  }
  for (const p of problems) console.log(`problem  ${p.file}: ${p.problem}`);
}
process.exitCode = problems.length > 0 ? 1 : 0;

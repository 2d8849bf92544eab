/**
 * The contract every parser keeps, checked the same way for every format over every file in its
 * `<format>/__fixtures__/`: golden output, schema-valid VMs, fuzzing, and nothing identifying left
 * after redaction. Format-specific behaviour is tested next to each parser.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { FormatParser, ParseInput } from "@/lib/formats/types";
import { redactAll } from "@/lib/vm/redact";
import { parseFile } from "./index";
import { PARSERS } from "./registry";
import { splitCompanions } from "./util/companions";
import { expectGolden, expectValidVms, fuzzParser, readFixture, searchableFacts } from "./util/testing";

interface Fixture {
  dir: string;
  name: string;
  input: ParseInput;
}

/** Every file of a format's fixtures but goldens and notes; .vmdk descriptors go along as companions. */
function fixturesOf(parser: FormatParser): Fixture[] {
  const dir = path.join(__dirname, parser.format, "__fixtures__");
  const names = readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isFile() && !n.endsWith(".golden.json") && !n.endsWith(".md"));
  const files = names.map((name) => ({ name, data: readFixture(dir, name) }));
  const { main, companions } = splitCompanions(files, (f) => f.name, (f) => f.data.length);
  const companionMap = Object.fromEntries(companions.map((c) => [c.name, c.data]));
  return main.map(({ name, data }) => ({
    dir,
    name,
    input: companions.length ? { fileName: name, data, companions: companionMap } : { fileName: name, data },
  }));
}

function leafValues(v: unknown): string[] {
  if (v == null) return [];
  if (Array.isArray(v)) return v.flatMap(leafValues);
  if (typeof v === "object") return Object.values(v).flatMap(leafValues);
  return [String(v)];
}

describe.each(PARSERS.map((p) => [p.format, p] as const))("%s", (_format, parser) => {
  const fixtures = fixturesOf(parser);

  it("has fixtures of its own", () => expect(fixtures.length).toBeGreaterThan(0));

  it.each(fixtures.map((f) => [f.name, f] as const))("%s matches its golden file", (_name, f) => {
    const result = parser.parse(f.input);
    expectValidVms(result);
    expectGolden(f.dir, f.name, result);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s leaves nothing identifying after redaction", (name, f) => {
    const result = parseFile(f.input);
    const redacted = redactAll(result, name);
    result.vms.forEach((parsed, i) => {
      // Values only: a key such as "defaulted" is not a leak of a network named "default".
      const text = leafValues(redacted.vms[i].vm).join("\n").toLowerCase();
      const facts = searchableFacts(parsed.identifying);
      expect(facts.length, "the fixture should hold identifying values to look for").toBeGreaterThan(0);
      expect(facts.filter((v) => text.includes(v.toLowerCase()))).toEqual([]);
      if (parsed.vm.name) expect(text).not.toContain(parsed.vm.name.toLowerCase());
    });
    const all = result.vms.flatMap((p) => searchableFacts(p.identifying)).map((v) => v.toLowerCase());
    for (const w of redacted.warnings) expect(all.filter((v) => w.toLowerCase().includes(v))).toEqual([]);
  });

  it("scores any input in [0, 1] and returns valid VMs or an error naming the file", () => {
    fuzzParser(parser, fixtures.map((f) => f.input.data), `fuzz${parser.extensions[0] ?? ".bin"}`);
  });
});

describe("golden files", () => {
  it.skipIf(process.env.GOLDEN_UPDATE === "1")("fail when missing, and are not written without GOLDEN_UPDATE=1", () => {
    const dir = path.join(__dirname, "vmx", "__fixtures__");
    expect(() => expectGolden(dir, "no-such-fixture.vmx", { vms: [], warnings: [] })).toThrow(/missing golden file .*GOLDEN_UPDATE=1/);
    expect(existsSync(path.join(dir, "no-such-fixture.vmx.golden.json"))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { compareFields, formatTable, scoreFile, summarize } from "./accuracy";
import { readCorpus } from "./corpus-files";

/** The accuracy every format must keep on real files (issue 13). */
const MIN_ACCURACY = 0.98;

const { files, problems } = readCorpus();
const scores = files.map(scoreFile);
const summary = summarize(scores);

describe("corpus of real configuration files", () => {
  it("has an expected.json with source and licence for every file", () => {
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it("refuses no real file", () => {
    expect(scores.filter((s) => s.refused != null).map((s) => `${s.format}/${s.name}: ${s.refused}`)).toEqual([]);
  });

  it.each(summary.map((f) => [f.format, f] as const))("reads %s files with at least 98%% field accuracy", (_format, f) => {
    const misses = scores.filter((s) => s.format === f.format).flatMap((s) => s.mismatches.map((m) => `${s.name} ${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`));
    expect({ accuracy: f.accuracy >= MIN_ACCURACY ? "ok" : f.accuracy, misses: f.accuracy >= MIN_ACCURACY ? [] : misses }).toEqual({ accuracy: "ok", misses: [] });
  });

  it("prints the README table", () => {
    expect(formatTable(summary)).toMatch(/^\| format \| files \| fields matched \| accuracy \| refused \|/);
  });
});

describe("field comparison", () => {
  it("compares only the fields present in expected, arrays element by element with their length", () => {
    const actual = { cpu: { vcpus: 2, coresPerSocket: 1 }, disks: [{ sizeGiB: 40, bus: "scsi" }, { sizeGiB: null, bus: "ide" }] };
    expect(compareFields({ cpu: { vcpus: 2 } }, actual)).toEqual({ fields: 1, matched: 1, mismatches: [] });
    const r = compareFields({ disks: [{ bus: "scsi" }] }, actual, "vm");
    // One element expected, two found: the length is a field of its own and does not match.
    expect([r.fields, r.matched]).toEqual([2, 1]);
    expect(r.mismatches).toEqual([{ path: "vm.disks.length", expected: 1, actual: 2 }]);
  });

  it("treats null as a value to match and tolerates rounding of sizes", () => {
    expect(compareFields({ sizeGiB: null }, { sizeGiB: 0 }).matched).toBe(0);
    expect(compareFields({ sizeGiB: 19.84 }, { sizeGiB: 19.843 }).matched).toBe(1);
    expect(compareFields({ model: null }, {}).matched).toBe(0);
  });

  it("compares the defaulted list as a set", () => {
    expect(compareFields({ defaulted: ["cpu.vcpus", "firmware"] }, { defaulted: ["firmware", "cpu.vcpus"] })).toEqual({ fields: 1, matched: 1, mismatches: [] });
    expect(compareFields({ defaulted: [] }, { defaulted: ["firmware"] }).matched).toBe(0);
  });

  it("scores a refused file as all its fields missed", () => {
    const s = scoreFile({ format: "vmx", name: "x.vmx", data: new Uint8Array([0, 1, 2, 3]), expected: { source: "s", licence: "l", vms: [{ memoryMiB: 1, cpu: { vcpus: 1 } }] } });
    expect([s.fields, s.matched]).toEqual([3, 0]);
    expect(s.refused).toMatch(/^x\.vmx/);
    expect(summarize([s])).toEqual([{ format: "vmx", files: 1, fields: 3, matched: 0, accuracy: 0, refused: 1 }]);
  });
});

import { describe, expect, it } from "vitest";
import { FilterSyntaxError, matchesNumeric, parseNumericFilter, parseTextFilter } from "./filter-expr";

describe("numeric filter expressions", () => {
  it.each([
    [">=4", { op: "cmp", cmp: ">=", value: 4 }],
    ["<16", { op: "cmp", cmp: "<", value: 16 }],
    [" 2 .. 8 ", { op: "range", min: 2, max: 8 }],
    ["4,8,16", { op: "in", values: [4, 8, 16] }],
    ["8", { op: "cmp", cmp: "=", value: 8 }],
    ["0.5..1.5", { op: "range", min: 0.5, max: 1.5 }],
  ])("parses %s", (raw, want) => expect(parseNumericFilter("vcpus", raw)).toEqual(want));

  it("applies them", () => {
    const f = parseNumericFilter("vcpus", "2..8");
    expect([1, 2, 5, 8, 9].filter((x) => matchesNumeric(f, x))).toEqual([2, 5, 8]);
    expect([2, 4, 6].filter((x) => matchesNumeric(parseNumericFilter("v", "4,6"), x))).toEqual([4, 6]);
    expect([3, 4, 5].filter((x) => matchesNumeric(parseNumericFilter("v", ">4"), x))).toEqual([5]);
  });

  it.each(["abc", ">=", "8..2", "1,,2", "4;drop table vm"])("refuses %s naming the field", (raw) => {
    expect(() => parseNumericFilter("memory", raw)).toThrow(FilterSyntaxError);
    expect(() => parseNumericFilter("memory", raw)).toThrow(/^memory: /);
  });
});

describe("text filter expressions", () => {
  it("includes, excludes and lists", () => {
    expect(parseTextFilter("vmxnet3")).toEqual({ values: ["vmxnet3"], exclude: false });
    expect(parseTextFilter("!e1000")).toEqual({ values: ["e1000"], exclude: true });
    expect(parseTextFilter("efi, bios")).toEqual({ values: ["efi", "bios"], exclude: false });
  });
});

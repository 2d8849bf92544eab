/**
 * Filter expressions typed into a column filter:
 *   numeric: ">=4", "<16", "2..8", "4,8,16", "8"
 *   text:    "vmxnet3", "!e1000" (exclude), "a,b" (any of)
 * Parsed into a small AST that the database layer turns into SQL with
 * parameters, never by pasting text into SQL.
 */
export type NumericFilter =
  | { op: "cmp"; cmp: ">=" | "<=" | ">" | "<" | "="; value: number }
  | { op: "range"; min: number; max: number }
  | { op: "in"; values: number[] };

export type TextFilter = { values: string[]; exclude: boolean };

export class FilterSyntaxError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const NUM = String.raw`-?\d+(?:\.\d+)?`;

export function parseNumericFilter(field: string, raw: string): NumericFilter {
  const s = raw.replace(/\s+/g, "");
  let m: RegExpMatchArray | null;
  if ((m = s.match(new RegExp(`^(>=|<=|>|<|=)(${NUM})$`)))) {
    return { op: "cmp", cmp: m[1] as ">=" | "<=" | ">" | "<" | "=", value: Number(m[2]) };
  }
  if ((m = s.match(new RegExp(`^(${NUM})\\.\\.(${NUM})$`)))) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > b) throw new FilterSyntaxError(field, `${field}: range ${raw} runs backwards; write ${b}..${a}`);
    return { op: "range", min: a, max: b };
  }
  if (new RegExp(`^${NUM}(,${NUM})*$`).test(s)) {
    const values = s.split(",").map(Number);
    return values.length === 1 ? { op: "cmp", cmp: "=", value: values[0] } : { op: "in", values };
  }
  throw new FilterSyntaxError(field, `${field}: "${raw}" is not a number filter; use 8, >=4, <16, 2..8 or 4,8,16`);
}

export function parseTextFilter(raw: string): TextFilter {
  const s = raw.trim();
  const exclude = s.startsWith("!");
  const values = (exclude ? s.slice(1) : s).split(",").map((v) => v.trim()).filter(Boolean);
  return { values, exclude };
}

export function describeNumericFilter(f: NumericFilter): string {
  if (f.op === "cmp") return `${f.cmp === "=" ? "" : f.cmp}${f.value}`;
  if (f.op === "range") return `${f.min}..${f.max}`;
  return f.values.join(",");
}

/** A value test in JavaScript, for tests and small in-memory lists. */
export function matchesNumeric(f: NumericFilter, x: number): boolean {
  switch (f.op) {
    case "cmp":
      return f.cmp === ">=" ? x >= f.value : f.cmp === "<=" ? x <= f.value : f.cmp === ">" ? x > f.value : f.cmp === "<" ? x < f.value : x === f.value;
    case "range":
      return x >= f.min && x <= f.max;
    case "in":
      return f.values.includes(x);
  }
}

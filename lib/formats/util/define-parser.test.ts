import { describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { defineParser, sniffXmlRoot } from "./define-parser";

const input = (text: string) => ({ fileName: "x.cfg", data: new TextEncoder().encode(text) });
const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("did not throw");
};

describe("defineParser", () => {
  const base = { format: "vmx" as const, label: "test", extensions: [".cfg"] };

  it("scores a sniff that throws as 0", () => {
    const p = defineParser({ ...base, sniff: () => { throw new Error("boom"); }, parse: () => ({ vms: [], warnings: [] }) });
    expect(p.sniff(input("a"))).toBe(0);
  });

  it("refuses input over the limit before parsing, naming the file", () => {
    let parsed = false;
    const p = defineParser({ ...base, limit: { bytes: 3, message: "at most 3 bytes" }, sniff: () => 1, parse: () => { parsed = true; return { vms: [], warnings: [] }; } });
    const e = caught(() => p.parse(input("abcd")));
    expect(isAppError(e) && e.code === "too_large" && e.message === "at most 3 bytes" && e.file === "x.cfg").toBe(true);
    expect(parsed).toBe(false);
    expect(p.parse(input("abc"))).toEqual({ vms: [], warnings: [] });
  });

  it("turns an unexpected error into a parse_error saying what it reads; its own AppErrors pass unchanged", () => {
    const boom = defineParser({ ...base, reads: "the test config", sniff: () => 1, parse: () => { throw new TypeError("x is undefined"); } });
    const e = caught(() => boom.parse(input("a")));
    expect(isAppError(e) && e.code).toBe("parse_error");
    expect((e as AppError).message).toBe("could not read the test config: x is undefined");
    const own = new AppError("parse_error", "line 3: bad", { file: "x.cfg" });
    expect(caught(() => defineParser({ ...base, reads: "it", sniff: () => 1, parse: () => { throw own; } }).parse(input("a")))).toBe(own);
    // Without `reads`, nothing is wrapped.
    expect(caught(() => defineParser({ ...base, sniff: () => 1, parse: () => { throw new TypeError("t"); } }).parse(input("a")))).toBeInstanceOf(TypeError);
  });
});

describe("sniffXmlRoot", () => {
  it("scores by root element, then by a telltale", () => {
    expect(sniffXmlRoot(input('<?xml version="1.0"?><domain type="kvm"/>'), "domain", /type=/, 0.95, 0.6)).toBe(0.95);
    expect(sniffXmlRoot(input("<domain/>"), "domain", /type=/, 0.95, 0.6)).toBe(0.6);
    expect(sniffXmlRoot(input("<Envelope/>"), "domain", /type=/, 0.95, 0.6)).toBe(0);
  });
});

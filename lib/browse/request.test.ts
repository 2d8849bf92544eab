import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { browseRequest } from "./request";

describe("browse API request", () => {
  it("returns the query when every parameter is valid", () => {
    const q = browseRequest(new URLSearchParams("vcpus=2..8&app=!mssql&sort=memory&dir=asc&page=2&size=50"));
    expect(q).toMatchObject({ sort: "memory", dir: "asc", page: 2, size: 50, numeric: { vcpus: { op: "range", min: 2, max: 8 } }, text: { app: { values: ["mssql"], exclude: true } } });
  });

  it("refuses a bad filter as a validation error naming the parameter", () => {
    let err: unknown;
    try {
      browseRequest(new URLSearchParams("memory=lots"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation_error");
    expect((err as AppError).field).toBe("memory");
    expect((err as AppError).describe()).toMatch(/^field memory: "lots" is not a number filter/);
    expect(() => browseRequest(new URLSearchParams("sort=colour"))).toThrow(/unknown column/);
  });
});

describe("browse page query", () => {
  it("reports a prototype key or an unknown coded value and leaves the filter out", async () => {
    const { parseBrowseQuery } = await import("./query");
    for (const k of ["vendor", "family", "firmware", "env", "industry", "orgSize", "format"]) {
      const { query, errors } = parseBrowseQuery({ [k]: "__proto__" });
      expect(errors.map((e) => e.field), k).toEqual([k]);
      expect(errors[0].message).toMatch(/unknown value "__proto__"; use one of/);
      expect(query.text).toEqual({});
    }
    expect(parseBrowseQuery({ vendor: "vmware,none" }).errors).toEqual([]);
    expect(parseBrowseQuery({ sort: "constructor" }).query.sort).toBe("created");
  });
});

describe("search and selection parameters", () => {
  it("reads q as words, each bounded, and refuses what a search cannot be", async () => {
    const { parseBrowseQuery, searchWords } = await import("./query");
    expect(searchWords("  SQL-Server 2019, ESXi 8.0. ")).toEqual(["sql", "server", "2019", "esxi", "8.0"]);
    // Quotes, colons and operators never reach the tsquery.
    expect(searchWords("a':* | !b & (c)")).toEqual(["a", "b", "c"]);
    expect(parseBrowseQuery({ q: "windows 2019" }).query).toMatchObject({ search: ["windows", "2019"], raw: { q: "windows 2019" } });
    expect(parseBrowseQuery({ q: " ,;" }).query.search).toEqual([]);
    for (const [q, msg] of [
      ["a\u0000b", /control characters/],
      ["x".repeat(201), /longer than 200 characters/],
      ["a b c d e f g h i", /at most 8 words/],
      ["y".repeat(65), /a word is longer than 64/],
    ] as const) {
      const { query, errors } = parseBrowseQuery({ q });
      expect(errors).toHaveLength(1);
      expect(errors[0].field).toBe("q");
      expect(errors[0].message).toMatch(msg);
      expect(query.search).toEqual([]);
    }
  });

  it("reads sel as distinct VM ids, at most 50, and show=selected", async () => {
    const { parseBrowseQuery } = await import("./query");
    expect(parseBrowseQuery({ sel: "abc234,xyz789,abc234", show: "selected" }).query).toMatchObject({ selected: ["abc234", "xyz789"], onlySelected: true });
    expect(parseBrowseQuery({ sel: "abc234" }).query.onlySelected).toBe(false);
    expect(parseBrowseQuery({ sel: "abc234,__proto__" }).errors[0]).toMatchObject({ field: "sel" });
    expect(parseBrowseQuery({ sel: "ABC'; drop" }).errors[0].message).toMatch(/is not a VM id/);
    const many = Array.from({ length: 51 }, (_, i) => `vm${i}`).join(",");
    expect(parseBrowseQuery({ sel: many }).errors[0].message).toMatch(/at most 50/);
    expect(parseBrowseQuery({ show: "all" }).errors[0]).toMatchObject({ field: "show" });
    expect(() => browseRequest(new URLSearchParams("q=%00"))).toThrow(AppError);
  });
});

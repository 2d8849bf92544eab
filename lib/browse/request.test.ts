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

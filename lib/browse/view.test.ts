import { describe, expect, it } from "vitest";
import { getColumn } from "./columns";
import {
  activeFilterCount, clearFilters, filterValues, colsParam, compareHref, exportHref, facetSelection, nextSort, pageList,
  parseBrowseView, parseColumns, setFacetExclude, sortChanges, toggleColumn, toggleFacetValue, updateSearch,
} from "./view";

describe("view state in the URL", () => {
  it("reads columns and density, dropping unknown columns", () => {
    expect(parseBrowseView(new URLSearchParams("cols=nics,vcpus,bogus&density=compact"))).toEqual({ cols: ["vcpus", "nics"], density: "compact" });
    expect(parseBrowseView({ density: "dense" }).density).toBe("comfortable");
    expect(parseColumns("bogus")).toEqual(parseColumns(undefined));
    expect(parseColumns("all")).toContain("industry");
  });

  it("writes no cols parameter for the default set and keeps the last column", () => {
    const def = parseColumns(undefined);
    expect(colsParam(def)).toBeNull();
    expect(colsParam([...def].reverse())).toBeNull();
    expect(toggleColumn(def, "sockets")).toBe(colsParam([...def, "sockets"]));
    expect(toggleColumn(def, "sockets")!.split(",")).toContain("sockets");
    expect(toggleColumn(["vcpus", "memory"], "memory")).toBe("vcpus");
    expect(toggleColumn(["vcpus"], "vcpus")).toBe("vcpus");
  });

  it("updates the search string and goes back to page 1 unless paging", () => {
    expect(updateSearch("?vcpus=4&page=3&sort=memory", { app: "mssql" })).toBe("?vcpus=4&sort=memory&app=mssql");
    expect(updateSearch("vcpus=4&page=3", { page: 4 })).toBe("?vcpus=4&page=4");
    expect(updateSearch("vcpus=4", { vcpus: null })).toBe("");
    expect(updateSearch("", { memory: ">=16" })).toBe("?memory=%3E%3D16");
  });

  it("ticks facet values and keeps exclusions", () => {
    expect(toggleFacetValue(undefined, "efi")).toBe("efi");
    expect(toggleFacetValue("efi", "bios")).toBe("efi,bios");
    expect(toggleFacetValue("efi,bios", "efi")).toBe("bios");
    expect(toggleFacetValue("bios", "bios")).toBeNull();
    expect(toggleFacetValue("!e1000", "vlance")).toBe("!e1000,vlance");
    expect(setFacetExclude("e1000,vlance", true)).toBe("!e1000,vlance");
    expect(setFacetExclude("!e1000", false)).toBe("e1000");
    expect(facetSelection("!a, b")).toEqual({ values: ["a", "b"], exclude: true });
  });

  it("sorts by a clicked header: first click the column's natural direction, then flips", () => {
    const cur = { sort: "created" as const, dir: "desc" as const };
    expect(nextSort(cur, getColumn("vcpus"))).toEqual({ sort: "vcpus", dir: "desc" });
    expect(nextSort(cur, getColumn("os"))).toEqual({ sort: "os", dir: "asc" });
    expect(nextSort({ sort: "vcpus", dir: "desc" }, getColumn("vcpus"))).toEqual({ sort: "vcpus", dir: "asc" });
    expect(nextSort(cur, getColumn("nicModels"))).toBeNull();
    expect(sortChanges({ sort: "created", dir: "desc" })).toEqual({ sort: null, dir: null });
    expect(sortChanges({ sort: "memory", dir: "asc" })).toEqual({ sort: "memory", dir: "asc" });
  });

  it("lists page numbers with gaps", () => {
    expect(pageList(1, 1)).toEqual([1]);
    expect(pageList(1, 5)).toEqual([1, 2, null, 5]);
    expect(pageList(3, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageList(10, 400)).toEqual([1, null, 9, 10, 11, null, 400]);
    expect(pageList(400, 400)).toEqual([1, null, 399, 400]);
  });

  it("clears filters but keeps the look of the table", () => {
    expect(clearFilters("app=mssql&vcpus=>=4&cols=vcpus&density=compact&sort=memory&page=2")).toBe("?cols=vcpus&density=compact&sort=memory");
    expect(filterValues("memory=lots&app=!mssql&cols=vcpus&page=2&nic=")).toEqual({ memory: "lots", app: "!mssql" });
    expect(activeFilterCount("app=mssql&vcpus=>=4&cols=vcpus&nic=")).toBe(2);
  });

  it("links to compare (at most 4) and to the CSV export", () => {
    expect(compareHref(["a", "b", "c"])).toBe("/compare?ids=a,b,c");
    expect(compareHref(["a", "b", "c", "d", "e"])).toBe("/compare?ids=a,b,c,d");
    expect(exportHref("app=mssql&page=3&size=50&density=compact", false)).toBe("/api/v1/vms/export?app=mssql");
    expect(exportHref("cols=vcpus", true)).toBe("/api/v1/vms/export?cols=all");
  });
});

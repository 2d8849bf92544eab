import { describe, expect, it } from "vitest";
import { guestFamilyFromId } from "./guest-family";

describe("guestFamilyFromId", () => {
  it.each([
    ["windows2019srv_64Guest", "windows"],
    ["windows9Server64Guest", "windows"],
    ["winNetStandardGuest", "windows"],
    ["rhel9_64Guest", "linux"],
    ["ubuntu64Guest", "linux"],
    ["otherLinux64Guest", "linux"],
    ["other5xLinux64Guest", "linux"],
    ["vmwarePhoton64Guest", "linux"],
    ["freebsd13_64Guest", "bsd"],
    ["solaris11_64Guest", "solaris"],
    ["darwin20_64Guest", "macos"],
    ["otherGuest64", "other"],
    ["otherGuest", "other"],
    ["vmkernel7Guest", "other"],
  ])("%s -> %s", (id, family) => {
    expect(guestFamilyFromId(id)).toBe(family);
  });

  it("does not guess for unknown or missing identifiers", () => {
    expect(guestFamilyFromId("zzzUnknownGuest")).toBeNull();
    expect(guestFamilyFromId(null)).toBeNull();
    expect(guestFamilyFromId("")).toBeNull();
  });
});

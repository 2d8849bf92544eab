import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseFile } from "@/lib/formats";
import { label } from "@/lib/text/display";
import { isOwnKey, ownValue } from "@/lib/own-key";
import { normalizedVmSchema, blankVm } from "@/lib/vm/model";
import { hasControlChars, lineText, stripControlChars, stripControlCharsDeep } from "./control-chars";

describe("control characters", () => {
  it("finds NUL, escape, DEL, C1 and lone surrogates; tab and newline only in one-line text", () => {
    for (const s of ["a\u0000b", "\u001b[31m", "x\u007f", "\u0085", "\ud800", "a\udc00"]) expect(hasControlChars(s), JSON.stringify(s)).toBe(true);
    expect(hasControlChars("tab\there")).toBe(true);
    expect(hasControlChars("tab\there\nline", { multiline: true })).toBe(false);
    for (const s of ["Windows Server 2022", "Ubuntu 22.04 — LTS", "日本語", "emoji 😀"]) expect(hasControlChars(s)).toBe(false);
  });

  it("strips them from parsed text, leaving readable words", () => {
    expect(stripControlChars("Microsoft\u0000Windows\u0000\u0000Server")).toBe("Microsoft Windows Server");
    expect(stripControlChars("clean")).toBe("clean");
    expect(stripControlCharsDeep({ a: ["x\u0000y", 3, null], b: { c: "\u0007" } })).toEqual({ a: ["x y", 3, null], b: { c: "" } });
  });

  it("one-line schema fields refuse them", () => {
    expect(lineText(10).safeParse("ok").success).toBe(true);
    const r = lineText(10).safeParse("o\u0000k");
    expect(r.success).toBe(false);
    const vm = { ...blankVm("manual"), guestOs: { id: null, family: null, name: "Win\u0000dows" } };
    expect(normalizedVmSchema.safeParse(vm).error?.issues[0].path).toEqual(["guestOs", "name"]);
  });

  it("a NUL inside a snapshot file is removed, not a reason to refuse the VM", () => {
    const file = path.join(process.cwd(), "lib/formats/vmx/__fixtures__/esxi8-win2022.vmx");
    const text = fs.readFileSync(file, "utf8").replace(/^guestOS = .*$/m, 'guestOS = "windows2019srv\u0000-64"').replace(/^displayName = "(.*)"$/m, 'displayName = "$1\u0000x"');
    const result = parseFile({ fileName: "nul.vmx", data: new TextEncoder().encode(text) });
    expect(result.vms).toHaveLength(1);
    expect(JSON.stringify(result.vms[0].vm)).not.toMatch(/\\u0000/);
    expect(result.vms[0].vm.guestOs.id).toBe("windows2019srv -64");
  });
});

describe("lookups by outside keys", () => {
  it("never find Object.prototype's members", () => {
    const table: Record<string, string> = { vmware: "VMware" };
    for (const k of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(ownValue(table, k)).toBeUndefined();
      expect(isOwnKey(table, k)).toBe(false);
    }
    expect(ownValue(table, "vmware")).toBe("VMware");
  });

  it("labels stay strings for any value (a facet of __proto__ once broke the /vms page)", () => {
    for (const k of ["__proto__", "constructor", "toString"]) expect(typeof label(k)).toBe("string");
    expect(label("vmware")).toBe("VMware");
  });
});

describe("the database's last guard", () => {
  it("names the first field with a control character", async () => {
    const { controlCharPath } = await import("./control-chars");
    expect(controlCharPath({ vm: { guestOs: { name: "ok" }, nics: [{ model: "e1000\u0000" }] } })).toBe("vm.nics.0.model");
    expect(controlCharPath({ vm: { name: null, n: 3 } })).toBeNull();
  });
});

import { COMPANION_MAX_BYTES, isCompanionSize, splitCompanions } from "./companions";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { parseXml, child, attr } from "@/lib/formats/util/xml";
import { looksLikeTar, readTar, writeTar } from "./tar";
import { thrown } from "./testing";
import { bytesToGiB, mibToGiB, parseCount, unitMultiplier } from "./units";

const enc = (s: string) => new TextEncoder().encode(s);

describe("tar reader", () => {
  const tar = writeTar([
    { name: "a.ovf", data: enc("<Envelope/>") },
    { name: "b.vmdk", data: new Uint8Array(700) },
  ]);

  it("lists members without copying", () => {
    expect(looksLikeTar(tar)).toBe(true);
    const entries = readTar("t.ova", tar);
    expect(entries.map((e) => [e.name, e.data.length])).toEqual([["a.ovf", 11], ["b.vmdk", 700]]);
    expect(new TextDecoder().decode(entries[0].data)).toBe("<Envelope/>");
  });

  it("refuses damaged headers, truncation and members over the cap", () => {
    const damaged = tar.slice();
    damaged[10] ^= 0xff;
    expect(looksLikeTar(damaged)).toBe(false);
    expect((thrown(() => readTar("t.ova", damaged)) as AppError).message).toMatch(/damaged tar header/);
    expect((thrown(() => readTar("t.ova", tar.subarray(0, 1200))) as AppError).message).toMatch(/truncated/);
    expect((thrown(() => readTar("t.ova", tar, { maxEntryBytes: 100 })) as AppError).code).toBe("too_large");
    expect((thrown(() => readTar("t.ova", tar, { maxEntries: 1 })) as AppError).code).toBe("too_large");
  });

  it("does not take random bytes for a tar", () => {
    expect(looksLikeTar(new Uint8Array(1024).map((_, i) => (i * 31) % 251))).toBe(false);
  });
});

describe("safe XML", () => {
  it("keys elements and attributes by local name and decodes predefined entities", () => {
    const root = parseXml("x.xml", '<a:Env xmlns:a="urn:x" a:id="1&amp;2"><b:Item xmlns:b="urn:y">x &lt; y &#x41;</b:Item></a:Env>');
    expect(root.name).toBe("Env");
    expect(root.attrs).toEqual({ id: "1&2" });
    expect(child(root, "Item")?.text).toBe("x < y A");
  });

  it("refuses any DOCTYPE before parsing and reports malformed XML by line", () => {
    const e = thrown(() => parseXml("d.xml", '<?xml version="1.0"?>\n\n<!DOCTYPE x SYSTEM "file:///etc/passwd">\n<x/>')) as AppError;
    expect([e.message, e.line]).toEqual(["DOCTYPE is not allowed", 3]);
    expect((thrown(() => parseXml("m.xml", "<a>\n<b>\n</a>")) as AppError).line).toBe(3);
    expect(attr(parseXml("e.xml", "<a x=''/>"), "x")).toBeNull();
  });
});

describe("units", () => {
  it.each([
    ["byte * 2^20", 1048576], ["byte*2^30", 2 ** 30], ["MegaBytes", 1048576], ["KiB", 1024], ["bytes", 1], ["GiB", 2 ** 30],
    ["byte * 1024 * 1024", 1048576],
  ])("%s", (unit, bytes) => {
    expect(unitMultiplier(unit, true)).toBe(bytes);
  });

  it("treats KB/MB as decimal only where the source documents it (libvirt)", () => {
    expect(unitMultiplier("MB", true)).toBe(1e6);
    expect(unitMultiplier("MB", false)).toBe(1048576);
    expect(unitMultiplier("furlongs", true)).toBeNull();
  });

  it("parses whole numbers strictly and rounds GiB to 3 decimals (to the MiB) for every format", () => {
    expect([parseCount("42"), parseCount(" 7 "), parseCount("1e3"), parseCount("-1"), parseCount("")]).toEqual([42, 7, null, null, null]);
    // 41615362 sectors of 512 bytes = 19.84375 GiB.
    expect(bytesToGiB(41615362 * 512)).toBe(19.844);
    expect(bytesToGiB(3726.023 * 2 ** 30)).toBe(3726.023);
    expect(mibToGiB(1)).toBe(0.001);
    expect(mibToGiB(102400)).toBe(100);
  });
});

describe("companion files", () => {
  it("takes .vmdk files under 64 KiB as companions and everything else as files to parse", () => {
    const files = [
      { name: "web.vmx", size: 2000 },
      { name: "web.vmdk", size: 600 },
      { name: "WEB_1.VMDK", size: 64 * 1024 - 1 },
      { name: "web-flat.vmdk", size: 64 * 1024 },
      { name: "notes.txt", size: 10 },
    ];
    const { main, companions } = splitCompanions(files, (f) => f.name, (f) => f.size);
    expect(companions.map((f) => f.name)).toEqual(["web.vmdk", "WEB_1.VMDK"]);
    expect(main.map((f) => f.name)).toEqual(["web.vmx", "web-flat.vmdk", "notes.txt"]);
    expect([isCompanionSize(COMPANION_MAX_BYTES - 1), isCompanionSize(COMPANION_MAX_BYTES)]).toEqual([true, false]);
  });
});

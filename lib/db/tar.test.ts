import { describe, expect, it } from "vitest";
import { packTar, unpackTar } from "./tar";

describe("tar", () => {
  it("packs regular files into 512-byte ustar blocks and reads them back with their modes", () => {
    const entries = [
      { name: "vmcompare-backup.json", data: Buffer.from('{"a":1}\n') },
      { name: "fingerprint-secret", data: Buffer.from("s".repeat(65)), mode: 0o600 },
      { name: "empty", data: Buffer.alloc(0) },
      { name: "pgdata.tar", data: Buffer.alloc(1024 * 3 + 7, 0xab) },
    ];
    const tar = packTar(entries, Date.UTC(2026, 11, 5));
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(257, 262).toString()).toBe("ustar");
    const back = unpackTar(tar);
    expect(back.map((e) => [e.name, e.data.length, e.mode])).toEqual([
      ["vmcompare-backup.json", 8, 0o644],
      ["fingerprint-secret", 65, 0o600],
      ["empty", 0, 0o644],
      ["pgdata.tar", 3079, 0o644],
    ]);
    expect(back[3].data.equals(entries[3].data)).toBe(true);
  });

  it("refuses a damaged or truncated archive, naming what is wrong", () => {
    const tar = packTar([{ name: "a", data: Buffer.alloc(2000, 1) }]);
    const damaged = Buffer.from(tar);
    damaged[10] ^= 0xff;
    expect(() => unpackTar(damaged)).toThrow(/checksum mismatch at byte 0/);
    expect(() => unpackTar(tar.subarray(0, 1024))).toThrow(/truncated: a needs 2000 bytes/);
    expect(() => unpackTar(tar.subarray(0, 512 + 2048))).toThrow(/no end-of-archive marker/);
    expect(() => unpackTar(Buffer.from("hello, this is not a tar file".padEnd(600, "x")))).toThrow(/not a tar archive/);
    expect(() => packTar([{ name: "x".repeat(101), data: Buffer.alloc(1) }])).toThrow(/unusable entry name/);
  });
});

import { describe, expect, it } from "vitest";
import { emptyIdentifying, type ParsedVm } from "@/lib/vm/parsed";
import { blankVm } from "@/lib/vm/model";
import { estateSecret, importKeys, matchKey } from "./keys";

function parsed(name: string | null, uuids: string[] = []): ParsedVm {
  const vm = blankVm("rvtools");
  vm.name = name;
  return { vm, identifying: { ...emptyIdentifying(), hostnames: name ? [name] : [], uuids } };
}

const TOKEN_A = "3cJq1m7yQq8u6ZVw0v0Yk9nX2f0Zp0y8GZcV6mXQ0aQ";
const TOKEN_B = "Yb0w9f1c2pQ7rS3tU4vW5xY6zA7bC8dE9fG0hI1jK2l";

describe("matchKey", () => {
  it("is the same for the same value and token", () => {
    const a = matchKey(estateSecret(TOKEN_A), "uuid", "5012a3b4-0000-1111-2222-333344445555");
    const b = matchKey(estateSecret(TOKEN_A), "uuid", "5012a3b4-0000-1111-2222-333344445555");
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differs for another token", () => {
    const v = "ams-web0001";
    expect(matchKey(estateSecret(TOKEN_A), "name", v)).not.toBe(matchKey(estateSecret(TOKEN_B), "name", v));
  });

  it("ignores case and surrounding space, but not the kind", () => {
    const s = estateSecret(TOKEN_A);
    expect(matchKey(s, "name", "  AMS-Web0001 ")).toBe(matchKey(s, "name", "ams-web0001"));
    expect(matchKey(s, "name", "x")).not.toBe(matchKey(s, "uuid", "x"));
  });

  it("does not carry the value or the token in any encoding a hex key could hold", () => {
    const value = "ams-web0001";
    const k = matchKey(estateSecret(TOKEN_A), "name", value);
    // A key is hex: the only way it could hold the value or the token is as their hex bytes.
    for (const secret of [value, `name\0${value}`, TOKEN_A]) {
      expect(k).not.toContain(Buffer.from(secret).toString("hex").slice(0, 12));
    }
    expect(k).not.toBe(Buffer.from(value).toString("hex").padEnd(64, "0"));
  });

  it("is an HMAC under an HKDF-derived secret, not a plain hash of the value", async () => {
    const crypto = await import("node:crypto");
    const secret = Buffer.from(crypto.hkdfSync("sha256", TOKEN_A, "vmcompare-estates", "vmcompare estate match key v1", 32));
    const expected = crypto.createHmac("sha256", secret).update("name\0ams-web0001").digest("hex");
    expect(matchKey(estateSecret(TOKEN_A), "name", "ams-web0001")).toBe(expected);
    expect(expected).not.toBe(crypto.createHash("sha256").update("ams-web0001").digest("hex"));
  });
});

describe("importKeys", () => {
  const s = estateSecret(TOKEN_A);

  it("puts UUID keys before the name key", () => {
    const [keys] = importKeys(s, [parsed("web1", ["u-1", "u-2"])]);
    expect(keys).toEqual([`u:${matchKey(s, "uuid", "u-1")}`, `u:${matchKey(s, "uuid", "u-2")}`, `n:${matchKey(s, "name", "web1")}`]);
  });

  it("leaves out a UUID shared by several VMs (the vCenter's)", () => {
    const keys = importKeys(s, [parsed("a", ["vc", "u-a"]), parsed("b", ["vc", "u-b"])]);
    const vc = `u:${matchKey(s, "uuid", "vc")}`;
    expect(keys[0]).not.toContain(vc);
    expect(keys[1]).not.toContain(vc);
    expect(keys[0]).toContain(`u:${matchKey(s, "uuid", "u-a")}`);
  });

  it("tells VMs with the same name apart by order, and gives a key to a VM with nothing", () => {
    const keys = importKeys(s, [parsed("dup"), parsed("dup"), parsed(null)]);
    expect(keys[0]).toHaveLength(1);
    expect(keys[0][0]).not.toBe(keys[1][0]);
    expect(keys[2]).toHaveLength(1);
    expect(new Set(keys.flat()).size).toBe(3);
    // Same input, same keys: the next import of the same file matches.
    expect(importKeys(s, [parsed("dup"), parsed("dup"), parsed(null)])).toEqual(keys);
  });
});

import crypto from "node:crypto";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { assemble, prepareAnswer, preparedOf } from "./kept-answer";
import { keepable, withFreshNonce } from "./render-cache";

const OLD = "OLDnonce+/0123456789abc=";

function page(body: string, nonce: string | null = OLD) {
  const headers: Record<string, unknown> = { "content-type": "text/html; charset=utf-8", vary: "RSC, Accept-Encoding" };
  if (nonce) headers["content-security-policy"] = `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`;
  return keepable(200, headers, Buffer.from(body, "utf8"), "7", 8 << 20)!;
}

/** A page like Next's: many script tags with the nonce, RSC payload, non-ASCII text, >64 KiB. */
function bigBody(): string {
  const parts = [`<!DOCTYPE html><html><head><script nonce="${OLD}" src="/a.js"></script></head><body>`];
  for (let i = 0; i < 400; i++) {
    parts.push(`<tr><td>vm-${i}</td><td>${i % 16} vCPU · ${crypto.createHash("sha1").update(String(i)).digest("hex")}</td></tr>`);
    if (i % 25 === 0) parts.push(`<script nonce="${OLD}">self.__next_f.push([1,"${"x".repeat(i)}"])</script>`);
  }
  parts.push("</body></html>");
  return parts.join("\n");
}

describe("kept answers served again (lib/server/kept-answer.ts)", () => {
  const bodies: [string, string, string | null][] = [
    ["a page with many nonces, over 64 KiB", bigBody(), OLD],
    ["a nonce at the very start and end, twice in a row", `${OLD}<p>é</p>${OLD}${OLD}`, OLD],
    ["JSON without a nonce", JSON.stringify({ rows: Array.from({ length: 300 }, (_, i) => ({ id: i, name: `vm ${i}` })) }), null],
    ["an empty body", "", null],
  ];

  it.each(bodies)("%s: the same bytes as the plain nonce swap, plain and gzipped", (_name, body, nonce) => {
    const a = page(body, nonce);
    const p = prepareAnswer(a);
    const expected = withFreshNonce(a, "NEWnonce+/0123456789abc=");
    const plain = assemble(p, false, "NEWnonce+/0123456789abc=");
    expect(plain.body.equals(expected.body)).toBe(true);
    expect(plain.headers).toEqual(expected.headers);

    const gz = assemble(p, true, "NEWnonce+/0123456789abc=");
    expect(gz.headers).toEqual(expected.headers);
    // Decoded by zlib's own gunzip, which checks the CRC and the length in the trailer.
    expect(zlib.gunzipSync(gz.body).equals(expected.body)).toBe(true);
    if (body.length > 10_000) expect(gz.body.length).toBeLessThan(body.length / 2);
  });

  it("gives every request a fresh nonce, and never the one it was rendered with", () => {
    const a = page(bigBody());
    const p = preparedOf(a);
    expect(preparedOf(a)).toBe(p);
    const one = zlib.gunzipSync(assemble(p, true).body).toString();
    const two = assemble(p, false).body.toString();
    const nonceOf = (s: string) => s.match(/nonce="([^"]+)"/)![1];
    expect(nonceOf(one)).not.toBe(nonceOf(two));
    expect(one).not.toContain(OLD);
    expect(two).not.toContain(OLD);
    expect(one.split(nonceOf(one)).length).toBe(bigBody().split(OLD).length);
  });
});

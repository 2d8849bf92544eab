import { describe, expect, it } from "vitest";
import { checkSameOrigin, checkWriteMediaType, checkWriteRequest } from "./write-guard";

const req = (headers: Record<string, string>, body: string | null = "{}", url = "http://vmcompare.example:3000/api/v1/vms") =>
  new Request(url, { method: "POST", headers, body });

describe("write requests", () => {
  it("accept JSON and multipart, refuse every other body type with 415", () => {
    expect(checkWriteMediaType(req({ "content-type": "application/json" }))).toBeNull();
    expect(checkWriteMediaType(req({ "content-type": "Application/JSON; charset=utf-8" }))).toBeNull();
    expect(checkWriteMediaType(req({ "content-type": "multipart/form-data; boundary=x" }))).toBeNull();
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "text/xml", ""]) {
      const e = checkWriteMediaType(req(type ? { "content-type": type } : {}));
      expect(e?.code, type).toBe("unsupported_media_type");
    }
  });

  it("let a bodiless write (start the next batch, rebuild the dump) through without a type", () => {
    expect(checkWriteMediaType(req({}, null))).toBeNull();
    expect(checkWriteMediaType(req({ "content-length": "0" }, null))).toBeNull();
    // Next.js hands a bodiless DELETE a body stream all the same: the headers decide.
    expect(checkWriteMediaType(new Request("http://x.example/api/v1/vms/x", { method: "DELETE", body: new ReadableStream(), duplex: "half" } as RequestInit))).toBeNull();
    expect(checkWriteMediaType(req({ "content-length": "12" }, null))?.code).toBe("unsupported_media_type");
  });

  it("refuse a browser write from another site, by Origin or Sec-Fetch-Site", () => {
    const refused: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { origin: "http://vmcompare.example.evil.com:3000" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }];
    for (const h of refused) {
      expect(checkSameOrigin(req(h))?.code, JSON.stringify(h)).toBe("forbidden");
    }
  });

  it("accept this site's own pages and programs that send no Origin", () => {
    expect(checkSameOrigin(req({}))).toBeNull();
    expect(checkSameOrigin(req({ origin: "http://vmcompare.example:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    // Behind a TLS proxy the page's origin is https while the server sees http on its Host.
    expect(checkSameOrigin(req({ origin: "https://vmcompare.example:3000", host: "vmcompare.example:3000" }))).toBeNull();
    expect(checkSameOrigin(req({ origin: "https://vmcompare.example", "x-forwarded-host": "vmcompare.example" }, "{}", "http://127.0.0.1:3000/api/v1/vms"))).toBeNull();
    expect(checkWriteRequest(req({ "content-type": "application/json", "sec-fetch-site": "none" }))).toBeNull();
  });
});

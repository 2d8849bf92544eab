import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the embedded database under ./data", () => {
    const e = parseEnv({});
    expect(e.database).toEqual({ kind: "pglite", dir: "./data" });
    expect(e.PORT).toBe(3000);
    expect(e.DEMO_DATA).toBe("on");
  });
  it("reads pglite:<dir> and postgresql:// URLs", () => {
    expect(parseEnv({ DATABASE_URL: "pglite:/tmp/x" }).database).toEqual({ kind: "pglite", dir: "/tmp/x" });
    expect(parseEnv({ DATABASE_URL: "postgresql://u:p@h:5432/d" }).database).toEqual({
      kind: "postgresql",
      url: "postgresql://u:p@h:5432/d",
    });
  });
  it("names the variable that is wrong", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ DEMO_DATA: "maybe" })).toThrow(EnvError);
    expect(() => parseEnv({ DEMO_DATA: "maybe" })).toThrow(/DEMO_DATA/);
    expect(() => parseEnv({ TRUST_PROXY: "my-proxy" })).toThrow(/TRUST_PROXY: "my-proxy" is not an IP address/);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toHaveLength(3);
    expect(parseEnv({}).TRUST_PROXY).toEqual([]);
  });
});

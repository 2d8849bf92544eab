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
  it("bounds the parse workers' settings", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ PARSE_QUEUE: 8, PARSE_HEAP_MB: 2048, PARSE_TIMEOUT_SECONDS: 120 });
    expect(e.PARSE_WORKERS).toBeUndefined();
    expect(parseEnv({ PARSE_WORKERS: "2", PARSE_QUEUE: "0" })).toMatchObject({ PARSE_WORKERS: 2, PARSE_QUEUE: 0 });
    expect(() => parseEnv({ PARSE_WORKERS: "0" })).toThrow(/PARSE_WORKERS/);
    expect(() => parseEnv({ PARSE_HEAP_MB: "12" })).toThrow(/PARSE_HEAP_MB/);
    expect(() => parseEnv({ PARSE_TIMEOUT_SECONDS: "1.5" })).toThrow(/PARSE_TIMEOUT_SECONDS/);
    expect(() => parseEnv({ PARSE_QUEUE: "many" })).toThrow(/PARSE_QUEUE/);
  });
});

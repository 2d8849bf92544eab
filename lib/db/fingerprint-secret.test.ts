import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FINGERPRINT_SECRET_VALUE, parseEnv, requireFingerprintSecret } from "@/lib/env";
import { blankVm } from "@/lib/vm/model";
import { fingerprint, setFingerprintSecret } from "@/lib/vm/fingerprint";
import { closeDb, getDb } from "./client";
import { SECRET_FILE } from "./fingerprint-secret";

const vm = { ...blankVm("manual"), cpu: { vcpus: 2, coresPerSocket: null }, memoryMiB: 4096 };

describe("the duplicate-detection secret", () => {
  const saved = process.env.FINGERPRINT_SECRET;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-secret-"));
  const target = { kind: "pglite" as const, dir };
  beforeAll(() => {
    delete process.env.FINGERPRINT_SECRET;
  });
  afterAll(async () => {
    await closeDb(target).catch(() => {});
    setFingerprintSecret(undefined);
    if (saved !== undefined) process.env.FINGERPRINT_SECRET = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is generated at random in an embedded database's folder, readable by its owner only, and kept", async () => {
    setFingerprintSecret(undefined);
    const publicPrint = fingerprint(vm);
    await getDb(target);
    const file = path.join(dir, SECRET_FILE);
    const secret = fs.readFileSync(file, "utf8").trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const print = fingerprint(vm);
    expect(print).not.toBe(publicPrint);
    // Reopened: the same secret, so the stored fingerprints still match.
    await closeDb(target);
    setFingerprintSecret(undefined);
    await getDb(target);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(secret);
    expect(fingerprint(vm)).toBe(print);
  });

  it("is required with PostgreSQL: unset or the public default stops the start, naming the variable", () => {
    const pg = "postgresql://u:p@db.example.com:5432/vmc";
    expect(() => requireFingerprintSecret(parseEnv({ DATABASE_URL: pg }))).toThrow(/FINGERPRINT_SECRET/);
    expect(() => requireFingerprintSecret(parseEnv({ DATABASE_URL: pg, FINGERPRINT_SECRET: DEFAULT_FINGERPRINT_SECRET_VALUE }))).toThrow(/FINGERPRINT_SECRET/);
    expect(() => requireFingerprintSecret(parseEnv({ DATABASE_URL: pg, FINGERPRINT_SECRET: "a-secret-of-our-own-1234" }))).not.toThrow();
    expect(() => requireFingerprintSecret(parseEnv({ DATABASE_URL: `pglite:${dir}` }))).not.toThrow();
  });

  it("`npm start` refuses a PostgreSQL database without it", () => {
    const env = { ...process.env, DATABASE_URL: "postgresql://u:p@127.0.0.1:1/vmc", FINGERPRINT_SECRET: "" };
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], { encoding: "utf8", env, timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("cannot start");
    expect(r.stderr).toContain("FINGERPRINT_SECRET");
  });
});

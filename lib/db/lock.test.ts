import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, lockPath, releaseLock } from "./lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const child = (code: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "-e", code], { cwd: process.cwd(), encoding: "utf8", env: { ...process.env, DATABASE_URL: `pglite:${dir}` } });

describe("the embedded database lock", () => {
  it("refuses a second process with a message that says what to do", () => {
    acquireLock(dir);
    const r = child(`import("./lib/db/client.ts").then(m => (m.getDb ?? m.default.getDb)()).then(() => { console.log("OPENED"); process.exit(0) }, e => { console.error(e.message); process.exit(3) })`);
    expect(r.stdout).not.toContain("OPENED");
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`in use by another process (pid ${process.pid})`);
    expect(r.stderr).toContain("DATABASE_URL");
    releaseLock(dir);
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it("takes over a stale lock whose process is gone", () => {
    const dead = execFileSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).trim();
    fs.writeFileSync(lockPath(dir), dead);
    acquireLock(dir);
    expect(fs.readFileSync(lockPath(dir), "utf8")).toBe(String(process.pid));
    releaseLock(dir);
  });
});

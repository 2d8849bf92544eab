import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireLock, lockPath, processStartTime, releaseLock } from "./lock";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-lock-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const child = (code: string) =>
  spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "-e", code], { cwd: process.cwd(), encoding: "utf8", env: { ...process.env, DATABASE_URL: `pglite:${dir}` } });

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
    expect(fs.readFileSync(lockPath(dir), "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    releaseLock(dir);
    expect(fs.existsSync(lockPath(dir))).toBe(false);
  });

  it.skipIf(!fs.existsSync("/proc/self/stat"))("records the owner's start time, read from /proc", () => {
    const mine = processStartTime(process.pid);
    expect(mine).toMatch(/^\d+$/);
    // Field 22 of /proc/<pid>/stat: a process that started later has a later time.
    const child = spawnSync(process.execPath, ["-e", "console.log(require('fs').readFileSync('/proc/self/stat','utf8'))"], { encoding: "utf8" });
    const later = child.stdout.slice(child.stdout.lastIndexOf(")") + 2).split(" ")[19];
    expect(Number(later)).toBeGreaterThanOrEqual(Number(mine));
  });

  it.skipIf(!fs.existsSync("/proc/self/stat"))("treats a live pid with another start time as a reused pid, and takes the lock over", () => {
    // PID 1 is alive in every container and on every host; this start time is not its own.
    expect(processStartTime(1)).not.toBe("999999999");
    fs.writeFileSync(lockPath(dir), "1 999999999");
    acquireLock(dir);
    expect(fs.readFileSync(lockPath(dir), "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}`);
    releaseLock(dir);
  });

  it.skipIf(!fs.existsSync("/proc/self/stat"))("still refuses while the recorded process itself runs", async () => {
    const sleeper = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      await new Promise((r) => setTimeout(r, 200));
      const pid = sleeper.pid!;
      const start = processStartTime(pid);
      expect(start).toMatch(/^\d+$/);
      fs.writeFileSync(lockPath(dir), `${pid} ${start}`);
      expect(() => acquireLock(dir)).toThrow(`in use by another process (pid ${pid})`);
      // The same live pid recorded with another start time: that was an earlier process, now gone.
      fs.writeFileSync(lockPath(dir), `${pid} ${Number(start) - 1}`);
      acquireLock(dir);
      expect(fs.readFileSync(lockPath(dir), "utf8")).toBe(`${process.pid} ${processStartTime(process.pid)}`);
      releaseLock(dir);
    } finally {
      sleeper.kill();
    }
  });
});

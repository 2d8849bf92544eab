import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";

/**
 * An exclusive lock on an embedded-database folder. PGlite has none of its
 * own, and two processes on one folder silently lose committed rows, so the
 * second opener must be refused. The lock file is created atomically (O_EXCL)
 * and holds the owner's pid; a lock whose pid is gone is stale and taken over.
 */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPath(dir: string): string {
  return path.join(path.resolve(dir), "vmcompare.lock");
}

export function acquireLock(dir: string): void {
  const file = lockPath(dir);
  if (held.has(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      held.add(file);
      const release = () => releaseLock(dir);
      process.once("exit", release);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    if (pid === process.pid) {
      held.add(file);
      return;
    }
    if (Number.isFinite(pid) && pid > 0 && alive(pid)) {
      throw new AppError(
        "database_locked",
        `The embedded database in ${path.resolve(dir)} is in use by another process (pid ${pid}). ` +
          `Stop that process first, or point DATABASE_URL at another folder (pglite:<folder>) or at a PostgreSQL server.`,
      );
    }
    // Stale: its owner is gone. Remove and retry atomically.
    try {
      fs.unlinkSync(file);
    } catch {
      /* someone else removed it first */
    }
  }
  throw new AppError("database_locked", `Could not lock the embedded database in ${path.resolve(dir)}.`);
}

export function releaseLock(dir: string): void {
  const file = lockPath(dir);
  if (!held.delete(file)) return;
  try {
    if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

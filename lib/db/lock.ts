import "server-only";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/errors/app-error";

/**
 * An exclusive lock on an embedded-database folder. PGlite has none of its
 * own, and two processes on one folder silently lose committed rows, so the
 * second opener must be refused. The lock file is created atomically (O_EXCL)
 * and holds the owner's pid and that process's start time. A lock is stale,
 * and taken over, when its pid is gone — or when the pid now belongs to a
 * process that started at another time: after a crash and a reboot (or a
 * container restart) the old pid is soon reused by something else.
 */
const held = new Set<string>();

/**
 * When a process started, in clock ticks since boot (field 22 of
 * /proc/<pid>/stat). Null where /proc is absent (macOS) or unreadable: the
 * lock then falls back to the pid alone.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may itself hold spaces or ")".
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const start = rest[22 - 3];
    return start && /^\d+$/.test(start) ? start : null;
  } catch {
    return null;
  }
}

/** The lock file's content for this process: "<pid> <start time>" (or just the pid without /proc). */
function ownerLine(): string {
  const start = processStartTime(process.pid);
  return start ? `${process.pid} ${start}` : String(process.pid);
}

/** Whether the process that wrote `line` still runs: same pid, and the same start time where both are known. */
export function ownerAlive(line: string): boolean {
  const [pidText, recorded] = line.trim().split(/\s+/);
  const pid = Number.parseInt(pidText, 10);
  if (!Number.isFinite(pid) || pid <= 0 || !alive(pid)) return false;
  if (!recorded) return true;
  const now = processStartTime(pid);
  return now === null || now === recorded;
}

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
      fs.writeFileSync(file, ownerLine(), { flag: "wx" });
      held.add(file);
      const release = () => releaseLock(dir);
      process.once("exit", release);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    let line: string;
    try {
      line = fs.readFileSync(file, "utf8");
    } catch {
      continue; // removed meanwhile: try to create it again
    }
    const pid = Number.parseInt(line.trim(), 10);
    if (line.trim() === ownerLine()) {
      held.add(file);
      return;
    }
    if (ownerAlive(line)) {
      throw new AppError(
        "database_locked",
        `The embedded database in ${path.resolve(dir)} is in use by another process (pid ${pid}). ` +
          `Stop that process first, or point DATABASE_URL at another folder (pglite:<folder>) or at a PostgreSQL server.`,
      );
    }
    // Stale: its owner is gone (or its pid was reused). Remove and retry atomically.
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
    if (fs.readFileSync(file, "utf8").trim() === ownerLine()) fs.unlinkSync(file);
  } catch {
    /* already gone */
  }
}

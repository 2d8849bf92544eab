import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { AppError } from "@/lib/errors/app-error";
import { SECRET_FILE } from "./fingerprint-secret";
import { acquireLock, lockPath, ownerAlive, releaseLock } from "./lock";
import { packTar, unpackTar } from "./tar";

/**
 * Backups of an embedded (PGlite) database folder, taken while the server
 * runs (`npm run db:backup`), and restores (`npm run db:restore`).
 *
 * The folder is locked by the one process that has it open (lock.ts), so a
 * backup cannot read it from outside. Instead, every process that opens the
 * folder listens on a Unix socket beside the lock (only its owner may use
 * it); `db:backup` asks that process, which copies the data directory with
 * PGlite's dumpDataDir() between two statements: a crash-consistent copy,
 * as if the power had gone at that instant, which PostgreSQL's recovery
 * turns into the state of the last committed transaction. With no process
 * running, `db:backup` locks the folder and copies it itself.
 *
 * The archive (gzipped tar): vmcompare-backup.json (what it is), pgdata.tar
 * (PGlite's copy of the data directory) and the folder's duplicate-detection
 * secret (fingerprint-secret, when the folder has one): without it the
 * restored fingerprints would no longer match new contributions.
 *
 * A restore refuses to run while a process holds the folder, unpacks and
 * opens the copy in a staging folder first, then swaps it in; whatever was
 * there before moves to before-restore-<time>/ beside it. A marker file is
 * present during the swap: a process that finds it (restore interrupted
 * half-way) refuses to open the folder rather than start on an empty one.
 */
export const BACKUP_FORMAT = "vmcompare-pglite-backup";
export const BACKUP_VERSION = 1;
const MANIFEST = "vmcompare-backup.json";
const PGDATA_TAR = "pgdata.tar";
export const RESTORE_MARKER = "restore-in-progress.json";
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** PostgreSQL major version of the data directory (its PG_VERSION file). */
  postgresVersion: string | null;
  /** Whether the folder's fingerprint secret is in the archive. */
  fingerprintSecret: boolean;
}

/** Where the folder's owner listens. Inside the folder when the path fits a socket address (108 bytes), else in the temp folder. */
export function backupSocketPath(dir: string): string {
  const abs = path.resolve(dir);
  const inside = path.join(abs, "vmcompare.sock");
  if (Buffer.byteLength(inside) < 100) return inside;
  return path.join(os.tmpdir(), `vmcompare-${crypto.createHash("sha256").update(abs).digest("hex").slice(0, 16)}.sock`);
}

function pgVersionOf(pgdataTar: Buffer): string | null {
  // PG_VERSION is a small text file near the start of PGlite's dump; read it without a full unpack when possible.
  try {
    const f = unpackTar(pgdataTar).find((e) => e.name.replace(/^\.?\/?(pgdata\/)?/, "") === "PG_VERSION");
    return f ? f.data.toString("utf8").trim() : null;
  } catch {
    return null;
  }
}

/** The archive of a folder: `dump` copies the data directory (PGlite's dumpDataDir("none")). */
export async function createBackupArchive(dir: string, dump: () => Promise<Blob>): Promise<Buffer> {
  const pgdata = Buffer.from(await (await dump()).arrayBuffer());
  let secret: Buffer | null = null;
  try {
    secret = fs.readFileSync(path.join(path.resolve(dir), SECRET_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    postgresVersion: pgVersionOf(pgdata),
    fingerprintSecret: secret !== null,
  };
  const entries = [{ name: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n") }];
  if (secret) entries.push({ name: SECRET_FILE, data: secret, mode: 0o600 } as (typeof entries)[number]);
  entries.push({ name: PGDATA_TAR, data: pgdata });
  // Compressed on libuv's threads, after the copy: the database is held only while it is copied.
  return gzip(packTar(entries), { level: 6 });
}

export interface ParsedBackup {
  manifest: BackupManifest;
  pgdata: Buffer;
  secret: Buffer | null;
}

/** Reads and checks an archive; the message names the file and what is wrong. */
export async function readBackupArchive(file: string): Promise<ParsedBackup> {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    throw new AppError("validation_error", `Cannot read the backup ${file}: ${(e as Error).message}`);
  }
  let entries;
  try {
    entries = unpackTar(await gunzip(raw));
  } catch (e) {
    throw new AppError("validation_error", `${file} is not a vmcompare backup (a gzipped tar archive): ${(e as Error).message}`);
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const m = byName.get(MANIFEST);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(m?.toString("utf8") ?? "null");
  } catch {
    throw new AppError("validation_error", `${file}: ${MANIFEST} is not valid JSON.`);
  }
  if (!manifest || manifest.format !== BACKUP_FORMAT) throw new AppError("validation_error", `${file} is not a vmcompare PGlite backup (no ${MANIFEST} naming "${BACKUP_FORMAT}").`);
  if (manifest.version > BACKUP_VERSION) throw new AppError("validation_error", `${file} is a backup of format version ${manifest.version}; this vmcompare reads version ${BACKUP_VERSION}. Upgrade vmcompare first.`);
  const pgdata = byName.get(PGDATA_TAR);
  if (!pgdata?.length) throw new AppError("validation_error", `${file} holds no database (${PGDATA_TAR} is missing or empty).`);
  return { manifest, pgdata, secret: byName.get(SECRET_FILE) ?? null };
}

// ---------------------------------------------------------------- the owner's socket

/**
 * Listens for backup requests on the folder's socket; returns the function
 * that stops listening. Called by the process that has just locked and
 * opened the folder. A socket that cannot be opened only costs the
 * backups-while-running: it is reported, not fatal.
 */
export async function serveBackups(dir: string, dump: () => Promise<Blob>, log: (msg: string) => void = console.warn): Promise<() => Promise<void>> {
  const file = backupSocketPath(dir);
  // The folder is ours (locked): a socket file left here is a crashed owner's.
  fs.rmSync(file, { force: true });
  let busy = false;
  const server = net.createServer((conn) => {
    let request = "";
    conn.setTimeout(30_000, () => conn.destroy());
    conn.on("error", () => {});
    conn.on("data", async (chunk) => {
      request += chunk.toString("utf8");
      if (request.length > 1024) return void conn.destroy();
      if (!request.includes("\n")) return;
      conn.removeAllListeners("data");
      conn.setTimeout(0);
      let op: unknown;
      try {
        op = JSON.parse(request.slice(0, request.indexOf("\n"))).op;
      } catch {
        op = null;
      }
      if (op !== "backup") return void conn.end(JSON.stringify({ ok: false, error: "unknown request" }) + "\n");
      if (busy) return void conn.end(JSON.stringify({ ok: false, error: "another backup of this database is running; try again when it ends" }) + "\n");
      busy = true;
      try {
        const archive = await createBackupArchive(dir, dump);
        conn.write(JSON.stringify({ ok: true, bytes: archive.length }) + "\n");
        conn.end(archive);
      } catch (e) {
        conn.end(JSON.stringify({ ok: false, error: (e as Error).message }) + "\n");
      } finally {
        busy = false;
      }
    });
  });
  server.unref();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(file, () => resolve());
    });
    fs.chmodSync(file, 0o600);
  } catch (e) {
    log(`vmcompare: backups while running are unavailable: cannot listen on ${file}: ${(e as Error).message}`);
    return async () => {};
  }
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      fs.rmSync(file, { force: true });
    });
}

/** Asks the folder's owner for a backup over its socket; the archive's bytes. */
export function requestBackup(dir: string, timeoutMs = 10 * 60_000): Promise<Buffer> {
  const file = backupSocketPath(dir);
  return new Promise<Buffer>((resolve, reject) => {
    const conn = net.createConnection(file);
    const chunks: Buffer[] = [];
    let got = 0;
    let head: { ok: boolean; bytes?: number; error?: string } | null = null;
    let pending = Buffer.alloc(0);
    const fail = (msg: string) => {
      conn.destroy();
      reject(new AppError("database_unavailable", msg));
    };
    conn.setTimeout(timeoutMs, () => fail(`The server holding ${path.resolve(dir)} did not finish the backup within ${timeoutMs / 1000} s.`));
    conn.on("connect", () => conn.write(JSON.stringify({ op: "backup" }) + "\n"));
    conn.on("error", (e: NodeJS.ErrnoException) =>
      fail(
        e.code === "ENOENT" || e.code === "ECONNREFUSED"
          ? `The process holding ${path.resolve(dir)} does not answer backup requests (no socket at ${file}). Restart it with this version of vmcompare, or stop it and run the backup again.`
          : `Cannot ask the server holding ${path.resolve(dir)} for a backup: ${e.message}`,
      ),
    );
    conn.on("data", (chunk: Buffer) => {
      if (!head) {
        pending = Buffer.concat([pending, chunk]);
        const nl = pending.indexOf(0x0a);
        if (nl < 0) return;
        try {
          head = JSON.parse(pending.subarray(0, nl).toString("utf8"));
        } catch {
          return fail(`The server holding ${path.resolve(dir)} answered something that is not a backup.`);
        }
        if (!head!.ok) return fail(`The server could not take the backup: ${head!.error}`);
        chunk = pending.subarray(nl + 1);
      }
      chunks.push(chunk);
      got += chunk.length;
    });
    conn.on("end", () => {
      if (!head?.ok) return;
      if (got !== head.bytes) return fail(`The backup arrived incomplete (${got} of ${head.bytes} bytes).`);
      resolve(Buffer.concat(chunks));
    });
  });
}

// ---------------------------------------------------------------- command-line operations

function lockOwner(dir: string): string | null {
  try {
    const line = fs.readFileSync(lockPath(dir), "utf8");
    return ownerAlive(line) ? line.trim().split(/\s+/)[0] : null;
  } catch {
    return null;
  }
}

async function openRaw(pgdataDir: string, loadDataDir?: Blob) {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = new PGlite(pgdataDir, loadDataDir ? { loadDataDir } : {});
  await pg.waitReady;
  return pg;
}

/** Writes `data` to `file` atomically (a partial file is never left under the final name). */
function writeAtomically(file: string, data: Buffer, mode = 0o600): void {
  const tmp = `${file}.partial-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data, { mode });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  /** "server": asked the running process; "folder": no process had it open, read directly. */
  via: "server" | "folder";
}

/** `npm run db:backup -- <file>`: a consistent archive of the folder, whether or not a server has it open. */
export async function backupFolder(dir: string, file: string, opts: { overwrite?: boolean } = {}): Promise<BackupResult> {
  const abs = path.resolve(dir);
  const out = path.resolve(file);
  if (!opts.overwrite && fs.existsSync(out)) throw new AppError("conflict", `${out} exists already; choose another file name or pass --force to replace it.`);
  if (!fs.existsSync(path.join(abs, "pgdata", "PG_VERSION"))) throw new AppError("not_found", `There is no embedded database in ${abs} (no pgdata/PG_VERSION).`);
  if (fs.existsSync(path.join(abs, RESTORE_MARKER))) throw new AppError("conflict", interruptedMessage(abs));
  if (lockOwner(abs)) {
    const archive = await requestBackup(abs);
    writeAtomically(out, archive);
    return { file: out, bytes: archive.length, via: "server" };
  }
  acquireLock(abs);
  try {
    const pg = await openRaw(path.join(abs, "pgdata"));
    try {
      const archive = await createBackupArchive(abs, () => pg.dumpDataDir("none"));
      writeAtomically(out, archive);
      return { file: out, bytes: archive.length, via: "folder" };
    } finally {
      await pg.close();
    }
  } finally {
    releaseLock(abs);
  }
}

function interruptedMessage(dir: string): string {
  return (
    `A restore into ${dir} was interrupted (${RESTORE_MARKER} is there). Run \`npm run db:restore -- <backup file>\` again to finish it; ` +
    `the data from before that restore is in ${dir}/before-restore-*/.`
  );
}

/** Refuses a folder in the middle of a restore (lib/db/client.ts calls this once it holds the lock). */
export function assertNoInterruptedRestore(dir: string): void {
  if (fs.existsSync(path.join(path.resolve(dir), RESTORE_MARKER))) throw new AppError("database_locked", interruptedMessage(path.resolve(dir)));
}

export interface RestoreResult {
  dir: string;
  /** Published VMs in the restored database. */
  vms: number;
  /** Where the folder's previous contents went, or null when it held no database. */
  previous: string | null;
  manifest: BackupManifest;
}

/** `npm run db:restore -- <file>`: replaces the folder's database with the archive's, never while a process has it open. */
export async function restoreFolder(file: string, dir: string): Promise<RestoreResult> {
  const abs = path.resolve(dir);
  const backup = await readBackupArchive(path.resolve(file));
  const owner = lockOwner(abs);
  if (owner) throw new AppError("database_locked", `The embedded database in ${abs} is in use by process ${owner}. Stop the server first: a restore replaces the whole database.`);
  fs.mkdirSync(abs, { recursive: true });
  acquireLock(abs);
  const staging = path.join(abs, `.restore-staging-${process.pid}`);
  try {
    // 1. Unpack and open the copy aside: a backup that does not open changes nothing.
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    let vms: number;
    try {
      const pg = await openRaw(path.join(staging, "pgdata"), new Blob([new Uint8Array(backup.pgdata)]));
      try {
        const r = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM vm WHERE status = 'published'`);
        vms = r.rows[0].n;
      } finally {
        await pg.close();
      }
    } catch (e) {
      throw new AppError("validation_error", `${path.resolve(file)} does not open as a vmcompare database: ${(e as Error).message}`);
    }
    if (backup.secret) fs.writeFileSync(path.join(staging, SECRET_FILE), backup.secret, { mode: 0o600 });

    // 2. Swap, under a marker: an interruption leaves a folder that refuses to open, never a half-restored one.
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const previous = path.join(abs, `before-restore-${stamp}`);
    fs.writeFileSync(path.join(abs, RESTORE_MARKER), JSON.stringify({ from: path.resolve(file), previous, startedAt: new Date().toISOString() }) + "\n");
    let moved = false;
    for (const name of ["pgdata", SECRET_FILE, "dumps"]) {
      if (!fs.existsSync(path.join(abs, name))) continue;
      fs.mkdirSync(previous, { recursive: true });
      fs.renameSync(path.join(abs, name), path.join(previous, name));
      moved = true;
    }
    fs.renameSync(path.join(staging, "pgdata"), path.join(abs, "pgdata"));
    if (backup.secret) fs.renameSync(path.join(staging, SECRET_FILE), path.join(abs, SECRET_FILE));
    fs.rmSync(path.join(abs, RESTORE_MARKER));
    return { dir: abs, vms, previous: moved ? previous : null, manifest: backup.manifest };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    releaseLock(abs);
  }
}

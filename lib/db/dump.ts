import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import zlib from "node:zlib";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { dumpCsvHeader, dumpCsvRow, dumpJsonLine } from "@/lib/reports/data-dictionary";
import { runExclusive } from "./advisory-lock";
import type { Db } from "./client";
import { RECORD_INCLUDE, toRecord } from "./vms";

/**
 * The open-data dump of every published VM, as gzipped CSV and JSON Lines.
 *
 * Where: with its database, never shared between two databases. Inside the
 * embedded database's folder (<pglite dir>/dumps), or, with a PostgreSQL
 * server, in a folder named after that database's identity (the cluster's
 * system identifier, the database's oid and name) under DUMP_DIR (default
 * <tmpdir>/vmcompare-dumps); app servers of one database may share it.
 * When: on the first request after the dump is 24 h old, or on demand.
 * How: VMs are read in pages keyed by id (no OFFSET, no long transaction) and
 * streamed through gzip into temporary files that are renamed into place only
 * when complete, so a download never sees half a dump.
 * Once: the processes of one host that share a dump folder write it one at a
 * time, under an advisory lock named after the host and folder; a process
 * that waited for another's run uses that dump when it started after its own
 * request, instead of writing the same again.
 */
export const DUMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const DUMP_PAGE = 1000;
export const DUMP_FILES = { csv: "vms.csv.gz", jsonl: "vms.jsonl.gz" } as const;
export type DumpFormat = keyof typeof DUMP_FILES;

export interface DumpFileInfo {
  name: string;
  format: DumpFormat;
  bytes: number;
  sha256: string;
}

export interface DumpManifest {
  generatedAt: string;
  rows: number;
  files: DumpFileInfo[];
}

export interface DumpProgress {
  state: "idle" | "running" | "failed";
  done: number;
  total: number;
  startedAt: string | null;
  error: string | null;
}

export interface DumpStatus {
  manifest: DumpManifest | null;
  progress: DumpProgress;
  stale: boolean;
}

const dirs = new WeakMap<Db, Promise<string>>();

/** The dump folder of this database (see above); asked of the database once per handle. */
export function dumpDirOf(db: Db): Promise<string> {
  let p = dirs.get(db);
  if (!p) {
    p = resolveDumpDir(db);
    dirs.set(db, p);
    p.catch(() => dirs.delete(db));
  }
  return p;
}

async function resolveDumpDir(db: Db): Promise<string> {
  if (db.kind === "pglite") {
    if (!db.dir) throw new Error("an embedded database handle without its folder");
    return path.join(/*turbopackIgnore: true*/ db.dir, "dumps");
  }
  const base = env().DUMP_DIR ? path.resolve(/*turbopackIgnore: true*/ env().DUMP_DIR!) : path.join(/*turbopackIgnore: true*/ os.tmpdir(), "vmcompare-dumps");
  return path.join(/*turbopackIgnore: true*/ base, await postgresIdentity(db));
}

/**
 * "<system identifier>-<database oid>-<name>": the system identifier is
 * unique per cluster (initdb), the oid per database within it. Where a
 * managed server denies pg_control_system(), the server's address stands in
 * for the cluster.
 */
export async function postgresIdentity(db: Db): Promise<string> {
  const [d] = await db.sql.query<{ oid: string; name: string }>(
    `SELECT oid::text AS oid, datname AS name FROM pg_database WHERE datname = current_database()`,
  );
  let cluster: string;
  try {
    const [c] = await db.sql.query<{ id: string }>(`SELECT system_identifier::text AS id FROM pg_control_system()`);
    cluster = c.id;
  } catch {
    const [s] = await db.sql.query<{ addr: string | null; port: number | null }>(`SELECT inet_server_addr()::text AS addr, inet_server_port() AS port`);
    cluster = "srv" + crypto.createHash("sha256").update(`${s.addr ?? "local"}:${s.port ?? ""}`).digest("hex").slice(0, 16);
  }
  return `${cluster}-${d.oid}-${d.name.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

// Progress lives on globalThis: route handlers may be separate module copies in one process.
const g = globalThis as unknown as { __vmcompareDump?: Map<string, { progress: DumpProgress; run: Promise<DumpManifest> | null }> };
g.__vmcompareDump ??= new Map();

function slot(dir: string) {
  const key = path.resolve(dir);
  let s = g.__vmcompareDump!.get(key);
  if (!s) g.__vmcompareDump!.set(key, (s = { progress: { state: "idle", done: 0, total: 0, startedAt: null, error: null }, run: null }));
  return s;
}

export function readManifest(dir: string): DumpManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, "manifest.json"), "utf8")) as DumpManifest;
  } catch {
    return null;
  }
}

export function dumpFilePath(dir: string, format: DumpFormat): string {
  return path.join(/*turbopackIgnore: true*/ dir, DUMP_FILES[format]);
}

export function isStale(m: DumpManifest | null, now = new Date()): boolean {
  return !m || now.getTime() - new Date(m.generatedAt).getTime() > DUMP_MAX_AGE_MS;
}

export function dumpStatus(dir: string, now = new Date()): DumpStatus {
  const manifest = readManifest(dir);
  return { manifest, progress: { ...slot(dir).progress }, stale: isStale(manifest, now) };
}

class GzipFile {
  readonly gzip = zlib.createGzip({ level: 6 });
  readonly out: fs.WriteStream;
  readonly hash = crypto.createHash("sha256");
  private finished: Promise<unknown>;
  constructor(readonly tmpPath: string) {
    this.out = fs.createWriteStream(tmpPath);
    this.gzip.on("data", (c: Buffer) => this.hash.update(c));
    this.gzip.pipe(this.out);
    this.finished = once(this.out, "close");
  }
  async write(s: string): Promise<void> {
    if (!this.gzip.write(s)) await once(this.gzip, "drain");
  }
  async close(): Promise<string> {
    this.gzip.end();
    await this.finished;
    return this.hash.digest("hex");
  }
  destroy(): void {
    this.gzip.destroy();
    this.out.destroy();
  }
}

async function generate(db: Db, dir: string, progress: DumpProgress): Promise<DumpManifest> {
  fs.mkdirSync(dir, { recursive: true });
  const generatedAt = new Date().toISOString();
  progress.total = await db.prisma.vm.count({ where: { status: "published" } });
  const suffix = `.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const csv = new GzipFile(dumpFilePath(dir, "csv") + suffix);
  const jsonl = new GzipFile(dumpFilePath(dir, "jsonl") + suffix);
  try {
    await csv.write(dumpCsvHeader());
    let cursor = "";
    let rows = 0;
    for (;;) {
      const page = await db.prisma.vm.findMany({
        where: { status: "published", ...(cursor ? { id: { gt: cursor } } : {}) },
        include: RECORD_INCLUDE,
        orderBy: { id: "asc" },
        take: DUMP_PAGE,
      });
      for (const v of page) {
        // Proposed application names stay off the dump until a moderator approves them (lib/db/moderation.ts).
        const rec = toRecord({ ...v, tags: v.tags.filter((t) => !t.app.isSuggestion) });
        await csv.write(dumpCsvRow(rec));
        await jsonl.write(dumpJsonLine(rec));
      }
      rows += page.length;
      progress.done = rows;
      if (page.length < DUMP_PAGE) break;
      cursor = page[page.length - 1].id;
    }
    const csvHash = await csv.close();
    const jsonlHash = await jsonl.close();
    const files: DumpFileInfo[] = [];
    for (const [format, tmp, sha256] of [["csv", csv.tmpPath, csvHash], ["jsonl", jsonl.tmpPath, jsonlHash]] as const) {
      const final = dumpFilePath(dir, format);
      fs.renameSync(tmp, final);
      files.push({ name: DUMP_FILES[format], format, bytes: fs.statSync(/*turbopackIgnore: true*/ final).size, sha256 });
    }
    const manifest: DumpManifest = { generatedAt, rows, files };
    const mtmp = path.join(/*turbopackIgnore: true*/ dir, `manifest.json${suffix}`);
    fs.writeFileSync(mtmp, JSON.stringify(manifest, null, 2));
    fs.renameSync(mtmp, path.join(/*turbopackIgnore: true*/ dir, "manifest.json"));
    return manifest;
  } catch (e) {
    csv.destroy();
    jsonl.destroy();
    for (const f of [csv.tmpPath, jsonl.tmpPath]) fs.rmSync(f, { force: true });
    throw e;
  }
}

/**
 * Starts a regeneration unless one is running in this process; returns the
 * running (or new) one. Callers that should not wait simply ignore the promise.
 */
export function regenerateDump(db: Db, dir: string): Promise<DumpManifest> {
  const s = slot(dir);
  if (s.run) return s.run;
  s.progress = { state: "running", done: 0, total: 0, startedAt: new Date().toISOString(), error: null };
  const progress = s.progress;
  const requestedAt = Date.now();
  s.run = runExclusive(
    db,
    `dump:${os.hostname()}:${path.resolve(/*turbopackIgnore: true*/ dir)}`,
    async () => {
      const written = readManifest(dir);
      if (written && new Date(written.generatedAt).getTime() >= requestedAt) return written;
      return generate(db, dir, progress);
    },
    { wait: true },
  )
    .then((r) => {
      if (!r.ran) throw new Error("the open-data dump lock was not granted");
      return r.value;
    })
    .then((m) => {
      progress.state = "idle";
      return m;
    })
    .catch((e: unknown) => {
      progress.state = "failed";
      progress.error = (e as Error).message;
      throw e;
    })
    .finally(() => {
      s.run = null;
    });
  return s.run;
}

/** The status, starting a regeneration in the background when the dump is missing or old. */
export function ensureFreshDump(db: Db, dir: string, now = new Date()): DumpStatus {
  const status = dumpStatus(dir, now);
  if (status.stale && status.progress.state !== "running") {
    regenerateDump(db, dir).catch((e) => console.error("open-data dump failed:", (e as Error).message));
    return dumpStatus(dir, now);
  }
  return status;
}

import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";
import type { Db } from "./client";
import { dumpDirOf, dumpStatus, ensureFreshDump, readManifest, regenerateDump } from "./dump";

/**
 * Keeps the open-data dump a few minutes behind the site at most: every
 * successful write (lib/api/handler.ts) schedules a regeneration once writes
 * have been quiet for DUMP_DEBOUNCE_SECONDS, and a steady stream of writes
 * still gets one every MAX_DELAY_MS. Before writing, it asks the database
 * whether anything the dump holds changed (count and newest edit of the
 * published VMs, recorded beside the dump in dump-version.json), so writes
 * that publish nothing (comparisons, reports) cost one small query.
 */
export const DUMP_MAX_DELAY_MS = 5 * 60 * 1000;
const VERSION_FILE = "dump-version.json";

export interface DumpFreshness {
  /** Published VMs on the site now. */
  live: number;
  /** VMs in the dump; null when there is none. */
  dumped: number | null;
  /** The dump holds every published VM as it is now. */
  current: boolean;
}

/** What the published VMs looked like when a dump started: their count and newest edit. */
interface DataVersion { count: number; newestEdit: string | null }
/** The version file names the dump it describes; one written by another path is not described by it. */
type RecordedVersion = DataVersion & { generatedAt: string };

interface Pending { timer: NodeJS.Timeout | null; firstAt: number | null }

// On globalThis: route handlers may be separate module copies in one process.
const g = globalThis as unknown as { __vmcompareDumpSchedule?: Map<string, Pending> };
g.__vmcompareDumpSchedule ??= new Map();

function pending(dir: string): Pending {
  let p = g.__vmcompareDumpSchedule!.get(dir);
  if (!p) g.__vmcompareDumpSchedule!.set(dir, (p = { timer: null, firstAt: null }));
  return p;
}

async function dataVersion(db: Db): Promise<DataVersion> {
  const agg = await db.prisma.vm.aggregate({ where: { status: "published" }, _count: { _all: true }, _max: { updatedAt: true } });
  return { count: agg._count._all, newestEdit: agg._max.updatedAt?.toISOString() ?? null };
}

function readVersion(dir: string): RecordedVersion | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, VERSION_FILE), "utf8")) as RecordedVersion;
  } catch {
    return null;
  }
}

function freshnessOf(dir: string, live: DataVersion): DumpFreshness {
  const m = readManifest(dir);
  const recorded = readVersion(dir);
  const v = recorded && m && recorded.generatedAt === m.generatedAt ? recorded : null;
  // Without a version (a dump written by "Regenerate now" or the daily run), the count is all there is to go by.
  const current = m !== null && m.rows === live.count && (v === null || (v.count === live.count && v.newestEdit === live.newestEdit));
  return { live: live.count, dumped: m?.rows ?? null, current };
}

export async function dumpFreshness(db: Db, dir: string): Promise<DumpFreshness> {
  return freshnessOf(dir, await dataVersion(db));
}

/**
 * Writes the dump and records the version read just before it: everything
 * committed by then is in the dump, so a later write changes the live version.
 */
export async function startVersionedDump(db: Db, dir: string): Promise<{ done: Promise<void> }> {
  const version = await dataVersion(db);
  // A run already going started before this version was read: it is not described by it.
  if (dumpStatus(dir).progress.state === "running") return { done: regenerateDump(db, dir).then(() => undefined) };
  const run = regenerateDump(db, dir);
  const done = run.then((m) => {
    const recorded: RecordedVersion = { ...version, generatedAt: m.generatedAt };
    const tmp = path.join(/*turbopackIgnore: true*/ dir, `${VERSION_FILE}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(recorded));
    fs.renameSync(tmp, path.join(/*turbopackIgnore: true*/ dir, VERSION_FILE));
  });
  return { done };
}

async function regenerateVersioned(db: Db, dir: string): Promise<void> {
  await (await startVersionedDump(db, dir)).done;
}

async function fire(db: Db, dir: string, debounceMs: number): Promise<void> {
  const p = pending(dir);
  p.timer = null;
  p.firstAt = null;
  if ((await dumpFreshness(db, dir)).current) return;
  if (dumpStatus(dir).progress.state === "running") {
    // A run that was already going may have started before the write: look again once it is done.
    await regenerateDump(db, dir).catch(() => null);
    schedule(db, dir, debounceMs);
    return;
  }
  await regenerateVersioned(db, dir);
}

/** (Re)starts the quiet-time timer of this dump folder. */
export function schedule(db: Db, dir: string, debounceMs = env().DUMP_DEBOUNCE_SECONDS * 1000): void {
  const p = pending(dir);
  const now = Date.now();
  p.firstAt ??= now;
  if (p.timer) clearTimeout(p.timer);
  const wait = Math.max(0, Math.min(debounceMs, p.firstAt + DUMP_MAX_DELAY_MS - now));
  p.timer = setTimeout(() => {
    fire(db, dir, debounceMs).catch((e) => console.error("open-data dump after writes failed:", (e as Error).message));
  }, wait);
  // A pending dump never keeps a process (a CLI script, a test) alive.
  p.timer.unref();
}

/** Called after every successful write; returns at once. */
export function dumpAfterWrite(db: Db): void {
  dumpDirOf(db).then(
    (dir) => schedule(db, dir),
    (e) => console.error("open-data dump folder unavailable:", (e as Error).message),
  );
}

/** Whether a regeneration is waiting for writes to go quiet. */
export function dumpScheduled(dir: string): boolean {
  return pending(dir).timer !== null;
}

/**
 * What the data page and GET /api/v1/data show: the dump's status with the live
 * count beside it. A dump found behind (written before a restart, or by a
 * script that bypassed the API) is scheduled like a write.
 */
export async function dumpOverview(db: Db): Promise<ReturnType<typeof ensureFreshDump> & { freshness: DumpFreshness; scheduled: boolean }> {
  const dir = await dumpDirOf(db);
  const status = ensureFreshDump(db, dir);
  const freshness = await dumpFreshness(db, dir);
  if (!freshness.current && status.progress.state !== "running" && !dumpScheduled(dir)) schedule(db, dir);
  return { ...status, freshness, scheduled: dumpScheduled(dir) };
}

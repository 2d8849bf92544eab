import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { backupFolder, RESTORE_MARKER, restoreFolder } from "./backup";
import { closeDb, getDb, type Db } from "./client";
import { rebuildPeerStats } from "./peer-stats";
import { packTar } from "./tar";
import { countVms } from "./vms";

/**
 * A backup of an embedded database taken while another process holds it
 * open and writes to it before and after, restored into a new folder and opened: the restored
 * database is one instant of the original (its peer statistics agree with
 * its VMs), the restore refuses a folder in use and a damaged archive, and
 * an interrupted restore never opens as an empty database.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-backup-"));
const source = path.join(root, "source");
const restored = path.join(root, "restored");
const archive = path.join(root, "live.tar.gz");

/** The peer statistics as stored, by key. */
async function peerStats(db: Db): Promise<Record<string, { n: number; stats: unknown }>> {
  const rows = await db.sql.query<{ key: string; n: number; stats: unknown }>(`SELECT key, n, stats FROM peer_stats ORDER BY key`);
  return Object.fromEntries(rows.map((r) => [r.key, { n: r.n, stats: typeof r.stats === "string" ? JSON.parse(r.stats) : r.stats }]));
}

class Writer {
  readonly proc: ChildProcess;
  counts: { event: string; n: number }[] = [];
  log = "";
  constructor(dir: string) {
    this.proc = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/db/backup-writer.test-support.ts", dir], { stdio: ["pipe", "pipe", "pipe"] });
    let buf = "";
    this.proc.stdout!.on("data", (b) => {
      buf += b;
      this.log += b;
      let nl;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const m = buf.slice(0, nl).match(/^(ready|wrote|paused|stopped) (\d+)$/);
        buf = buf.slice(nl + 1);
        if (m) this.counts.push({ event: m[1], n: Number(m[2]) });
      }
    });
    this.proc.stderr!.on("data", (b) => (this.log += b));
  }
  async until(event: string, atLeast = 1, timeoutMs = 240_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const seen = this.counts.filter((c) => c.event === event);
      if (seen.length >= atLeast) return seen[seen.length - 1].n;
      if (this.proc.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the writer did not report "${event}" ${atLeast} time(s):\n${this.log}`);
  }
  send(line: string) {
    this.proc.stdin!.write(line + "\n");
  }
}

describe("backup and restore of an embedded database", () => {
  let writer: Writer | null = null;
  afterAll(async () => {
    if (writer && writer.proc.exitCode === null) writer.proc.kill("SIGKILL");
    await closeDb({ kind: "pglite", dir: restored }).catch(() => {});
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("copies a folder held open by a writing process, and the copy opens as one consistent instant", async () => {
    writer = new Writer(source);
    expect(await writer.until("ready")).toBe(30);
    writer.send("write");
    await writer.until("wrote");
    // Writes pause during the copy: see the report of issue 18 (a copy under continuous writes did not finish).
    writer.send("pause");
    const before = await writer.until("paused");

    const r = await backupFolder(source, archive);
    writer.send("write");
    expect(r.via).toBe("server");
    expect(fs.statSync(archive).size).toBe(r.bytes);
    // A restore over the folder in use is refused, and leaves it alone.
    await expect(restoreFolder(archive, source)).rejects.toThrow(/in use by process \d+\. Stop the server first/);
    const writesSoFar = writer.counts.filter((c) => c.event === "wrote").length;
    await writer.until("wrote", writesSoFar + 2);
    writer.send("stop");
    const after = await writer.until("stopped");
    expect(after).toBeGreaterThan(before);

    const result = await restoreFolder(archive, restored);
    expect(result.previous).toBeNull();
    expect(fs.readFileSync(path.join(restored, "fingerprint-secret"), "utf8")).toBe(fs.readFileSync(path.join(source, "fingerprint-secret"), "utf8"));
    expect(fs.readdirSync(restored).filter((f) => f.startsWith(".restore") || f === RESTORE_MARKER)).toEqual([]);

    const db = await getDb({ kind: "pglite", dir: restored });
    const n = await countVms(db);
    expect(n).toBe(result.vms);
    // Everything written before the backup started, none of what came after it ended.
    expect(n).toBe(before);
    expect(n).toBeLessThan(after);
    // The stored peer statistics are those of exactly the restored VMs: recomputed from them, they do not change.
    const stored = await peerStats(db);
    expect(stored["app:mssql"].n + stored["app:microsoft-exchange"].n).toBe(n);
    await rebuildPeerStats(db);
    expect(await peerStats(db)).toEqual(stored);
    await closeDb({ kind: "pglite", dir: restored });
  }, 600_000);

  it("backs up a folder no process holds, and restores it over an existing database, keeping the previous one", async () => {
    const offline = path.join(root, "offline.tar.gz");
    const r = await backupFolder(source, offline);
    expect(r.via).toBe("folder");
    await expect(backupFolder(source, offline)).rejects.toThrow(/exists already/);
    const result = await restoreFolder(offline, restored);
    expect(result.previous).toMatch(/before-restore-/);
    expect(fs.existsSync(path.join(result.previous!, "pgdata", "PG_VERSION"))).toBe(true);
    const src = writer!.counts.at(-1)!.n;
    expect(result.vms).toBe(src);
    const db = await getDb({ kind: "pglite", dir: restored });
    expect(await countVms(db)).toBe(src);
    await closeDb({ kind: "pglite", dir: restored });
  }, 600_000);

  it("refuses a damaged archive or one that is not a backup, and leaves the folder as it was", async () => {
    const truncated = path.join(root, "truncated.tar.gz");
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 4000));
    await expect(restoreFolder(truncated, restored)).rejects.toThrow(/truncated\.tar\.gz is not a vmcompare backup/);
    const foreign = path.join(root, "foreign.tar.gz");
    fs.writeFileSync(foreign, zlib.gzipSync(packTar([{ name: "notes.txt", data: Buffer.from("hello") }])));
    await expect(restoreFolder(foreign, restored)).rejects.toThrow(/is not a vmcompare PGlite backup/);
    const broken = path.join(root, "broken.tar.gz");
    const manifest = { format: "vmcompare-pglite-backup", version: 1, createdAt: new Date().toISOString(), postgresVersion: "17", fingerprintSecret: false };
    fs.writeFileSync(broken, zlib.gzipSync(packTar([{ name: "vmcompare-backup.json", data: Buffer.from(JSON.stringify(manifest)) }, { name: "pgdata.tar", data: Buffer.alloc(4096, 7) }])));
    await expect(restoreFolder(broken, restored)).rejects.toThrow(/does not open as a vmcompare database/);
    const db = await getDb({ kind: "pglite", dir: restored });
    expect(await countVms(db)).toBe(writer!.counts.at(-1)!.n);
    await closeDb({ kind: "pglite", dir: restored });
  }, 600_000);

  it("does not open a folder whose restore was interrupted", async () => {
    fs.writeFileSync(path.join(restored, RESTORE_MARKER), "{}\n");
    await expect(getDb({ kind: "pglite", dir: restored })).rejects.toThrow(/A restore into .* was interrupted/);
    await expect(backupFolder(restored, path.join(root, "x.tar.gz"))).rejects.toThrow(/was interrupted/);
    // Running the restore again finishes it.
    const result = await restoreFolder(archive, restored);
    expect(fs.existsSync(path.join(restored, RESTORE_MARKER))).toBe(false);
    const db = await getDb({ kind: "pglite", dir: restored });
    expect(await countVms(db)).toBe(result.vms);
    await closeDb({ kind: "pglite", dir: restored });
  }, 600_000);
});

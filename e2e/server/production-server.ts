import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminQuery } from "../../lib/db/admin-query";
import { randomBytes } from "node:crypto";

/**
 * A production build, served by scripts/serve.ts (the server `npm start` runs under its supervisor), on a
 * loopback port, with its own fresh database: a new PGlite folder, or a new
 * database on the PostgreSQL server of `adminUrl`. For the load and
 * hostile-input suites, which need a server of their own per database.
 */
export type DatabaseKind = "pglite" | "postgresql";

export interface ServerOptions {
  database: DatabaseKind;
  port: number;
  /** A PostgreSQL URL whose user may CREATE DATABASE (TEST_DATABASE_URL). */
  adminUrl?: string;
  /** V8 heap limit of the server, so that a hostile input kills only this server. */
  maxOldSpaceMiB?: number;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** Reuse this PGlite folder (kept on stop), e.g. to restart a server that crashed. */
  pgliteDir?: string;
  /** Use this PostgreSQL database (kept on stop): several servers on one database. Set FINGERPRINT_SECRET in env too. */
  databaseUrl?: string;
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  database: DatabaseKind;
  /** Server output so far (for failure messages). */
  log(): string;
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, "..", "..");

export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"));
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  if (!hasProductionBuild()) throw new Error("No production build: run `npx next build` first.");
  let databaseUrl: string;
  let dispose: () => Promise<void>;
  if (opts.database === "postgresql" && opts.databaseUrl) {
    databaseUrl = opts.databaseUrl;
    dispose = async () => {};
  } else if (opts.database === "pglite" && opts.pgliteDir) {
    databaseUrl = `pglite:${opts.pgliteDir}`;
    dispose = async () => {};
  } else if (opts.database === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-server-"));
    databaseUrl = `pglite:${dir}`;
    dispose = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    if (!opts.adminUrl) throw new Error("A PostgreSQL server is needed: set TEST_DATABASE_URL.");
    const name = `vmc_srv_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await adminQuery(opts.adminUrl, `CREATE DATABASE ${name}`);
    const u = new URL(opts.adminUrl);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    dispose = () => adminQuery(opts.adminUrl!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  let out = "";
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const args = [
    ...(opts.maxOldSpaceMiB ? [`--max-old-space-size=${opts.maxOldSpaceMiB}`] : []),
    // The production entry itself (what `npm start` supervises): its render gate and caching are under test too.
    "--import",
    "tsx",
    "scripts/serve.ts",
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "on",
      PORT: String(opts.port),
      // A PostgreSQL server refuses to start on the public default secret; each test server gets its own.
      ...(opts.database === "postgresql" ? { FINGERPRINT_SECRET: randomBytes(32).toString("hex") } : {}),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (b: Buffer) => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.on("exit", (code, signal) => ((exit = { code, signal }), resolve())));

  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    if (!exit) {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(t);
    }
    await dispose().catch(() => {});
  };

  // Ready when /api/health answers and the demo data is in (boot seeds before "database ready").
  const deadline = Date.now() + (opts.startTimeoutMs ?? 240_000);
  for (;;) {
    if (exit) {
      await dispose().catch(() => {});
      throw new Error(`The server exited while starting (${JSON.stringify(exit)}):\n${out.slice(-4000)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not start in time:\n${out.slice(-4000)}`);
    }
    const ok = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
    if (ok && /database ready/.test(out)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, pid: child.pid!, database: opts.database, log: () => out, exited: () => exit, stop };
}

/** Resident memory of a process and its descendants, in MiB (Linux /proc), or null when gone. */
export function rssMiB(pid: number): number | null {
  const one = (p: number): number => {
    try {
      const m = fs.readFileSync(`/proc/${p}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  const children = (p: number): number[] => {
    try {
      return fs
        .readdirSync(`/proc/${p}/task`)
        .flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  if (!fs.existsSync(`/proc/${pid}`)) return null;
  let kb = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    kb += one(p);
    stack.push(...children(p));
  }
  return Math.round(kb / 1024);
}

/**
 * `npm start`: checks the environment (a bad value stops here, naming the
 * variable), then runs the production server (scripts/serve.ts) under a
 * supervisor that starts it again if it dies (lib/server/supervisor.ts).
 * Database migrations and the first-start demo data happen inside the server
 * (instrumentation.ts).
 *
 * WORKERS=N (PostgreSQL only) runs N server processes as a Node cluster: this
 * process is the cluster's primary, holds the port and hands connections to
 * the workers in turn; each worker has a supervisor of its own. The embedded
 * database allows one process per data folder, so WORKERS above 1 with PGlite
 * stops here with a message (docs/deploy.md).
 */
import cluster from "node:cluster";
import fs from "node:fs";
import { EnvError, parseEnv, requireFingerprintSecret, type Env } from "../lib/env";
import { supervise, type ServerCommand, type Supervisor } from "../lib/server/supervisor";

/** The one place that says which command is the server (the supervisor's child). */
function serverCommand(e: Env): ServerCommand {
  return { command: process.execPath, args: ["--import", "tsx", "scripts/serve.ts"], env: { ...process.env, PORT: String(e.PORT) } };
}

/** N cluster workers, each supervised; the first one given up on (or stopped) stops them all. */
function superviseWorkers(e: Env, n: number): void {
  cluster.setupPrimary({ exec: "scripts/serve.ts", execArgv: ["--import", "tsx"] });
  const supervisors: Supervisor[] = [];
  const done = new Set<number>();
  let code = 0;
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    supervisors.forEach((s, i) => done.has(i) || s.stop(signal));
  };
  for (let i = 0; i < n; i++) {
    supervisors.push(
      supervise({
        server: () => serverCommand(e),
        spawn: (cmd) => cluster.fork({ ...cmd.env, VMC_WORKER: String(i + 1) }).process,
        handleSignals: false,
        log: (line) => console.error(line.replace("the server", `worker ${i + 1}`)),
        exit: (c) => {
          if (done.has(i)) return;
          done.add(i);
          code = Math.max(code, c);
          stopAll("SIGTERM");
          if (done.size === n) process.exit(code);
        },
      }),
    );
  }
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stopAll(sig));
}

try {
  const e = parseEnv();
  requireFingerprintSecret(e);
  if (e.database.kind === "pglite" && e.WORKERS > 1) {
    throw new EnvError(
      `Invalid environment:\n  WORKERS: ${e.WORKERS} server processes need a PostgreSQL database; the embedded database (PGlite) ` +
        "allows one process per data folder. Unset WORKERS, or set DATABASE_URL=postgresql://… (docs/deploy.md).",
    );
  }
  if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
    console.error("vmcompare: no production build found. Run `npm run build` first.");
    process.exit(1);
  }
  if (e.database.kind === "pglite") {
    console.log("vmcompare: embedded database (PGlite): one server process (several need PostgreSQL and WORKERS=N).");
    supervise({ server: () => serverCommand(e) });
  } else if (e.WORKERS === 1) {
    console.log("vmcompare: PostgreSQL: one server process (WORKERS=N runs N on this port).");
    supervise({ server: () => serverCommand(e) });
  } else {
    console.log(`vmcompare: PostgreSQL: ${e.WORKERS} server processes (WORKERS) sharing port ${e.PORT}.`);
    superviseWorkers(e, e.WORKERS);
  }
} catch (err) {
  if (err instanceof EnvError) {
    console.error(`vmcompare: cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}

/**
 * `npm start`: checks the environment (a bad value stops here, naming the
 * variable), then runs the production server (scripts/serve.ts) under a
 * supervisor that starts it again if it dies (lib/server/supervisor.ts).
 * Database migrations and the first-start demo data happen inside the server
 * (instrumentation.ts).
 */
import fs from "node:fs";
import { EnvError, parseEnv, requireFingerprintSecret, type Env } from "../lib/env";
import { supervise, type ServerCommand } from "../lib/server/supervisor";

/** The one place that says which command is the server (the supervisor's child). */
function serverCommand(e: Env): ServerCommand {
  return { command: process.execPath, args: ["--import", "tsx", "scripts/serve.ts"], env: { ...process.env, PORT: String(e.PORT) } };
}

try {
  const e = parseEnv();
  requireFingerprintSecret(e);
  if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
    console.error("vmcompare: no production build found. Run `npm run build` first.");
    process.exit(1);
  }
  supervise({ server: () => serverCommand(e) });
} catch (err) {
  if (err instanceof EnvError) {
    console.error(`vmcompare: cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}

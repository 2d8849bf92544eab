/**
 * `npm start`: checks the environment (a bad value stops here, naming the
 * variable), then runs the production server (scripts/serve.ts). Database migrations and the
 * first-start demo data happen inside the server (instrumentation.ts).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { EnvError, parseEnv, requireFingerprintSecret } from "../lib/env";

try {
  const e = parseEnv();
  requireFingerprintSecret(e);
  if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
    console.error("vmcompare: no production build found. Run `npm run build` first.");
    process.exit(1);
  }
  const next = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env: { ...process.env, PORT: String(e.PORT) } });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => next.kill(sig));
  next.on("exit", (code) => process.exit(code ?? 0));
} catch (err) {
  if (err instanceof EnvError) {
    console.error(`vmcompare: cannot start.\n${err.message}`);
    process.exit(1);
  }
  throw err;
}

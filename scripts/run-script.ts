import { EnvError } from "../lib/env";
import { isAppError } from "../lib/errors/app-error";

/** Runs a maintenance script; errors become one clear line and exit code 1. */
export function runScript(fn: () => Promise<void>): void {
  fn().then(
    () => process.exit(0),
    (e) => {
      const msg = e instanceof EnvError ? e.message : isAppError(e) ? e.describe() : (e as Error).message;
      console.error(`error: ${msg}`);
      process.exit(1);
    },
  );
}

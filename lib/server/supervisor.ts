import { spawn, type ChildProcess } from "node:child_process";

/**
 * Keeps the server process running: when it dies (a crash, the kernel's OOM
 * killer, a kill -9) it is started again after a pause that doubles with
 * each quick failure. SIGINT/SIGTERM go to the server and then end the
 * supervisor. A server that keeps failing right after start (a bad setting,
 * a database that cannot be opened) is given up on after a few tries, so a
 * service manager above (systemd) sees the failure; see docs/deploy.md.
 */
export interface ServerCommand {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  /** Called for each start, so a restart picks up the command afresh. */
  server: () => ServerCommand;
  /** First pause before a restart; doubles with each quick failure. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A run at least this long counts as healthy: the next failure restarts after the initial pause again. */
  healthyAfterMs?: number;
  /** Quick failures in a row before giving up (exit 1). */
  maxQuickFailures?: number;
  log?: (line: string) => void;
  /** Called with the supervisor's exit code when it is done (default: process.exit). */
  exit?: (code: number) => void;
  /** Handle SIGINT/SIGTERM of this process (default true). */
  handleSignals?: boolean;
  /** Starts the server process (default: child_process.spawn; `npm start` with WORKERS forks cluster workers). */
  spawn?: (cmd: ServerCommand) => ChildProcess;
}

export interface Supervisor {
  /** The running child, if any. */
  child(): ChildProcess | undefined;
  restarts(): number;
  /** Stops the server (the given signal) and then the supervisor. */
  stop(signal?: NodeJS.Signals): void;
}

export function supervise(opts: SupervisorOptions): Supervisor {
  const log = opts.log ?? ((line: string) => console.error(line));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const initial = opts.initialBackoffMs ?? 1_000;
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  const healthyAfter = opts.healthyAfterMs ?? 60_000;
  const maxQuick = opts.maxQuickFailures ?? 5;

  let current: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  let quickFailures = 0;
  let pending: NodeJS.Timeout | undefined;

  const start = () => {
    pending = undefined;
    const { command, args, env } = opts.server();
    const startedAt = Date.now();
    const child = opts.spawn ? opts.spawn({ command, args, env }) : spawn(command, args, { stdio: "inherit", env: env ?? process.env });
    current = child;
    child.on("error", (err) => log(`vmcompare: could not start the server: ${err.message}`));
    child.on("exit", (code, signal) => {
      current = undefined;
      // Next answers SIGTERM/SIGINT by exiting with 143/130: a stop we asked for, so a clean exit.
      if (stopping) return exit(signal || code === null || code === 0 || code === 130 || code === 143 ? 0 : code);
      const ranMs = Date.now() - startedAt;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (code === 0 && !signal) {
        log(`vmcompare: the server ${how}; stopping.`);
        return exit(0);
      }
      quickFailures = ranMs >= healthyAfter ? 1 : quickFailures + 1;
      if (quickFailures > maxQuick) {
        log(`vmcompare: the server ${how} after ${fmt(ranMs)}; it failed ${maxQuick + 1} times in a row soon after starting, giving up.`);
        return exit(1);
      }
      const wait = Math.min(maxBackoff, initial * 2 ** (quickFailures - 1));
      restarts++;
      log(`vmcompare: the server ${how} after ${fmt(ranMs)}; restarting in ${fmt(wait)} (restart ${restarts}).`);
      pending = setTimeout(start, wait);
    });
  };

  const stop = (signal: NodeJS.Signals = "SIGTERM") => {
    if (stopping) return;
    stopping = true;
    if (pending) {
      clearTimeout(pending);
      pending = undefined;
    }
    if (current && current.exitCode === null && current.signalCode === null) current.kill(signal);
    else exit(0);
  };

  if (opts.handleSignals !== false) {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => stop(sig));
  }
  start();
  return { child: () => current, restarts: () => restarts, stop };
}

function fmt(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * Whether this process is shutting down (SIGTERM or SIGINT received by
 * scripts/serve.ts). Kept on globalThis: the server sets it outside the Next
 * bundle, /api/health/ready reads it inside.
 */
const g = globalThis as unknown as { __vmcompareShuttingDown?: boolean };

export function markShuttingDown(): void {
  g.__vmcompareShuttingDown = true;
}

export function isShuttingDown(): boolean {
  return g.__vmcompareShuttingDown === true;
}

// Not server-only: scripts/serve.ts, which runs outside the react-server condition, imports it.

/**
 * Set to "1" by scripts/serve.ts when the request arrived with forwarding headers (X-Forwarded-For,
 * Forwarded, X-Real-IP, X-Forwarded-Host): Next adds X-Forwarded-* to every request itself, so route
 * code cannot tell a relayed request from its own headers. A client's own value is deleted first.
 */
export const RELAYED_HEADER = "x-vmcompare-relayed";
export const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"] as const;

/** The value scripts/serve.ts gives RELAYED_HEADER for a request's raw headers: "1" if any forwarding header came with it. */
export function relayedMark(raw: Record<string, string | string[] | undefined>): "1" | undefined {
  return FORWARDING_HEADERS.some((h) => raw[h] !== undefined) ? "1" : undefined;
}

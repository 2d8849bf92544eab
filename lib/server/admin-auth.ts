import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

/**
 * Who may moderate (/admin, /api/v1/admin): whoever presents ADMIN_TOKEN, as
 * `Authorization: Bearer <token>` (scripts, curl) or through the session
 * cookie the login form sets. The cookie holds a digest of the token, never the
 * token itself, so changing ADMIN_TOKEN ends every session. Unset, moderation
 * is off. Comparisons are constant-time over fixed-length digests.
 */
export const ADMIN_COOKIE = "vmc_admin";
/** A session lasts a working day at most. */
export const ADMIN_SESSION_SECONDS = 12 * 60 * 60;

export function adminConfigured(token = env().ADMIN_TOKEN): boolean {
  return !!token;
}

function digest(purpose: string, value: string): Buffer {
  return crypto.createHash("sha256").update(`vmcompare-admin\0${purpose}\0${value}`).digest();
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Whether `candidate` is the admin token (false when moderation is off). */
export function isAdminToken(candidate: string | null | undefined, token = env().ADMIN_TOKEN): boolean {
  if (!token || !candidate) return false;
  return same(digest("token", candidate), digest("token", token));
}

/** The session cookie's value for the configured token. */
export function adminSessionValue(token = env().ADMIN_TOKEN): string | null {
  return token ? digest("session", token).toString("base64url") : null;
}

export function isAdminSession(cookie: string | null | undefined, token = env().ADMIN_TOKEN): boolean {
  const want = adminSessionValue(token);
  if (!want || !cookie) return false;
  return same(Buffer.from(cookie), Buffer.from(want));
}

function cookieOf(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

/** A request from a moderator: the Bearer token or the session cookie. */
export function isAdminRequest(req: Request, token = env().ADMIN_TOKEN): boolean {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return isAdminToken(bearer, token);
  return isAdminSession(cookieOf(req.headers.get("cookie"), ADMIN_COOKIE), token);
}

/** Set-Cookie for a new session; Secure when the site is served over HTTPS. */
export function adminCookieHeader(value: string | null, secure: boolean): string {
  const attrs = ["Path=/", "HttpOnly", "SameSite=Strict", `Max-Age=${value ? ADMIN_SESSION_SECONDS : 0}`];
  if (secure) attrs.push("Secure");
  return `${ADMIN_COOKIE}=${value ?? ""}; ${attrs.join("; ")}`;
}

import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/client";
import { adminConfigured, isAdminRequest } from "@/lib/server/admin-auth";
import { checkRateLimit } from "./rate-limit";

export const MODERATION_OFF = "Moderation is off on this server: set ADMIN_TOKEN (at least 16 characters) and restart to enable /admin.";

/**
 * Refuses a request that is not a moderator's. A wrong token counts against
 * the client's write limit, so guessing is as slow as spamming.
 */
export async function requireAdmin(db: Db, req: Request): Promise<void> {
  if (!adminConfigured()) throw new AppError("not_found", MODERATION_OFF);
  if (isAdminRequest(req)) return;
  const wait = await checkRateLimit(db, req);
  if (wait) {
    const e = new AppError("rate_limited", `Too many attempts; try again in ${wait} s.`);
    e.retryAfterSeconds = wait;
    throw e;
  }
  throw new AppError("unauthorized", "The admin token is required: log in at /admin, or send Authorization: Bearer <ADMIN_TOKEN>.");
}

import { handler, readJson } from "@/lib/api/handler";
import { MODERATION_OFF } from "@/lib/api/admin-guard";
import { adminLoginSchema } from "@/lib/contribute/moderation-schemas";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors/app-error";
import { adminConfigured, adminCookieHeader, adminSessionValue, isAdminToken } from "@/lib/server/admin-auth";

export const dynamic = "force-dynamic";

function secure(req: Request): boolean {
  return new URL(req.url).protocol === "https:" || !!env().PUBLIC_URL?.startsWith("https:");
}

/** POST /api/v1/admin/session {"token"}: a moderator logs in; the answer sets the session cookie. Counted as a write. */
export const POST = handler(async ({ req }) => {
  if (!adminConfigured()) throw new AppError("not_found", MODERATION_OFF);
  const { token } = adminLoginSchema.parse(await readJson(req, 4096));
  if (!isAdminToken(token)) throw new AppError("unauthorized", "That is not the admin token.", { field: "token" });
  return new Response(null, { status: 204, headers: { "Set-Cookie": adminCookieHeader(adminSessionValue(), secure(req)) } });
}, { write: true });

/** DELETE /api/v1/admin/session: logs out (clears the cookie). */
export const DELETE = handler(async ({ req }) => {
  return new Response(null, { status: 204, headers: { "Set-Cookie": adminCookieHeader(null, secure(req)) } });
}, { write: true });

import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/api/handler";
import { requireAdmin } from "@/lib/api/admin-guard";
import { adminActionSchema } from "@/lib/contribute/moderation-schemas";
import { listAudit, listFlaggedVms, listMergeTargets, listProposedNames, runAdminAction } from "@/lib/db/moderation";

export const dynamic = "force-dynamic";

/** GET /api/v1/admin: the moderation queue (proposed names, flagged VMs) and the audit log. */
export const GET = handler(async ({ req, db }) => {
  await requireAdmin(db, req);
  const [names, mergeTargets, flagged, audit] = await Promise.all([listProposedNames(db), listMergeTargets(db), listFlaggedVms(db), listAudit(db)]);
  return NextResponse.json({ names, mergeTargets, flagged, audit });
});

/** POST /api/v1/admin {"action", …}: one moderation action, written to the audit log. */
export const POST = handler(async ({ req, db }) => {
  await requireAdmin(db, req);
  const action = adminActionSchema.parse(await readJson(req, 16 * 1024));
  return NextResponse.json({ message: await runAdminAction(db, action) });
}, { write: true });

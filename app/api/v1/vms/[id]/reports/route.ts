import { NextResponse } from "next/server";
import { handler, readJson } from "@/lib/api/handler";
import { reportInputSchema } from "@/lib/contribute/moderation-schemas";
import { createReport } from "@/lib/db/moderation";

export const dynamic = "force-dynamic";

/** POST /api/v1/vms/{id}/reports {"reason", "note"?}: a visitor reports a VM to the moderators. Stores nothing about the visitor. */
export const POST = handler<{ id: string }>(async ({ req, params, db }) => {
  const input = reportInputSchema.parse(await readJson(req, 16 * 1024));
  const { id } = await createReport(db, params.id, input);
  return NextResponse.json({ id, message: "Thank you: the moderators will look at this VM." }, { status: 201 });
}, { write: true });

import { editPath, requireConfirmedPlausibility, sanitizeContribution, type CreatedVm } from "./api-schemas";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "@/lib/db/client";
import { createImportJob } from "@/lib/db/imports";
import { createVms } from "@/lib/db/vms";

/**
 * Publishes contributions from the form, an upload preview or the agent: all
 * or nothing, duplicates refused (AppError "conflict" with details.existingId),
 * implausible VMs refused unless confirmed (AppError "implausible"),
 * each with a fresh edit token that is returned once and stored only hashed.
 */
export async function publishContributions(db: Db, contributions: Contribution[], origin: string): Promise<CreatedVm[]> {
  requireConfirmedPlausibility(contributions);
  const created = await createVms(
    db,
    contributions.map((c) => ({ contribution: sanitizeContribution(c) })),
    { editTokens: true, rejectDuplicates: true },
  );
  return created.map((c) => ({
    id: c.id,
    editToken: c.editToken!,
    editUrl: new URL(editPath(c.id, c.editToken!), origin).toString(),
  }));
}

/**
 * Stages a bulk import (lib/db/imports.ts) of contributions redacted here,
 * through the same toPublishable() as every other write path, so identifying
 * values never enter the job tables whatever the caller sends.
 */
export function stageImportJob(db: Db, contributions: Contribution[], opts: { batchSize?: number } = {}) {
  return createImportJob(db, contributions.map((c) => sanitizeContribution(contributionSchema.parse(c))), opts);
}

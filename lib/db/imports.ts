import { sanitizeContribution } from "@/lib/contribute/api-schemas";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { fingerprint } from "@/lib/vm/fingerprint";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import type { Db } from "./client";
import { hashToken, newEditToken, newId, tokenMatches } from "./ids";
import { createVms, type Created } from "./vms";

/**
 * Resumable bulk imports. The redacted contributions are staged in batches;
 * each batch is published in ONE transaction together with the job's progress
 * counter, so a crash either leaves the batch entirely published and counted
 * or entirely unpublished and still pending: resuming never duplicates or
 * loses a VM.
 */
export const DEFAULT_BATCH_SIZE = 250;
export const MAX_IMPORT_VMS = 10_000;

export interface ImportJobStatus {
  id: string;
  status: "pending" | "done";
  total: number;
  batchSize: number;
  batchCount: number;
  batchesDone: number;
  imported: number;
  duplicates: number;
}

export interface BatchResult {
  job: ImportJobStatus;
  created: Created[];
  /** VMs of this batch already published before (same configuration and identity): skipped. */
  duplicates: number;
}

type JobRow = {
  id: string; status: string; total: number; batchSize: number; batchCount: number;
  batchesDone: number; imported: number; duplicates: number; tokenHash: string;
};

function toStatus(j: JobRow): ImportJobStatus {
  return {
    id: j.id, status: j.status === "done" ? "done" : "pending", total: j.total, batchSize: j.batchSize,
    batchCount: j.batchCount, batchesDone: j.batchesDone, imported: j.imported, duplicates: j.duplicates,
  };
}

export async function createImportJob(
  db: Db,
  contributions: Contribution[],
  opts: { batchSize?: number } = {},
): Promise<{ job: ImportJobStatus; token: string }> {
  if (contributions.length === 0) throw new AppError("validation_error", "Nothing to import: no VM has an application tag.");
  if (contributions.length > MAX_IMPORT_VMS) {
    throw new AppError("too_large", `At most ${MAX_IMPORT_VMS.toLocaleString("en-US")} VMs per import; this one has ${contributions.length}.`);
  }
  const size = Math.max(1, Math.min(opts.batchSize ?? DEFAULT_BATCH_SIZE, 1000));
  // Staged already redacted: identifying values never enter the job tables.
  const items = contributions.map((c) => sanitizeContribution(contributionSchema.parse(c)));
  const batches: Contribution[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  const id = newId(16);
  const token = newEditToken();
  await db.prisma.$transaction(async (tx) => {
    await tx.importJob.create({
      data: { id, tokenHash: hashToken(token), total: items.length, batchSize: size, batchCount: batches.length },
    });
    await tx.importBatch.createMany({
      data: batches.map((b, position) => ({ jobId: id, position, items: b as unknown as Prisma.InputJsonValue })),
    });
  }, { timeout: 120_000, maxWait: 60_000 });
  return { job: (await getImportJob(db, id, token))!, token };
}

async function ownJob(tx: Prisma.TransactionClient | Db["prisma"], id: string, token: string | null): Promise<JobRow> {
  const job = /^[a-z0-9]{4,40}$/.test(id) ? await tx.importJob.findUnique({ where: { id } }) : null;
  if (!job) throw new AppError("not_found", `No import job ${id}; it may have finished and been removed.`);
  if (!token) throw new AppError("unauthorized", "The import token is required: send Authorization: Bearer <import token>.");
  if (!tokenMatches(token, job.tokenHash)) throw new AppError("forbidden", "This token does not belong to this import.");
  return job;
}

export async function getImportJob(db: Db, id: string, token: string | null): Promise<ImportJobStatus> {
  return toStatus(await ownJob(db.prisma, id, token));
}

/** A Db whose Prisma calls run inside `tx`, so createVms joins our transaction instead of opening its own. */
function withinTransaction(db: Db, tx: Prisma.TransactionClient): Db {
  const prisma = new Proxy(tx, {
    get(target, key, receiver) {
      if (key === "$transaction") return (fn: (t: Prisma.TransactionClient) => Promise<unknown>) => fn(target);
      return Reflect.get(target, key, receiver);
    },
  }) as unknown as Db["prisma"];
  return { ...db, prisma };
}

/**
 * Publishes the next pending batch. `hooks.afterCreate` runs inside the
 * transaction after the VMs are written and before progress is recorded;
 * tests throw there to simulate a crash midway.
 */
export async function runNextBatch(
  db: Db,
  id: string,
  token: string | null,
  hooks: { afterCreate?: () => void | Promise<void> } = {},
): Promise<BatchResult> {
  const first = await ownJob(db.prisma, id, token);
  if (first.batchesDone >= first.batchCount) return { job: toStatus(first), created: [], duplicates: 0 };
  let created: Created[] = [];
  let duplicates = 0;
  await db.prisma.$transaction(async (tx) => {
    const job = await ownJob(tx, id, token);
    const position = job.batchesDone;
    const batch = await tx.importBatch.findUnique({ where: { jobId_position: { jobId: id, position } } });
    if (!batch) throw new AppError("internal", `Import ${id} lost batch ${position + 1}.`);
    const items = (batch.items as unknown as unknown[]).map((i) => contributionSchema.parse(i));
    const prints = items.map((c) => fingerprint(c.vm, c.identityKey));
    const existing = new Set(
      (await tx.vm.findMany({ where: { fingerprint: { in: prints }, status: "published" }, select: { fingerprint: true } }))
        .map((v) => v.fingerprint),
    );
    const fresh = items.filter((_, i) => !existing.has(prints[i]));
    duplicates = items.length - fresh.length;
    created = fresh.length ? await createVms(withinTransaction(db, tx), fresh.map((c) => ({ contribution: c })), { editTokens: true }) : [];
    await hooks.afterCreate?.();
    // Guarded by the position we read: two tabs driving one job cannot both publish a batch.
    const done = position + 1 >= job.batchCount;
    const n = await tx.importJob.updateMany({
      where: { id, batchesDone: position },
      data: {
        batchesDone: position + 1,
        imported: { increment: created.length },
        duplicates: { increment: duplicates },
        status: done ? "done" : "pending",
      },
    });
    if (n.count !== 1) throw new AppError("conflict", "This batch was imported by another request; reload the progress.");
    await tx.importBatch.delete({ where: { jobId_position: { jobId: id, position } } });
  }, { timeout: 300_000, maxWait: 60_000 });
  return { job: await getImportJob(db, id, token), created, duplicates };
}

/** Abandons an import: the batches not yet published are discarded; published VMs stay. */
export async function cancelImportJob(db: Db, id: string, token: string | null): Promise<void> {
  await ownJob(db.prisma, id, token);
  await db.prisma.importJob.delete({ where: { id } });
}

/** Removes finished or abandoned jobs older than `maxAgeMs` (their staged data included). */
export async function purgeImportJobs(db: Db, maxAgeMs = 7 * 24 * 3600 * 1000): Promise<number> {
  const { count } = await db.prisma.importJob.deleteMany({ where: { updatedAt: { lt: new Date(Date.now() - maxAgeMs) } } });
  return count;
}

import "server-only";
import type { ImportJobStatus } from "@/lib/contribute/import-job";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dedupFingerprint } from "@/lib/vm/publishable";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import { runExclusive } from "./advisory-lock";
import type { Db } from "./client";
import { hashToken, newEditToken, newId, tokenMatches } from "./ids";
import { deriveEditToken, REQUEST_ID } from "./import-links";
import { createVms, type Created } from "./vms";
import type { SqlDriver } from "./migrate";

/**
 * Resumable bulk imports. The contributions, already in their publishable
 * (redacted) shape, are staged in batches;
 * each batch is published in ONE transaction together with the job's progress
 * counter, so a crash either leaves the batch entirely published and counted
 * or entirely unpublished and still pending: resuming never duplicates or
 * loses a VM. Each committed batch is recorded (import_result) with the
 * request id that published it, so a retried request gets the same batch
 * back instead of the next one, and the edit links of every committed batch
 * can be derived again from the job token (lib/db/import-links.ts).
 */
export const DEFAULT_BATCH_SIZE = 250;
export const MAX_IMPORT_VMS = 10_000;


export interface BatchResult {
  job: ImportJobStatus;
  created: Created[];
  /** VMs of this batch already published before (same configuration and identity): skipped. */
  duplicates: number;
  /** The batch had been committed by an earlier request with the same request id; nothing was written now. */
  replayed: boolean;
}

/** A committed batch's VMs with their (re-derived) edit tokens. */
export interface ImportLinks {
  job: ImportJobStatus;
  batches: { position: number; duplicates: number; created: Created[] }[];
}

type JobRow = {
  id: string; status: string; total: number; batchSize: number; batchCount: number;
  batchesDone: number; imported: number; duplicates: number; tokenHash: string; publicId: string | null;
};

function toStatus(j: JobRow): ImportJobStatus {
  return {
    id: j.id, status: j.status === "done" ? "done" : "pending", total: j.total, batchSize: j.batchSize,
    batchCount: j.batchCount, batchesDone: j.batchesDone, imported: j.imported, duplicates: j.duplicates,
    publicId: j.publicId ?? null,
  };
}

/**
 * Stages contributions as they are given: callers pass publishable rows
 * (lib/contribute/publish.ts stageImportJob redacts them through lib/vm's
 * toPublishable()), so nothing identifying enters the job tables.
 */
export async function createImportJob(
  db: Db,
  items: Contribution[],
  opts: { batchSize?: number } = {},
): Promise<{ job: ImportJobStatus; token: string }> {
  if (items.length === 0) throw new AppError("validation_error", "Nothing to import: no VM has an application tag.");
  if (items.length > MAX_IMPORT_VMS) {
    throw new AppError("too_large", `At most ${MAX_IMPORT_VMS.toLocaleString("en-US")} VMs per import; this one has ${items.length}.`);
  }
  const size = Math.max(1, Math.min(opts.batchSize ?? DEFAULT_BATCH_SIZE, 1000));
  const batches: Contribution[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  const id = newId(16);
  const token = newEditToken();
  await db.prisma.$transaction(async (tx) => {
    await tx.importJob.create({
      data: { id, tokenHash: hashToken(token), publicId: newId(16), total: items.length, batchSize: size, batchCount: batches.length },
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
  // createVms writes through the SQL driver's own transaction (sql-tx.ts): inside ours, that is `tx` too,
  // or the batch would wait for the database's only connection (PGlite) and not be one atomic unit.
  const inTx: SqlDriver = {
    exec: async (sql) => {
      await tx.$executeRawUnsafe(sql);
    },
    query: async <T,>(sql: string, params: unknown[] = []) => (await tx.$queryRawUnsafe(sql, ...params)) as T[],
    transaction: (fn) => fn(inTx),
  };
  return { ...db, prisma, sql: inTx };
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
  opts: { requestId?: string | null; afterCreate?: () => void | Promise<void> } = {},
): Promise<BatchResult> {
  const requestId = opts.requestId ?? null;
  if (requestId !== null && !REQUEST_ID.test(requestId)) {
    throw new AppError("validation_error", "The request id must be 8 to 128 letters, digits or . _ : -", { field: "requestId" });
  }
  const first = await ownJob(db.prisma, id, token);
  const replay = async () => {
    const prior = requestId ? await db.prisma.importResult.findUnique({ where: { jobId_requestId: { jobId: id, requestId } } }) : null;
    if (!prior) return null;
    return {
      job: await getImportJob(db, id, token),
      created: prior.vmIds.map((vmId, i) => ({ id: vmId, editToken: deriveEditToken(token!, id, prior.position, i) })),
      duplicates: prior.duplicates,
      replayed: true,
    } satisfies BatchResult;
  };
  const earlier = await replay();
  if (earlier) return earlier;
  if (first.batchesDone >= first.batchCount) return { job: toStatus(first), created: [], duplicates: 0, replayed: false };
  let created: Created[] = [];
  let duplicates = 0;
  try {
    await publishBatch();
  } catch (e) {
    // The same request id may have won meanwhile (a retry racing its original): answer as it did.
    const won = await replay().catch(() => null);
    if (won) return won;
    throw e;
  }
  return { job: await getImportJob(db, id, token), created, duplicates, replayed: false };

  async function publishBatch() {
    await db.prisma.$transaction(async (tx) => {
      const job = await ownJob(tx, id, token);
      const position = job.batchesDone;
      const batch = await tx.importBatch.findUnique({ where: { jobId_position: { jobId: id, position } } });
      if (!batch) throw new AppError("internal", `Import ${id} lost batch ${position + 1}.`);
      const items = (batch.items as unknown as unknown[]).map((i) => contributionSchema.parse(i));
      const prints = items.map(dedupFingerprint);
      const existing = new Set(
        (await tx.vm.findMany({ where: { fingerprint: { in: prints }, status: "published" }, select: { fingerprint: true } }))
          .map((v) => v.fingerprint),
      );
      const fresh = items.filter((_, i) => !existing.has(prints[i]));
      duplicates = items.length - fresh.length;
      created = fresh.length
        ? await createVms(withinTransaction(db, tx), fresh.map((c) => ({ contribution: c })), {
            editTokens: (i) => deriveEditToken(token!, id, position, i),
            claimFingerprints: true,
          })
        : [];
      if (job.publicId && created.length) await markImported(tx, job.publicId, created.map((c) => c.id));
      await tx.importResult.create({ data: { jobId: id, position, requestId, vmIds: created.map((c) => c.id), duplicates } });
      await opts.afterCreate?.();
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
  }
}

/**
 * Records which import published the VMs. Raw SQL on purpose: an ORM update would stamp updated_at with
 * the exact time, and VMs of one import must not share a telling timestamp (they keep the day only).
 */
async function markImported(tx: Prisma.TransactionClient, publicId: string, vmIds: string[]): Promise<void> {
  await tx.$executeRawUnsafe(`UPDATE vm SET import_ref = $1 WHERE id = ANY($2::text[])`, publicId, vmIds);
}

/**
 * The edit links of every batch committed so far, re-derived from the job
 * token: a lost response, a closed tab or a lost CSV loses no link while the
 * job is kept (a week after its last activity).
 */
export async function importLinks(db: Db, id: string, token: string | null): Promise<ImportLinks> {
  const job = await ownJob(db.prisma, id, token);
  const results = await db.prisma.importResult.findMany({ where: { jobId: id }, orderBy: { position: "asc" } });
  return {
    job: toStatus(job),
    batches: results.map((r) => ({
      position: r.position,
      duplicates: r.duplicates,
      created: r.vmIds.map((vmId, i) => ({ id: vmId, editToken: deriveEditToken(token!, id, r.position, i) })),
    })),
  };
}

/** Abandons an import: the batches not yet published are discarded; published VMs stay. */
export async function cancelImportJob(db: Db, id: string, token: string | null): Promise<void> {
  await ownJob(db.prisma, id, token);
  await db.prisma.importJob.delete({ where: { id } });
}

/**
 * Removes finished or abandoned jobs older than `maxAgeMs` (their staged data included). One process
 * at a time across the database: while another one purges, this call does nothing (null).
 */
export async function purgeImportJobs(db: Db, maxAgeMs = 7 * 24 * 3600 * 1000): Promise<number | null> {
  const r = await runExclusive(db, "purge-import-jobs", async () => {
    const { count } = await db.prisma.importJob.deleteMany({ where: { updatedAt: { lt: new Date(Date.now() - maxAgeMs) } } });
    return count;
  });
  return r.ran ? r.value : null;
}

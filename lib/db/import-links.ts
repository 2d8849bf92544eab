import "server-only";
import crypto from "node:crypto";

/**
 * Edit tokens of bulk-imported VMs are derived, not random: each is an
 * HMAC-SHA-256 of (job id, batch position, index within the batch) keyed by
 * the job's secret token. The server keeps only hashes — of the job token
 * and of each edit token, as for any VM — so it cannot produce a link by
 * itself; but whoever holds the job token can ask for the links of every
 * committed batch again, and a request whose answer was lost can be replayed.
 * The edit tokens are exactly as unguessable as the job token, which already
 * gave its holder every link.
 */
export function deriveEditToken(jobToken: string, jobId: string, position: number, index: number): string {
  return crypto
    .createHmac("sha256", jobToken)
    .update(`vmcompare import edit token\0${jobId}\0${position}\0${index}`)
    .digest("base64url");
}

/** A client-chosen id that makes a retried `next` call return the same batch. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

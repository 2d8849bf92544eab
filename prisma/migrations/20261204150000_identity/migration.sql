-- Honest identities (issue 14): an atomic duplicate claim, expiring rate-limit rows,
-- re-derivable bulk-import edit links, and publication times to the day.

-- AlterTable
ALTER TABLE "vm" ADD COLUMN     "dedup_key" TEXT;

-- CreateTable
CREATE TABLE "import_result" (
    "job_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "request_id" TEXT,
    "vm_ids" TEXT[],
    "duplicates" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "import_result_pkey" PRIMARY KEY ("job_id","position")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_result_job_id_request_id_key" ON "import_result"("job_id", "request_id");

-- CreateIndex
CREATE UNIQUE INDEX "vm_dedup_key_key" ON "vm"("dedup_key");

-- CreateIndex
CREATE INDEX "rate_limit_reset_at_idx" ON "rate_limit"("reset_at");

-- AddForeignKey
ALTER TABLE "import_result" ADD CONSTRAINT "import_result_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Existing contributions claim their fingerprint: the oldest published one of
-- each (demo and estate VMs, which have no edit token, stay unclaimed).
UPDATE "vm" SET "dedup_key" = "fingerprint"
WHERE "id" IN (
  SELECT DISTINCT ON ("fingerprint") "id" FROM "vm"
  WHERE "status" = 'published' AND NOT "is_demo" AND "edit_token_hash" IS NOT NULL
  ORDER BY "fingerprint", "created_at", "id"
);

-- Publication times are kept to the day only (see lib/db/vms.ts startOfUtcDay).
UPDATE "vm" SET "created_at" = date_trunc('day', "created_at"), "updated_at" = date_trunc('day', "updated_at")
WHERE "created_at" <> date_trunc('day', "created_at") OR "updated_at" <> date_trunc('day', "updated_at");

-- CreateTable
CREATE TABLE "import_job" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "total" INTEGER NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "batch_count" INTEGER NOT NULL,
    "batches_done" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "import_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_batch" (
    "job_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "items" JSONB NOT NULL,

    CONSTRAINT "import_batch_pkey" PRIMARY KEY ("job_id","position")
);

-- AddForeignKey
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;


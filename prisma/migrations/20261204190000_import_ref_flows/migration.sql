-- AlterTable
ALTER TABLE "vm" ADD COLUMN     "import_ref" TEXT;

-- AlterTable
ALTER TABLE "import_job" ADD COLUMN     "public_id" TEXT;

-- CreateIndex
CREATE INDEX "vm_import_ref_idx" ON "vm"("import_ref");

-- CreateIndex
CREATE UNIQUE INDEX "import_job_public_id_key" ON "import_job"("public_id");


-- Estates: named sets of imported VMs under one edit link, with import history.
-- Written by hand to match schema.prisma (models Estate, EstateImport, EstateMember).

-- CreateTable
CREATE TABLE "estate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "edit_token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "estate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "estate_import" (
    "id" TEXT NOT NULL,
    "estate_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "totals" JSONB NOT NULL,
    "summary" JSONB NOT NULL,

    CONSTRAINT "estate_import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "estate_member" (
    "estate_id" TEXT NOT NULL,
    "match_key" TEXT NOT NULL,
    "vm_id" TEXT,
    "config" JSONB NOT NULL,
    "import_id" TEXT NOT NULL,

    CONSTRAINT "estate_member_pkey" PRIMARY KEY ("estate_id","match_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "estate_import_estate_id_seq_key" ON "estate_import"("estate_id", "seq");

-- CreateIndex
CREATE INDEX "estate_member_vm_id_idx" ON "estate_member"("vm_id");

-- CreateIndex
CREATE INDEX "estate_member_import_id_idx" ON "estate_member"("import_id");

-- AddForeignKey
ALTER TABLE "estate_import" ADD CONSTRAINT "estate_import_estate_id_fkey" FOREIGN KEY ("estate_id") REFERENCES "estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estate_member" ADD CONSTRAINT "estate_member_estate_id_fkey" FOREIGN KEY ("estate_id") REFERENCES "estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estate_member" ADD CONSTRAINT "estate_member_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "estate_member" ADD CONSTRAINT "estate_member_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "estate_import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

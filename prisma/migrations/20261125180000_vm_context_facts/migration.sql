-- Environment, industry and organization size are browse filters: keep them
-- on vm itself (copied from vm_context on every write) so that filtering and
-- sorting use one table's indexes instead of a join.
ALTER TABLE "vm" ADD COLUMN "environment" "Environment";
ALTER TABLE "vm" ADD COLUMN "industry" TEXT;
ALTER TABLE "vm" ADD COLUMN "organization_size" TEXT;
UPDATE "vm" SET "environment" = c."environment", "industry" = c."industry", "organization_size" = c."organization_size"
  FROM "vm_context" c WHERE c."vm_id" = "vm"."id";
CREATE INDEX "vm_status_environment_memory_mib_id_idx" ON "vm"("status", "environment", "memory_mib", "id");
CREATE INDEX "vm_status_industry_id_idx" ON "vm"("status", "industry", "id");
CREATE INDEX "vm_status_organization_size_id_idx" ON "vm"("status", "organization_size", "id");

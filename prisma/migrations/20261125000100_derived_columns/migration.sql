-- Derived columns for the browse table and API: computed by the database,
-- indexed like the stored ones, so filtering and sorting on them costs the same.
-- (Not declared in schema.prisma: Prisma has no generated columns; raw SQL reads them.)
ALTER TABLE "vm" ADD COLUMN "memory_per_vcpu_gib" DOUBLE PRECISION GENERATED ALWAYS AS (round(("memory_mib"::numeric / 1024 / "vcpus"), 3)::double precision) STORED;
ALTER TABLE "vm" ADD COLUMN "sockets" INTEGER GENERATED ALWAYS AS (CASE WHEN "cores_per_socket" > 0 THEN ceil("vcpus"::numeric / "cores_per_socket")::integer END) STORED;
CREATE INDEX "vm_status_memory_per_vcpu_gib_id_idx" ON "vm" ("status", "memory_per_vcpu_gib", "id");
CREATE INDEX "vm_status_sockets_id_idx" ON "vm" ("status", "sockets", "id");
CREATE INDEX "vm_status_cores_per_socket_id_idx" ON "vm" ("status", "cores_per_socket", "id");
CREATE INDEX "vm_status_disk_count_id_idx" ON "vm" ("status", "disk_count", "id");
CREATE INDEX "vm_status_nic_count_id_idx" ON "vm" ("status", "nic_count", "id");
CREATE INDEX "vm_status_primary_app_id_idx" ON "vm" ("status", "primary_app", "id");

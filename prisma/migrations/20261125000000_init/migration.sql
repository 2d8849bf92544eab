-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "VmStatus" AS ENUM ('published', 'hidden');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('production', 'test', 'development');

-- CreateTable
CREATE TABLE "vm" (
    "id" TEXT NOT NULL,
    "status" "VmStatus" NOT NULL DEFAULT 'published',
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "source_format" TEXT NOT NULL,
    "vcpus" INTEGER NOT NULL,
    "cores_per_socket" INTEGER,
    "memory_mib" INTEGER NOT NULL,
    "total_disk_gib" DOUBLE PRECISION NOT NULL,
    "disk_count" INTEGER NOT NULL,
    "nic_count" INTEGER NOT NULL,
    "guest_os_id" TEXT,
    "guest_family" TEXT,
    "guest_os_name" TEXT,
    "hypervisor_vendor" TEXT,
    "hypervisor_product" TEXT,
    "hypervisor_version" TEXT,
    "hardware_version" TEXT,
    "firmware" TEXT,
    "primary_app" TEXT,
    "primary_app_version" TEXT,
    "nic_models" TEXT[],
    "fingerprint" TEXT NOT NULL,
    "edit_token_hash" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "vm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vm_disk" (
    "vm_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "size_gib" DOUBLE PRECISION,
    "bus" TEXT,
    "provisioning" TEXT,

    CONSTRAINT "vm_disk_pkey" PRIMARY KEY ("vm_id","position")
);

-- CreateTable
CREATE TABLE "vm_nic" (
    "vm_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "model" TEXT,
    "network" TEXT,

    CONSTRAINT "vm_nic_pkey" PRIMARY KEY ("vm_id","position")
);

-- CreateTable
CREATE TABLE "application" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "aliases" TEXT[],
    "vendor" TEXT,
    "description" TEXT,
    "is_gateway" BOOLEAN NOT NULL DEFAULT false,
    "is_suggestion" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "application_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "vm_tag" (
    "vm_id" TEXT NOT NULL,
    "app_slug" TEXT NOT NULL,
    "version" TEXT,
    "primary" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "vm_tag_pkey" PRIMARY KEY ("vm_id","app_slug")
);

-- CreateTable
CREATE TABLE "vm_context" (
    "vm_id" TEXT NOT NULL,
    "environment" "Environment",
    "industry" TEXT,
    "organization_size" TEXT,
    "host_vendor" TEXT,
    "host_model" TEXT,
    "host_cpu_model" TEXT,
    "datastore_type" TEXT,
    "datastore_version" TEXT,
    "datastore_block_size_mb" INTEGER,
    "cpu_avg_pct" DOUBLE PRECISION,
    "cpu_peak_pct" DOUBLE PRECISION,
    "memory_pct" DOUBLE PRECISION,
    "network_roles" TEXT[],

    CONSTRAINT "vm_context_pkey" PRIMARY KEY ("vm_id")
);

-- CreateTable
CREATE TABLE "peer_stats" (
    "key" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "stats" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "peer_stats_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "report" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "is_private" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "vm_status_memory_mib_id_idx" ON "vm"("status", "memory_mib", "id");

-- CreateIndex
CREATE INDEX "vm_status_vcpus_id_idx" ON "vm"("status", "vcpus", "id");

-- CreateIndex
CREATE INDEX "vm_status_total_disk_gib_id_idx" ON "vm"("status", "total_disk_gib", "id");

-- CreateIndex
CREATE INDEX "vm_status_created_at_id_idx" ON "vm"("status", "created_at", "id");

-- CreateIndex
CREATE INDEX "vm_primary_app_primary_app_version_idx" ON "vm"("primary_app", "primary_app_version");

-- CreateIndex
CREATE INDEX "vm_guest_family_idx" ON "vm"("guest_family");

-- CreateIndex
CREATE INDEX "vm_hypervisor_vendor_hypervisor_product_hypervisor_version_idx" ON "vm"("hypervisor_vendor", "hypervisor_product", "hypervisor_version");

-- CreateIndex
CREATE INDEX "vm_fingerprint_idx" ON "vm"("fingerprint");

-- CreateIndex
CREATE INDEX "vm_is_demo_idx" ON "vm"("is_demo");

-- CreateIndex
CREATE INDEX "vm_tag_app_slug_version_idx" ON "vm_tag"("app_slug", "version");

-- CreateIndex
CREATE INDEX "vm_context_environment_idx" ON "vm_context"("environment");

-- CreateIndex
CREATE INDEX "vm_context_industry_idx" ON "vm_context"("industry");

-- CreateIndex
CREATE INDEX "vm_context_organization_size_idx" ON "vm_context"("organization_size");

-- AddForeignKey
ALTER TABLE "vm_disk" ADD CONSTRAINT "vm_disk_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vm_nic" ADD CONSTRAINT "vm_nic_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vm_tag" ADD CONSTRAINT "vm_tag_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vm_tag" ADD CONSTRAINT "vm_tag_app_slug_fkey" FOREIGN KEY ("app_slug") REFERENCES "application"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vm_context" ADD CONSTRAINT "vm_context_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;


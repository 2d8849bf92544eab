-- Every sortable browse column has an index that serves both directions of
-- its ORDER BY (see orderBySql in lib/browse/query.ts): NOT NULL columns sort
-- with the default null order (one index, scanned either way); nullable ones
-- sort NULLS LAST both ways, which needs a second, descending index.
CREATE INDEX "vm_status_guest_os_name_id_idx" ON "vm"("status", "guest_os_name", "id");
CREATE INDEX "vm_status_hypervisor_product_id_idx" ON "vm"("status", "hypervisor_product", "id");
CREATE INDEX "vm_status_hardware_version_id_idx" ON "vm"("status", "hardware_version", "id");
CREATE INDEX "vm_status_firmware_id_idx" ON "vm"("status", "firmware", "id");
CREATE INDEX "vm_status_source_format_id_idx" ON "vm"("status", "source_format", "id");
CREATE INDEX "vm_sort_primary_app_desc_idx" ON "vm"("status", "primary_app" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_guest_os_name_desc_idx" ON "vm"("status", "guest_os_name" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_hypervisor_product_desc_idx" ON "vm"("status", "hypervisor_product" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_hardware_version_desc_idx" ON "vm"("status", "hardware_version" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_cores_per_socket_desc_idx" ON "vm"("status", "cores_per_socket" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_sockets_desc_idx" ON "vm"("status", "sockets" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_firmware_desc_idx" ON "vm"("status", "firmware" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_industry_desc_idx" ON "vm"("status", "industry" DESC NULLS LAST, "id" DESC);
CREATE INDEX "vm_sort_organization_size_desc_idx" ON "vm"("status", "organization_size" DESC NULLS LAST, "id" DESC);

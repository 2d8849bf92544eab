-- Indexes for the comparison's bounded reads within a peer group (lib/db/compare.ts):
-- the scatter sample (group, then id order) and the similarity candidates
-- (group, then memory and vCPUs), for each peer rule: application with version,
-- application, guest OS family, and all VMs.
CREATE INDEX "vm_peer_app_mem_idx" ON "vm"("status", "primary_app", "memory_mib", "vcpus", "id");
CREATE INDEX "vm_peer_appv_mem_idx" ON "vm"("status", "primary_app", lower("primary_app_version"), "memory_mib", "vcpus", "id");
CREATE INDEX "vm_peer_appv_id_idx" ON "vm"("status", "primary_app", lower("primary_app_version"), "id");
CREATE INDEX "vm_peer_family_mem_idx" ON "vm"("status", "guest_family", "memory_mib", "vcpus", "id");
CREATE INDEX "vm_peer_family_id_idx" ON "vm"("status", "guest_family", "id");
CREATE INDEX "vm_peer_mem_idx" ON "vm"("status", "memory_mib", "vcpus", "id");

-- Moderation (issue 18 §3): visitors' reports of VMs, the moderators' audit log, and proposed
-- application names kept out of every shared view until a moderator approves them.
-- A proposed name is an application row with is_suggestion = true; approving it sets it to false.
CREATE TABLE "vm_report" (
    "id" TEXT NOT NULL,
    "vm_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "vm_report_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "moderation_audit" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "moderation_audit_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "vm_report_resolved_at_created_at_idx" ON "vm_report"("resolved_at", "created_at");
CREATE INDEX "vm_report_vm_id_idx" ON "vm_report"("vm_id");
CREATE INDEX "moderation_audit_at_idx" ON "moderation_audit"("at");

ALTER TABLE "vm_report" ADD CONSTRAINT "vm_report_vm_id_fkey" FOREIGN KEY ("vm_id") REFERENCES "vm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Free-text search (migration 20261204183000_table_search) leaves proposed names out: a VM is not
-- found by a name no moderator has approved.
CREATE OR REPLACE FUNCTION vm_search_document(p_vm vm) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('simple', concat_ws(' ',
    p_vm.primary_app, p_vm.primary_app_version,
    (SELECT a.name || ' ' || array_to_string(a.aliases, ' ') FROM application a WHERE a.slug = p_vm.primary_app AND NOT a.is_suggestion),
    (SELECT string_agg(concat_ws(' ', t.app_slug, t.version, a.name, array_to_string(a.aliases, ' ')), ' ')
       FROM vm_tag t JOIN application a ON a.slug = t.app_slug
      WHERE t.vm_id = p_vm.id AND t.app_slug IS DISTINCT FROM p_vm.primary_app AND NOT a.is_suggestion),
    p_vm.guest_os_name, p_vm.guest_family, p_vm.guest_os_id,
    p_vm.hypervisor_vendor, p_vm.hypervisor_product, p_vm.hypervisor_version,
    array_to_string(p_vm.nic_models, ' ')))
$$;

-- VMs whose primary application is a proposed name are grouped by no application until it is
-- approved (lib/db/moderation.ts); the server rebuilds the peer statistics at its next start.
INSERT INTO "maintenance_task" ("task")
  SELECT 'rebuild-peer-stats' WHERE EXISTS (SELECT 1 FROM "vm" v JOIN "application" a ON a."slug" = v."primary_app" WHERE a."is_suggestion")
  ON CONFLICT DO NOTHING;
UPDATE "vm" SET "primary_app" = NULL, "primary_app_version" = NULL
  WHERE "primary_app" IN (SELECT "slug" FROM "application" WHERE "is_suggestion");
UPDATE "vm" SET "search" = NULL
  WHERE "id" IN (SELECT t."vm_id" FROM "vm_tag" t JOIN "application" a ON a."slug" = t."app_slug" WHERE a."is_suggestion");

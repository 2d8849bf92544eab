-- Unknown is never zero (docs/decisions/003-unknown-versus-zero.md).
-- Until now a disk whose size the source did not give could be stored as 0,
-- and the VM's total disk was the sum of its disks with unknown sizes counted
-- as 0 (0 for a VM without disks). The total is now lib/vm/model.ts
-- totalDiskGiB: the source's stated total, else the sum when every disk's
-- size is known, else NULL.
ALTER TABLE "vm" ALTER COLUMN "total_disk_gib" DROP NOT NULL;

-- A 0 GiB disk does not exist: a stored 0 meant "not given".
UPDATE "vm_disk" SET "size_gib" = NULL WHERE "size_gib" <= 0;

-- No stored total was stated by a source (the column held the sum), so a VM
-- without disks or with any disk of unknown size has an unknown total: NULL,
-- whether the old sum was 0 or a partial sum of the known sizes.
UPDATE "vm" SET "total_disk_gib" = NULL
  WHERE "total_disk_gib" IS NOT NULL
    AND ("disk_count" = 0
      OR EXISTS (SELECT 1 FROM "vm_disk" d WHERE d."vm_id" = "vm"."id" AND d."size_gib" IS NULL));

-- The redacted configurations estates diff against hold the same zeros.
UPDATE "estate_member" SET "config" = jsonb_set("config", '{disks}', (
    SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(d -> 'sizeGiB') = 'number' AND (d ->> 'sizeGiB')::float8 <= 0
                                   THEN jsonb_set(d, '{sizeGiB}', 'null'::jsonb) ELSE d END ORDER BY i), '[]'::jsonb)
      FROM jsonb_array_elements("config" -> 'disks') WITH ORDINALITY AS t(d, i)))
  WHERE jsonb_typeof("config" -> 'disks') = 'array'
    AND EXISTS (SELECT 1 FROM jsonb_array_elements("config" -> 'disks') d
                 WHERE jsonb_typeof(d -> 'sizeGiB') = 'number' AND (d ->> 'sizeGiB')::float8 <= 0);

-- Browse sorts the total NULLS LAST both ways (lib/browse/query.ts): ascending
-- is served by vm_status_total_disk_gib_id_idx (ASC puts NULLs last), the
-- descending order needs its own index.
CREATE INDEX "vm_sort_total_disk_gib_desc_idx" ON "vm"("status", "total_disk_gib" DESC NULLS LAST, "id" DESC);

-- Work the server does at its next start (lib/db/maintenance.ts): the peer
-- statistics are frequency maps built in TypeScript, so they are rebuilt there.
CREATE TABLE "maintenance_task" (
    "task" TEXT NOT NULL,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_task_pkey" PRIMARY KEY ("task")
);
INSERT INTO "maintenance_task" ("task") VALUES ('rebuild-peer-stats') ON CONFLICT DO NOTHING;

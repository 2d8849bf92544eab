-- The site's write version (issue 18 §1): one counter that every statement changing public
-- content raises, in the same transaction, so a page or API answer cached under version N is
-- known stale by every process as soon as a write commits (lib/server/site-version.ts).
-- BEFORE STATEMENT, so a transaction locks this row before any row of the tables it changes:
-- the lock order is the same in every writer, and two writers cannot deadlock over it.
-- Not a Prisma model: only raw SQL reads it.
CREATE TABLE "site_version" (
    "id" SMALLINT NOT NULL PRIMARY KEY CHECK ("id" = 1),
    "version" BIGINT NOT NULL
);
INSERT INTO "site_version" ("id", "version") VALUES (1, 1);

CREATE FUNCTION "bump_site_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "site_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "vm_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "vm_disk_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm_disk"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "vm_nic_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm_nic"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "vm_tag_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm_tag"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "vm_context_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm_context"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "vm_utilization_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "vm_utilization"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "application_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "application"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();
CREATE TRIGGER "peer_stats_site_version" BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON "peer_stats"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_site_version"();

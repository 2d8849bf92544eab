-- Free-text search on the browse table (q=, lib/db/browse.ts): one tsvector
-- per VM over the facts people look a VM up by: its applications (every tag:
-- name, slug, aliases, version), guest OS, hypervisor and NIC models.
-- The 'simple' configuration keeps words as they are (no stemming, no stop
-- words), since these are product names and versions, not prose; a search
-- word is matched as a prefix ("win" finds Windows, "vmxnet" finds vmxnet3).
--
-- Kept by triggers rather than by the write code, so every path that writes a
-- VM or its tags (contribute, edit, bulk import, estates, scripts) keeps it
-- right without knowing it exists.
ALTER TABLE "vm" ADD COLUMN "search" tsvector;

CREATE FUNCTION vm_search_document(p_vm vm) RETURNS tsvector
LANGUAGE sql STABLE AS $$
  SELECT to_tsvector('simple', concat_ws(' ',
    p_vm.primary_app, p_vm.primary_app_version,
    (SELECT a.name || ' ' || array_to_string(a.aliases, ' ') FROM application a WHERE a.slug = p_vm.primary_app),
    (SELECT string_agg(concat_ws(' ', t.app_slug, t.version, a.name, array_to_string(a.aliases, ' ')), ' ')
       FROM vm_tag t JOIN application a ON a.slug = t.app_slug
      WHERE t.vm_id = p_vm.id AND t.app_slug IS DISTINCT FROM p_vm.primary_app),
    p_vm.guest_os_name, p_vm.guest_family, p_vm.guest_os_id,
    p_vm.hypervisor_vendor, p_vm.hypervisor_product, p_vm.hypervisor_version,
    array_to_string(p_vm.nic_models, ' ')))
$$;

CREATE FUNCTION vm_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search := vm_search_document(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER vm_search_refresh
  BEFORE INSERT OR UPDATE OF primary_app, primary_app_version, guest_os_name, guest_family, guest_os_id,
    hypervisor_vendor, hypervisor_product, hypervisor_version, nic_models, search
  ON vm FOR EACH ROW EXECUTE FUNCTION vm_search_refresh();

-- Tags are written after their VM (and replaced on edit): one UPDATE per
-- statement re-reads the tags of every VM the statement touched.
CREATE FUNCTION vm_tag_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE vm SET search = NULL WHERE id IN (SELECT DISTINCT vm_id FROM old_tags);
  ELSE
    UPDATE vm SET search = NULL WHERE id IN (SELECT DISTINCT vm_id FROM new_tags);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER vm_tag_search_insert AFTER INSERT ON vm_tag
  REFERENCING NEW TABLE AS new_tags FOR EACH STATEMENT EXECUTE FUNCTION vm_tag_search_refresh();
CREATE TRIGGER vm_tag_search_update AFTER UPDATE ON vm_tag
  REFERENCING NEW TABLE AS new_tags FOR EACH STATEMENT EXECUTE FUNCTION vm_tag_search_refresh();
CREATE TRIGGER vm_tag_search_delete AFTER DELETE ON vm_tag
  REFERENCING OLD TABLE AS old_tags FOR EACH STATEMENT EXECUTE FUNCTION vm_tag_search_refresh();

UPDATE "vm" SET "search" = NULL;

CREATE INDEX "vm_search_idx" ON "vm" USING GIN ("search");

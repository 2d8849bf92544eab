-- Plausibility flags (lib/vm/plausibility.ts): the reasons an implausible VM was stored with, and when a
-- moderator confirmed it; an unconfirmed implausible VM is left out of the peer statistics. VMs stored
-- before this migration are checked by `npm run db:plausibility -- recheck`.
-- defaulted: fields a parser filled with a platform default because the source was silent.
ALTER TABLE "vm" ADD COLUMN     "defaulted" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "implausible_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "plausibility_confirmed_at" TIMESTAMP(3);

-- The published VMs the "all" peer group leaves out (lib/db/browse.ts adds them to the unfiltered total):
-- the predicate is PEER_COUNTED_SQL of lib/db/peer-stats.ts, negated, word for word.
CREATE INDEX "vm_unconfirmed_implausible_idx" ON "vm"("id")
  WHERE status = 'published' AND NOT (coalesce(cardinality(implausible_reasons), 0) = 0 OR plausibility_confirmed_at IS NOT NULL);

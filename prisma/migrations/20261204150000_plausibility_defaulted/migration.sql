-- Plausibility flags (lib/vm/plausibility.ts): the reasons an implausible VM was stored with, and when a
-- moderator confirmed it; an unconfirmed implausible VM is left out of the peer statistics. VMs stored
-- before this migration are checked by `npm run db:plausibility -- recheck`.
-- defaulted: fields a parser filled with a platform default because the source was silent.
ALTER TABLE "vm" ADD COLUMN     "defaulted" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "implausible_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "plausibility_confirmed_at" TIMESTAMP(3);

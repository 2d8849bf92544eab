import { describe, it } from "vitest";
import { useRouteTestDatabase } from "@/lib/api/route-test-db";
import { duplicateRaceSuite } from "./duplicate-race";

const url = process.env.TEST_DATABASE_URL;
if (!url && process.env.CI) throw new Error("TEST_DATABASE_URL must be set in CI: the PostgreSQL tests may not be skipped");
if (url) {
  const database = useRouteTestDatabase("dup-race", { postgres: url });
  duplicateRaceSuite("PostgreSQL", database, () => import("./route"));
} else {
  describe("identical concurrent publishes on PostgreSQL", () => {
    it.skip("needs TEST_DATABASE_URL", () => {});
  });
}

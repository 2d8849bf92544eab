import { afterAll, beforeAll } from "vitest";
import type { Db } from "../client";
import type { TestTarget } from "../test-targets";
import { syncTaxonomy } from "../vms";

/**
 * Opens `target` before the suite's tests, with the taxonomy synced, hands the
 * handle to `use`, and disposes of the database after them.
 */
export function useTestDatabase(target: TestTarget, use: (db: Db) => void): void {
  beforeAll(async () => {
    const db = await target.open();
    await syncTaxonomy(db);
    use(db);
  });
  afterAll(() => target.dispose());
}

/** `npm run db:migrate`: applies pending migrations (the server also does this at start). */
import { closeDb, getDb } from "../lib/db/client";
import { appliedMigrations, runPendingMaintenance } from "../lib/db/maintenance";
import { runScript } from "./run-script";

runScript(async () => {
  const db = await getDb();
  const applied = await appliedMigrations(db);
  await runPendingMaintenance(db, (line) => console.log(line));
  console.log(`${db.kind} database is at ${applied.at(-1) ?? "no migration"} (${applied.length} applied)`);
  await closeDb();
});

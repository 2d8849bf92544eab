/** `npm run db:migrate`: applies pending migrations (the server also does this at start). */
import { closeDb, getDb } from "../lib/db/client";
import { runPendingMaintenance } from "../lib/db/maintenance";
import { runScript } from "./run-script";

runScript(async () => {
  const db = await getDb();
  const rows = await db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  await runPendingMaintenance(db, (line) => console.log(line));
  console.log(`${db.kind} database is at ${rows.at(-1)?.migration_name ?? "no migration"} (${rows.length} applied)`);
  await closeDb();
});

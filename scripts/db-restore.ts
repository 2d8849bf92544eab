/**
 * `npm run db:restore -- <file>`: replaces the embedded database folder
 * (DATABASE_URL=pglite:<folder>, default ./data) with a backup made by
 * `npm run db:backup`. Refused while a server has the folder open; the
 * folder's previous contents are kept in <folder>/before-restore-<time>/.
 * PostgreSQL: pg_restore (docs/deploy.md).
 */
import { restoreFolder } from "../lib/db/backup";
import { env } from "../lib/env";
import { AppError } from "../lib/errors/app-error";
import { runScript } from "./run-script";

runScript(async () => {
  const files = process.argv.slice(2);
  if (files.length !== 1 || files[0].startsWith("-")) throw new AppError("validation_error", "usage: npm run db:restore -- <backup file>");
  const db = env().database;
  if (db.kind !== "pglite") {
    throw new AppError("validation_error", "DATABASE_URL is a PostgreSQL server: restore it with pg_restore (docs/deploy.md, \"Backups\").");
  }
  const r = await restoreFolder(files[0], db.dir);
  console.log(`restored ${files[0]} (taken ${r.manifest.createdAt}) into ${r.dir}: ${r.vms} published VMs`);
  if (r.previous) console.log(`the previous database is kept in ${r.previous}; delete it once the restored site looks right`);
  console.log("start the server (npm start): it applies any newer migrations");
});

/**
 * `npm run db:backup -- <file> [--force]`: a consistent copy of the embedded
 * database folder (DATABASE_URL=pglite:<folder>, default ./data), taken
 * while the server runs (it is asked over the folder's socket) or, with no
 * server, from the folder itself. PostgreSQL: pg_dump (docs/deploy.md).
 */
import { backupFolder } from "../lib/db/backup";
import { env } from "../lib/env";
import { AppError } from "../lib/errors/app-error";
import { runScript } from "./run-script";

runScript(async () => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0].startsWith("-")) {
    throw new AppError("validation_error", "usage: npm run db:backup -- <backup file> [--force]   (e.g. backups/vmcompare-$(date +%F).tar.gz)");
  }
  const db = env().database;
  if (db.kind !== "pglite") {
    throw new AppError("validation_error", "DATABASE_URL is a PostgreSQL server: back it up with pg_dump (docs/deploy.md, \"Backups\").");
  }
  const t = Date.now();
  const r = await backupFolder(db.dir, files[0], { overwrite: force });
  const how = r.via === "server" ? "from the running server" : "from the folder (no server running)";
  console.log(`backup of ${db.dir} written to ${r.file} (${(r.bytes / 1048576).toFixed(1)} MiB, ${how}, ${((Date.now() - t) / 1000).toFixed(1)} s)`);
});

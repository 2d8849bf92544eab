import "server-only";
import { env, EnvError, requireFingerprintSecret } from "@/lib/env";
import { runExclusive } from "@/lib/db/advisory-lock";
import { getDb, getReplicaDb } from "@/lib/db/client";
import { runPendingMaintenance } from "@/lib/db/maintenance";
import { seedDemo } from "@/lib/demo/seed";
import { countVms, syncTaxonomy } from "@/lib/db/vms";
import { isAppError } from "@/lib/errors/app-error";
import { publishSiteVersionReader, readSiteVersion } from "./site-version";

/**
 * Runs once when the server starts: checks the environment, opens (and
 * migrates) the database, and seeds demo data into an empty database unless
 * DEMO_DATA=off. A problem stops the server with a message that says why.
 *
 * Several processes may start at once on one PostgreSQL database (WORKERS,
 * several hosts): the migrations run under an advisory lock of their own
 * (lib/db/client.ts), and the rest of the first-start work under the "boot"
 * lock, so one process seeds and the others wait, then find the data there.
 */
export async function boot(): Promise<void> {
  try {
    const e = env();
    requireFingerprintSecret(e);
    const db = await getDb();
    await runExclusive(db, "boot", async () => {
      await syncTaxonomy(db);
      // Before serving: a migration may have changed values the peer statistics count.
      await runPendingMaintenance(db, (line) => console.log(line));
      const n = await countVms(db, {});
      if (n === 0 && e.DEMO_DATA === "on") {
        console.log("vmcompare: empty database, adding demo VMs (DEMO_DATA=off to skip)…");
        const t = Date.now();
        const count = await seedDemo(db, {
          count: e.DEMO_COUNT,
          onProgress: (done, total) => console.log(`vmcompare: demo data ${done}/${total}`),
        });
        console.log(`vmcompare: ${count} demo VMs added in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    }, { wait: true });
    // For the render cache of scripts/serve.ts, which runs outside the Next bundle. With a read replica
    // the version is read there: an answer is then never filed under a version newer than its data.
    const versionDb = await getReplicaDb();
    publishSiteVersionReader(() => readSiteVersion(versionDb));
    console.log(`vmcompare: ${db.kind} database ready (${await countVms(db)} published VMs)`);
  } catch (err) {
    const msg = err instanceof EnvError ? err.message : isAppError(err) ? err.describe() : (err as Error).stack ?? String(err);
    console.error(`vmcompare: cannot start.\n${msg}`);
    process.exit(1);
  }
}

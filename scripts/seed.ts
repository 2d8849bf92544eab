/** `npm run db:seed`: adds the demo VMs (DEMO_COUNT, default 5,000) to the configured database. */
import { closeDb, getDb } from "../lib/db/client";
import { seedDemo } from "../lib/demo/seed";
import { runScript } from "./run-script";

runScript(async () => {
  const db = await getDb();
  const count = Number(process.env.DEMO_COUNT ?? 5000);
  const n = await seedDemo(db, { count, onProgress: (d, t) => process.stderr.write(`\rdemo data ${d}/${t}`) });
  process.stderr.write("\n");
  console.log(`added ${n} demo VMs to the ${db.kind} database`);
  await closeDb();
});

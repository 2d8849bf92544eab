/** `npm run db:demo:delete`: removes every demo VM, keeping real contributions. */
import { closeDb, getDb } from "../lib/db/client";
import { rebuildPeerStats } from "../lib/db/peer-stats";
import { deleteDemoVms } from "../lib/db/vms";
import { runScript } from "./run-script";

runScript(async () => {
  const db = await getDb();
  const n = await deleteDemoVms(db);
  await rebuildPeerStats(db);
  console.log(`deleted ${n} demo VMs from the ${db.kind} database`);
  await closeDb();
});

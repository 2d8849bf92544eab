/**
 * `npm run db:plausibility -- list | confirm ID... | recheck`: moderation of
 * implausible VMs (lib/db/plausibility.ts) until the site has a moderator page.
 */
import { closeDb, getDb } from "../lib/db/client";
import { confirmImplausibleVm, listUnconfirmedImplausible, recheckPlausibility } from "../lib/db/plausibility";
import { runScript } from "./run-script";

const USAGE = "usage: npm run db:plausibility -- list | confirm ID [ID ...] | recheck";

runScript(async () => {
  const [command, ...ids] = process.argv.slice(2);
  if (!["list", "confirm", "recheck"].includes(command ?? "") || (command === "confirm" && ids.length === 0)) throw new Error(USAGE);
  const db = await getDb();
  try {
    if (command === "list") {
      const pending = await listUnconfirmedImplausible(db, 1000);
      if (pending.length === 0) console.log("no implausible VM awaits confirmation");
      for (const p of pending) console.log(`${p.id}  ${p.createdAt.slice(0, 10)}  ${p.reasons.join(" | ")}`);
    } else if (command === "confirm") {
      for (const id of ids) console.log(`${id}: ${(await confirmImplausibleVm(db, id)) ? "confirmed; now counted in peer statistics" : "was already confirmed"}`);
    } else {
      const r = await recheckPlausibility(db);
      console.log(`checked ${r.checked} VMs; ${r.changed} changed${r.changed ? "; peer statistics rebuilt" : ""}`);
    }
  } finally {
    await closeDb();
  }
});

/**
 * A stand-in for a running server in backup.test.ts: a separate process that
 * holds an embedded database folder open (and with it the lock and the
 * backup socket) and writes VMs one at a time on request.
 *   node --import tsx --conditions=react-server lib/db/backup-writer.test-support.ts <folder>
 * stdin "write" starts the writes, "pause" pauses them, "stop" ends them and
 * the process; stdout reports "ready N", "wrote N" after each write,
 * "paused N", "stopped N".
 */
import readline from "node:readline";
import { blankVm, type NormalizedVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import { closeDb, getDb } from "./client";
import { countVms, createVms, syncTaxonomy } from "./vms";

const dir = process.argv[2];
const target = { kind: "pglite" as const, dir };

function vm(i: number): NormalizedVm {
  return {
    ...blankVm("manual"),
    cpu: { vcpus: 2 + (i % 7), coresPerSocket: 1 },
    memoryMiB: 4096 * (1 + (i % 5)),
    firmware: i % 2 ? "efi" : "bios",
    disks: [{ sizeGiB: 40 + i, bus: "scsi", provisioning: "thin" }],
    nics: [{ model: i % 3 ? "vmxnet3" : "e1000e", network: "net-1" }],
    guestOs: { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" },
    hypervisor: { vendor: "vmware", product: "VMware ESXi", version: "7.0.3" },
    hardwareVersion: "vmx-19",
  };
}

const item = (i: number) => ({ contribution: contributionSchema.parse({ vm: vm(i), tags: [{ slug: i % 2 ? "microsoft-exchange" : "mssql", version: null, primary: true }] }) });

async function main() {
  const db = await getDb(target);
  await syncTaxonomy(db);
  let i = 0;
  await createVms(db, Array.from({ length: 30 }, () => item(i++)));
  console.log(`ready ${await countVms(db)}`);
  let writing = false;
  let stop = false;
  const lines = readline.createInterface({ input: process.stdin });
  let paused = false;
  lines.on("line", async (l) => {
    if (l === "stop") stop = true;
    if (l === "pause") paused = true;
    if (l === "pause" || l === "stop") return;
    if (l !== "write" || writing) return;
    writing = true;
    paused = false;
    while (!stop && !paused) {
      await createVms(db, [item(i++)]);
      console.log(`wrote ${await countVms(db)}`);
    }
    writing = false;
    if (paused && !stop) return void console.log(`paused ${await countVms(db)}`);
    console.log(`stopped ${await countVms(db)}`);
    await closeDb(target);
    process.exit(0);
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

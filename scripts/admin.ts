/**
 * `npm run admin -- <command>`: moderation from the command line, the same
 * actions and audit log as /admin (lib/db/moderation.ts). It opens the
 * database itself: with the embedded database, stop the server first (or use
 * /admin), since PGlite allows one process.
 */
import { adminActionSchema, REPORT_REASONS, type AdminAction, type ReportReason } from "../lib/contribute/moderation-schemas";
import { closeDb, getDb } from "../lib/db/client";
import { listAudit, listFlaggedVms, listProposedNames, runAdminAction } from "../lib/db/moderation";
import { AppError } from "../lib/errors/app-error";
import { vmLabel } from "../lib/vm/label";
import { runScript } from "./run-script";

const USAGE = `usage: npm run admin -- <command>
  names list                        proposed application names awaiting review
  names approve SLUG [--name NAME]  approve as a new application (optionally respelled)
  names merge SLUG INTO             merge into an existing application
  names reject SLUG                 remove the name from every VM
  reports list                      VMs reported by visitors or flagged as implausible
  reports dismiss VM_ID             close a VM's reports, keeping it
  vm confirm VM_ID                  its implausible numbers are real: count it in peer statistics
  vm delete VM_ID [--note TEXT]     delete a VM (peer statistics follow)
  audit [--limit N]                 the audit log, newest first`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v == null) throw new AppError("validation_error", `${name} needs a value.\n${USAGE}`);
  args.splice(i, 2);
  return v;
}

function action(group: string, verb: string, args: string[]): AdminAction | null {
  const note = option(args, "--note");
  const name = option(args, "--name");
  const raw =
    group === "names" && verb === "approve" ? { action: "name.approve", slug: args[0], name }
    : group === "names" && verb === "merge" ? { action: "name.merge", slug: args[0], into: args[1] }
    : group === "names" && verb === "reject" ? { action: "name.reject", slug: args[0] }
    : group === "reports" && verb === "dismiss" ? { action: "report.dismiss", id: args[0] }
    : group === "vm" && verb === "confirm" ? { action: "vm.confirm", id: args[0] }
    : group === "vm" && verb === "delete" ? { action: "vm.delete", id: args[0], note }
    : null;
  if (!raw) return null;
  const parsed = adminActionSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("validation_error", `${issue.path.join(".") || "arguments"}: ${issue.message}\n${USAGE}`);
  }
  return parsed.data;
}

runScript(async () => {
  const args = process.argv.slice(2);
  const [group, verb = "list", ...rest] = args;
  const limit = Number(option(rest, "--limit") ?? 50);
  const act = action(group ?? "", verb, rest);
  const known = act || (group === "names" && verb === "list") || (group === "reports" && verb === "list") || group === "audit";
  if (!known) throw new Error(USAGE);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw new Error(`--limit must be a whole number from 1 to 10000.\n${USAGE}`);
  const db = await getDb();
  try {
    if (act) {
      console.log(await runAdminAction(db, act));
    } else if (group === "names") {
      const names = await listProposedNames(db);
      if (!names.length) console.log("no proposed name awaits review");
      for (const n of names) console.log(`${n.slug}\t${JSON.stringify(n.name)}\t${n.vmCount} VM${n.vmCount === 1 ? "" : "s"}\t${n.proposedAt.slice(0, 10)}\t${n.vmIds.join(",")}`);
    } else if (group === "reports") {
      const flagged = await listFlaggedVms(db);
      if (!flagged.length) console.log("no VM is reported or flagged");
      for (const f of flagged) {
        console.log(`${f.id}\t${vmLabel(f.label)}\t${f.createdAt}`);
        for (const r of f.implausibleReasons) console.log(`  implausible: ${r}`);
        for (const r of f.reports) console.log(`  report ${r.createdAt.slice(0, 10)}: ${REPORT_REASONS[r.reason as ReportReason] ?? r.reason}${r.note ? ` — ${JSON.stringify(r.note)}` : ""}`);
      }
    } else {
      const log = await listAudit(db, limit);
      if (!log.length) console.log("the audit log is empty");
      for (const a of log) console.log(`${a.at}\t${a.actor}\t${a.action}\t${a.targetType}:${a.targetId}${a.detail ? `\t${JSON.stringify(a.detail)}` : ""}`);
    }
  } finally {
    await closeDb();
  }
});

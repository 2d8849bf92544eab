import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { isAppError } from "@/lib/errors/app-error";
import { isVsphereError } from "@/lib/agent/errors";
import { confirm, readHidden } from "@/lib/agent/prompt";
import {
  appendEditLinks, DEFAULT_LINKS_FILE, publishContributions, vmsEndpoint, type EditLinkRecord,
} from "@/lib/agent/publish";
import { describeVm } from "@/lib/agent/preview";
import { snapshotVms } from "@/lib/agent/snapshot";
import { sdkUrl } from "@/lib/agent/soap-client";
import { emptyContext, type VmContext } from "@/lib/vm/context";
import type { NormalizedVm } from "@/lib/vm/model";
import { contributionSchema, tagInputSchema, withPrimary, type TagInput } from "@/lib/vm/record";
import type { ContributionRequest } from "@/lib/contribute/api-schemas";
import { plausibilityReasons } from "@/lib/vm/plausibility";
import { toPublishable } from "@/lib/vm/publishable";
import { readArgs } from "../args";

export const USAGE =
  "usage: vmcompare snapshot --server HOST [--user USER] (--vm NAME ... | --all) [--insecure | --ca FILE] " +
  "[--out FILE] [--publish URL --tag SLUG[@VERSION] ... [--yes [--confirm-implausible]] [--links FILE]] [--timeout SECONDS] [--page-size N]\n" +
  "The password is read from VMCOMPARE_PASSWORD or asked for on the terminal; it is never taken from the command line.";

export interface SnapshotArgs {
  server: string;
  user: string | null;
  vms: string[];
  all: boolean;
  insecure: boolean;
  ca: string | null;
  out: string | null;
  publish: string | null;
  yes: boolean;
  /** With --yes: publish implausible VMs too (marked); without it they are left out. Asked interactively otherwise. */
  confirmImplausible: boolean;
  tags: TagInput[];
  links: string;
  timeoutSec: number;
  pageSize: number;
}

const OPTIONS = {
  server: { type: "string" },
  user: { type: "string" },
  vm: { type: "string", multiple: true },
  all: { type: "boolean" },
  insecure: { type: "boolean" },
  ca: { type: "string" },
  out: { type: "string" },
  publish: { type: "string" },
  tag: { type: "string", multiple: true },
  yes: { type: "boolean", short: "y" },
  "confirm-implausible": { type: "boolean" },
  links: { type: "string" },
  timeout: { type: "string" },
  "page-size": { type: "string" },
} as const;

/** Parse the command line (node:util parseArgs); returns a message for the first problem found. */
export function parseSnapshotArgs(args: string[]): SnapshotArgs | string {
  if (args.some((x) => x === "-p" || /^--password(=|$)/.test(x))) {
    return "the password is not accepted on the command line (it would end up in shell history); set VMCOMPARE_PASSWORD or type it at the prompt";
  }
  const read = readArgs(args, OPTIONS);
  if (typeof read === "string") return read;
  const v = read.values;
  const tags: TagInput[] = [];
  for (const value of v.tag ?? []) {
    const [slug, version] = value.split("@", 2);
    const t = tagInputSchema.safeParse({ slug: slug.trim().toLowerCase(), version: version?.trim() || null });
    if (!t.success) return `--tag "${value}": ${t.error.issues[0].message}`;
    tags.push(t.data);
  }
  const timeoutSec = v.timeout === undefined ? 60 : Number(v.timeout);
  if (!Number.isFinite(timeoutSec) || timeoutSec <= 0 || timeoutSec > 3600) return "--timeout needs a number of seconds between 1 and 3600";
  const pageSize = v["page-size"] === undefined ? 100 : Number(v["page-size"]);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return "--page-size needs a whole number between 1 and 1000";
  const a: SnapshotArgs = {
    server: v.server ?? "", user: v.user ?? null, vms: v.vm ?? [], all: v.all === true, insecure: v.insecure === true,
    ca: v.ca ?? null, out: v.out ?? null, publish: v.publish ?? null, yes: v.yes === true,
    confirmImplausible: v["confirm-implausible"] === true, tags, links: v.links ?? DEFAULT_LINKS_FILE, timeoutSec, pageSize,
  };
  if (!a.server) return "--server HOST is required";
  if (a.all && a.vms.length) return "give either --vm NAME ... or --all, not both";
  if (!a.all && a.vms.length === 0) return "say which VMs to read: --vm NAME (repeatable) or --all";
  if (a.insecure && a.ca) return "give either --insecure or --ca FILE, not both";
  if (!a.publish && (a.yes || a.tags.length || a.confirmImplausible)) return "--yes, --tag and --confirm-implausible only apply with --publish URL";
  if (a.publish && a.tags.length === 0) return "--publish needs at least one --tag SLUG[@VERSION] naming the application the VMs run";
  a.tags = withPrimary(a.tags);
  return a;
}

export interface SnapshotIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** A password typed at a terminal without echo; null when there is no terminal. */
  readPassword(prompt: string): Promise<string | null>;
  confirm(question: string): Promise<boolean>;
}

function defaultIo(): SnapshotIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    readPassword: (p) => readHidden(p),
    confirm: (q) => confirm(q),
  };
}

/** A snapshot result ready for output or publishing: redacted VM, its context, and local-only labels. */
interface Collected {
  vm: NormalizedVm;
  context: VmContext;
  localName: string | null;
  identityKey: string | null;
}

/**
 * Lets the site tell "this VM published twice" from "two VMs configured
 * alike" without learning which VM it is: a one-way hash of the VM's UUIDs,
 * which the site only mixes into its own keyed fingerprint and never stores.
 */
export function agentIdentityKey(uuids: string[]): string | null {
  const values = uuids.map((u) => u.trim().toLowerCase()).filter(Boolean).sort();
  if (values.length === 0) return null;
  return createHash("sha256").update("vmcompare-agent\0" + values.join("\0")).digest("hex");
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

export async function runSnapshot(args: string[], io: SnapshotIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`vmcompare snapshot: ${oneLine(message)}\n`);
    return 2;
  };
  if (args.includes("--help") || args.includes("-h")) {
    io.stderr.write(USAGE + "\n");
    return 0;
  }
  const parsed = parseSnapshotArgs(args);
  if (typeof parsed === "string") return fail(parsed.includes("password") ? parsed : `${parsed}; ${USAGE.split("\n")[0]}`);
  const a = parsed;

  let host: string;
  try {
    host = sdkUrl(a.server).host;
    if (a.publish) vmsEndpoint(a.publish);
  } catch (e) {
    return fail(isAppError(e) ? e.message : String(e));
  }
  const user = a.user ?? io.env.VMCOMPARE_USER ?? null;
  if (!user) return fail("no user name: pass --user USER (or set VMCOMPARE_USER)");

  let ca: Buffer | undefined;
  if (a.ca) {
    try {
      ca = readFileSync(a.ca);
    } catch (e) {
      return fail(`cannot read the CA file ${a.ca} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }

  let password = io.env.VMCOMPARE_PASSWORD;
  if (password === undefined || password === "") {
    let typed: string | null;
    try {
      typed = await io.readPassword(`Password for ${user}@${host}: `);
    } catch {
      return fail("cancelled");
    }
    if (typed === null) return fail("no password: set VMCOMPARE_PASSWORD, or run in a terminal to be asked for it");
    password = typed;
  }

  const tty = io.stderr.isTTY === true;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) io.stderr.write("\r\x1b[K");
    progressShown = false;
  };
  const say = (line: string) => {
    clearProgress();
    io.stderr.write(line + "\n");
  };

  const collected: Collected[] = [];
  const warnings: string[] = [];
  let requestedMissing = 0;
  try {
    for await (const ev of snapshotVms({
      server: a.server,
      user,
      password,
      vmNames: a.all ? undefined : a.vms,
      tls: { insecure: a.insecure, ca },
      timeoutMs: a.timeoutSec * 1000,
      pageSize: a.pageSize,
      onProgress: tty
        ? (done, total) => {
            io.stderr.write(`\r\x1b[KReading VMs: ${done}${total !== null ? ` of ${total}` : ""}`);
            progressShown = true;
          }
        : undefined,
    })) {
      if (ev.type === "connected") {
        say(`Connected to ${ev.about.fullName ?? ev.about.name ?? "vSphere"} at ${host}`);
      } else if (ev.type === "vm") {
        const r = toPublishable(ev.parsed, { identity: (facts) => agentIdentityKey(facts.uuids) });
        const context: VmContext = { ...emptyContext(), ...ev.context, networkRoles: r.networkRoles };
        collected.push({ vm: r.vm, context, localName: ev.name, identityKey: r.identityKey });
        say(`${ev.name ?? ev.ref} (${ev.ref}): removed ${r.summary}`);
      } else {
        // Names stay on this terminal; the JSON output only carries the managed object id.
        say(`warning: ${ev.name ?? ""}${ev.ref ? ` (${ev.ref})` : ""}${ev.name || ev.ref ? ": " : ""}${ev.message}`);
        if (ev.ref) warnings.push(`VM ${ev.ref} ${ev.message}`);
        else if (ev.name !== null) requestedMissing++;
        else warnings.push(ev.message);
      }
    }
  } catch (e) {
    clearProgress();
    if (isVsphereError(e) || isAppError(e)) return fail(e.message);
    return fail(`unexpected error: ${(e as Error)?.message ?? e}`);
  }
  clearProgress();
  if (requestedMissing > 0) warnings.push(`${requestedMissing} of the requested VM names ${requestedMissing === 1 ? "was" : "were"} not found`);
  if (!a.all && collected.length === 0) {
    return fail(requestedMissing === a.vms.length ? `none of the named VMs was found on ${host}` : `none of the named VMs on ${host} could be read`);
  }
  io.stderr.write(`Read ${collected.length} VM${collected.length === 1 ? "" : "s"} from ${host}${warnings.length ? `, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}\n`);

  const output = { vms: collected.map((c) => c.vm), warnings, contexts: collected.map((c) => c.context) };
  if (a.out) {
    try {
      await writeFile(a.out, JSON.stringify(output, null, 2) + "\n");
    } catch (e) {
      return fail(`cannot write ${a.out} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    io.stderr.write(`Wrote ${a.out}\n`);
  } else if (!a.publish) {
    io.stdout.write(JSON.stringify(output, null, 2) + "\n");
  }

  if (!a.publish) return 0;
  if (collected.length === 0) {
    io.stderr.write("Nothing to publish.\n");
    return 0;
  }
  const contributions: ContributionRequest[] = [];
  for (const c of collected) {
    const checked = contributionSchema.safeParse({ vm: c.vm, tags: a.tags, context: c.context, identityKey: c.identityKey });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return fail(`a contribution is not valid (${issue.path.join(".")}: ${issue.message}); nothing was published`);
    }
    contributions.push(checked.data);
  }
  const site = vmsEndpoint(a.publish).origin;
  const tagText = a.tags.map((t) => (t.version ? `${t.slug}@${t.version}` : t.slug)).join(", ");
  // The site refuses implausible VMs unless the contributor confirms them: say why, and let them confirm.
  const implausible = contributions.map((c, i) => ({ i, reasons: plausibilityReasons(c.vm) })).filter((x) => x.reasons.length > 0);
  if (implausible.length) {
    io.stderr.write(`\n${implausible.length} VM${implausible.length === 1 ? " looks" : "s look"} implausible (published marked, and left out of peer statistics until a moderator confirms them):\n`);
    for (const x of implausible) io.stderr.write(`  ${x.i + 1}. ${collected[x.i].localName ?? "VM"}: ${x.reasons.map((r) => r.message).join(" ")}\n`);
  }
  const leftOut = new Set<number>();
  if (a.yes && !a.confirmImplausible) {
    for (const x of implausible) {
      leftOut.add(x.i);
      io.stderr.write(`not published: ${collected[x.i].localName ?? `VM ${x.i + 1}`}: implausible; pass --confirm-implausible to publish it marked\n`);
    }
  }
  // Confirmed by --confirm-implausible, or by answering yes below after reading the reasons.
  for (const x of implausible) if (!leftOut.has(x.i)) contributions[x.i] = { ...contributions[x.i], confirmImplausible: true };
  const sending = contributions.map((c, i) => ({ c, i })).filter((x) => !leftOut.has(x.i));
  if (sending.length === 0) {
    io.stderr.write("Nothing to publish.\n");
    return 1;
  }
  if (!a.yes) {
    io.stderr.write("\nWhat will be published (the full records: --out FILE):\n");
    collected.forEach((c, i) => io.stderr.write(`  ${i + 1}. ${c.localName ?? "VM"}: ${describeVm(c.vm)}\n`));
    io.stderr.write(
      `\nAbout to publish ${sending.length} VM${sending.length === 1 ? "" : "s"} to ${site}, tagged ${tagText}.\n` +
        "Only the redacted records are sent: the removed values listed above stay on this machine.\n",
    );
    const ok = await io.confirm("Publish? [y/N] ");
    if (!ok) {
      io.stderr.write("Not published.\n");
      return 1;
    }
  }
  let published = 0;
  let duplicates = 0;
  try {
    await publishContributions(a.publish, sending.map((x) => x.c), {
      onResults: async (results) => {
        const now = new Date().toISOString();
        const records: EditLinkRecord[] = [];
        for (const r of results) {
          const index = sending[r.index].i;
          const local = collected[index]?.localName ?? null;
          if ("created" in r) {
            records.push({ createdAt: now, site, id: r.created.id, editUrl: r.created.editUrl, editToken: r.created.editToken, vm: local, server: host });
          } else {
            duplicates++;
            io.stderr.write(`not published: ${local ?? `VM ${index + 1}`}: ${r.message}\n`);
          }
        }
        if (records.length) await appendEditLinks(a.links, records);
        published += records.length;
      },
    });
  } catch (e) {
    const done = published ? ` (${published} were published before the error; their links are in ${a.links})` : "";
    return fail(`${isAppError(e) ? e.message : String((e as Error)?.message ?? e)}${done}`);
  }
  const dupText = duplicates ? `; ${duplicates} already on the site, left out` : "";
  io.stderr.write(
    `Published ${published} VM${published === 1 ? "" : "s"} to ${site}${dupText}.` +
      (published ? ` Edit links (keep them private) were added to ${a.links}` : "") + "\n",
  );
  return 0;
}

export async function run(args: string[]): Promise<number> {
  return runSnapshot(args, defaultIo());
}

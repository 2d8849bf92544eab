/**
 * Where one POST /api/v1/vms spends its database time on PGlite: the same
 * steps as the route (rate-limit row, validation, publishContributions) in
 * process, with every SQL statement timed. Prints per-step and per-statement
 * totals for N serial writes, then the latency of W concurrent writers.
 *
 *   npx tsx --conditions=react-server bench/write-profile.ts [--vms 1000] [--writes 40] [--writers 20]
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { closeDb, getDb } from "../lib/db/client";
import { createVms, syncTaxonomy } from "../lib/db/vms";
import { generateDemoVms } from "../lib/demo/generate";
import { contributionSchema } from "../lib/vm/record";
import { parsePublishRequest } from "../lib/contribute/api-schemas";
import { publishContributions } from "../lib/contribute/publish";
import { hitRateLimit } from "../lib/db/rate-limit";
import { asWriter } from "../lib/db/priority-gate";
import { distinctContribution } from "../e2e/load/load-run";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const VMS = Number(opt("vms", "1000"));
const WRITES = Number(opt("writes", "40"));
const WRITERS = Number(opt("writers", "20"));
const CONCURRENT = opt("concurrent", "1") !== "0";

// Every statement timed, by its SQL's first words.
const bySql = new Map<string, { n: number; ms: number }>();
let recording = false;
function record(sql: string, ms: number) {
  if (!recording) return;
  const k = sql.replace(/\s+/g, " ").trim().slice(0, 90);
  const e = bySql.get(k) ?? { n: 0, ms: 0 };
  e.n++;
  e.ms += ms;
  bySql.set(k, e);
}
type AnyFn = (...a: unknown[]) => Promise<unknown>;
function timed(fn: AnyFn, self: unknown): AnyFn {
  return async (...a: unknown[]) => {
    const t0 = performance.now();
    try {
      return await fn.apply(self, a);
    } finally {
      record(String(a[0]), performance.now() - t0);
    }
  };
}
function instrument(cls: { prototype: unknown }) {
  const proto = cls.prototype as Record<string, AnyFn> & { __timed?: boolean };
  if (proto.__timed) return;
  proto.__timed = true;
  const origQuery = proto.query;
  const origTx = proto.transaction;
  proto.query = function (this: unknown, ...a: unknown[]) {
    return timed(origQuery, this)(...a);
  } as AnyFn;
  proto.transaction = function (this: unknown, fn: unknown) {
    const t0 = performance.now();
    return origTx
      .call(this, (tx: Record<string, AnyFn>) => {
        const q = tx.query;
        const e = tx.exec;
        tx.query = timed(q, tx);
        tx.exec = timed(e, tx);
        return (fn as (t: unknown) => Promise<unknown>)(tx);
      })
      .finally(() => record("<transaction, whole>", performance.now() - t0));
  } as AnyFn;
}
instrument(PGlite);

async function main() {
  // The dynamic import client.ts makes may load the ES module build: time that one too.
  instrument((await import("@electric-sql/pglite")).PGlite);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-wprof-"));
  const db = await getDb({ kind: "pglite", dir });
  try {
    await syncTaxonomy(db);
    const demo = generateDemoVms({ count: VMS, seed: 1408 });
    for (let i = 0; i < demo.length; i += 250) {
      await createVms(
        db,
        demo.slice(i, i + 250).map((d) => ({ contribution: contributionSchema.parse({ vm: d.vm, tags: d.tags, context: d.context, identityKey: crypto.randomBytes(32).toString("hex") }) })),
        { editTokens: true, rejectDuplicates: true },
      );
    }
    const runTag = Math.floor(Math.random() * 1e6);
    let n = 0;
    const steps = { rateLimit: 0, parse: 0, publish: 0 };
    const oneWrite = async () => {
      const body = JSON.parse(JSON.stringify(distinctContribution(n++, runTag)));
      const t0 = performance.now();
      await hitRateLimit(db, crypto.randomBytes(8).toString("hex"), new Date(), 60_000);
      const t1 = performance.now();
      const c = parsePublishRequest(body);
      const t2 = performance.now();
      await asWriter(() => publishContributions(db, c, "http://localhost"));
      const t3 = performance.now();
      steps.rateLimit += t1 - t0;
      steps.parse += t2 - t1;
      steps.publish += t3 - t2;
      return t3 - t0;
    };
    for (let i = 0; i < 5; i++) await oneWrite();
    for (const k of Object.keys(steps) as (keyof typeof steps)[]) steps[k] = 0;
    recording = true;
    if (process.env.MARK) console.error(`MARK start ${process.hrtime.bigint() / 1000n}`);
    const serial: number[] = [];
    for (let i = 0; i < WRITES; i++) serial.push(await oneWrite());
    recording = false;
    if (process.env.MARK) console.error(`MARK end ${process.hrtime.bigint() / 1000n}`);
    serial.sort((a, b) => a - b);
    console.log(`serial: ${WRITES} writes, p50 ${serial[Math.floor(WRITES / 2)].toFixed(1)} ms, max ${serial[WRITES - 1].toFixed(1)} ms`);
    console.log(`  per write: rate limit ${(steps.rateLimit / WRITES).toFixed(1)} ms, parse ${(steps.parse / WRITES).toFixed(1)} ms, publish ${(steps.publish / WRITES).toFixed(1)} ms`);
    const rows = [...bySql].sort((a, b) => b[1].ms - a[1].ms);
    for (const [k, v] of rows) console.log(`  ${(v.ms / WRITES).toFixed(2).padStart(7)} ms/write  ${String(v.n / WRITES).padStart(5)}x  ${k}`);

    if (!CONCURRENT) return;
    const lat: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        for (let i = 0; i < Math.ceil(WRITES / 4); i++) lat.push(await oneWrite());
      }),
    );
    const wall = performance.now() - t0;
    lat.sort((a, b) => a - b);
    const p = (q: number) => lat[Math.min(lat.length - 1, Math.ceil(q * lat.length) - 1)].toFixed(0);
    console.log(`${WRITERS} concurrent writers: ${lat.length} writes in ${(wall / 1000).toFixed(1)} s (${((lat.length / wall) * 1000).toFixed(1)}/s), p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
  } finally {
    await closeDb({ kind: "pglite", dir });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * Database benchmarks: browse (filter + sort + page), ratio columns and the
 * VM comparison, on N VMs in PGlite or PostgreSQL. Prints p50/p95 in ms.
 *
 *   npx tsx bench/db.ts --db pglite --vms 100000
 *   npx tsx bench/db.ts --db postgresql --vms 1000000 --url postgresql://postgres:postgres@127.0.0.1:5432/postgres
 *
 * The data set is built once (demo generator; for large N the first 100,000
 * are multiplied with INSERT … SELECT) and kept for later runs.
 */
import os from "node:os";
import path from "node:path";
import { parseBrowseQuery } from "../lib/browse/query";
import { browseVms } from "../lib/db/browse";
import { closeDb, getDb, type Db } from "../lib/db/client";
import { rebuildPeerStats } from "../lib/db/peer-stats";
import { countVms, createVms, syncTaxonomy } from "../lib/db/vms";
import { generateDemoVms } from "../lib/demo/generate";
import { contributionSchema } from "../lib/vm/record";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const kind = opt("db", "pglite") as "pglite" | "postgresql";
const N = Number(opt("vms", "100000"));
const RUNS = Number(opt("runs", "40"));

async function target() {
  if (kind === "pglite") return { kind, dir: opt("dir", path.join(os.tmpdir(), `vmc-bench-${N}`)) } as const;
  const admin = opt("url", process.env.TEST_DATABASE_URL ?? "postgresql://postgres:postgres@127.0.0.1:5432/postgres");
  const { Client } = await import("pg");
  const c = new Client({ connectionString: admin });
  await c.connect();
  // --dbname: a database of one's own, when several people bench on one server.
  const name = opt("dbname", `vmc_bench_${N}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--dbname ${name}: use lower-case letters, digits and _`);
  const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!exists.rowCount) await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { kind, url: u.toString() } as const;
}

async function fill(db: Db): Promise<void> {
  const have = await countVms(db, {});
  if (have >= N) return;
  await syncTaxonomy(db);
  const base = Math.min(N, 100_000);
  const t0 = Date.now();
  if (have < base) {
    const demo = generateDemoVms({ count: base, seed: 7 }).slice(have);
    for (let i = 0; i < demo.length; i += 2000) {
      await createVms(db, demo.slice(i, i + 2000).map((d) => ({
        contribution: contributionSchema.parse({ vm: d.vm, tags: d.tags, context: d.context }), isDemo: true, createdAt: d.createdAt,
      })));
      process.stderr.write(`\rinserted ${have + i + 2000}/${base}`);
    }
  }
  // Beyond 100,000: copies of the first 100,000 under new ids.
  for (let copy = 1; (await countVms(db, {})) < N; copy++) {
    const s = `_c${copy}`;
    await db.sql.transaction(async (tx) => {
      // The copies' search documents are the originals': copy them rather than
      // have the triggers rebuild each one and then again for its tags.
      await tx.exec(`ALTER TABLE vm DISABLE TRIGGER vm_search_refresh; ALTER TABLE vm_tag DISABLE TRIGGER vm_tag_search_insert`);
      await tx.exec(`INSERT INTO vm (id, status, is_demo, source_format, vcpus, cores_per_socket, memory_mib, total_disk_gib, disk_count, nic_count,
        guest_os_id, guest_family, guest_os_name, hypervisor_vendor, hypervisor_product, hypervisor_version, hardware_version, firmware,
        primary_app, primary_app_version, nic_models, fingerprint, edit_token_hash, created_at, updated_at, search)
        SELECT id || '${s}', status, is_demo, source_format, vcpus, cores_per_socket, memory_mib, total_disk_gib, disk_count, nic_count,
        guest_os_id, guest_family, guest_os_name, hypervisor_vendor, hypervisor_product, hypervisor_version, hardware_version, firmware,
        primary_app, primary_app_version, nic_models, fingerprint, edit_token_hash, created_at, updated_at, search FROM vm WHERE id NOT LIKE '%\\_c%'`);
      await tx.exec(`INSERT INTO vm_disk SELECT vm_id || '${s}', position, size_gib, bus, provisioning FROM vm_disk WHERE vm_id NOT LIKE '%\\_c%'`);
      await tx.exec(`INSERT INTO vm_nic SELECT vm_id || '${s}', position, model, network FROM vm_nic WHERE vm_id NOT LIKE '%\\_c%'`);
      await tx.exec(`INSERT INTO vm_tag SELECT vm_id || '${s}', app_slug, version, "primary" FROM vm_tag WHERE vm_id NOT LIKE '%\\_c%'`);
      await tx.exec(`INSERT INTO vm_context SELECT vm_id || '${s}', environment, industry, organization_size, host_vendor, host_model, host_cpu_model,
        datastore_type, datastore_version, datastore_block_size_mb, cpu_avg_pct, cpu_peak_pct, memory_pct, network_roles FROM vm_context WHERE vm_id NOT LIKE '%\\_c%'`);
      await tx.exec(`ALTER TABLE vm ENABLE TRIGGER vm_search_refresh; ALTER TABLE vm_tag ENABLE TRIGGER vm_tag_search_insert`);
    });
    process.stderr.write(`\rcopies: ${await countVms(db, {})}/${N}`);
  }
  await db.sql.exec("ANALYZE");
  await rebuildPeerStats(db);
  process.stderr.write(`\nbuilt ${N} VMs in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

function pct(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function measure(label: string, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  console.log(`${label.padEnd(58)} p50 ${pct(times, 0.5).toFixed(1).padStart(7)} ms   p95 ${pct(times, 0.95).toFixed(1).padStart(7)} ms`);
}

async function measureBrowse(browse: (qs: string) => (i: number) => Promise<unknown>): Promise<void> {
  await measure("browse: first page sorted by memory", browse("sort=memory"));
  await measure("browse: app=mssql, sorted by vCPUs, pages 1-3", browse("app=mssql&sort=vcpus"));
  await measure("browse: family=windows & vcpus>=4, sorted by disk", browse("family=windows&vcpus=>=4&sort=disk"));
  await measure("browse: env=production & memory 8..32, by memory asc", browse("env=production&memory=8..32&sort=memory&dir=asc"));
  await measure("ratio: memory per vCPU >= 4, sorted by it", browse("memPerVcpu=>=4&sort=memPerVcpu"));
  await measure("ratio: sorted by memory per vCPU (no filter)", browse("sort=memPerVcpu&dir=asc"));
  await measure("ratio: sockets=2, sorted by vCPU per socket", browse("sockets=2&sort=vcpuPerSocket"));
  await measureSearch(browse);
}

/** Free-text search (q=): common and rare words, several words, with a filter and another sort. */
async function measureSearch(browse: (qs: string) => (i: number) => Promise<unknown>): Promise<void> {
  await measure("search: q=sql (application), newest first, pages 1-3", browse("q=sql"));
  await measure("search: q=windows 2019, sorted by memory", browse("q=windows%202019&sort=memory"));
  await measure("search: q=vmxnet & vcpus>=4, sorted by vCPUs", browse("q=vmxnet&vcpus=>=4&sort=vcpus"));
  await measure("search: q=esxi 7 ubuntu (three words)", browse("q=esxi%207%20ubuntu"));
  await measure("search: q=hyper-v exchange, by disk", browse("q=hyper-v%20exchange&sort=disk"));
  await measure("search: q=e1000 (a rare NIC), pages 1-3", browse("q=e1000"));
  await measure("search: q=zzz (no match)", browse("q=zzz"));
}

async function main() {
  const t = await target();
  const db = await getDb(t);
  await fill(db);
  const n = await countVms(db, {});
  console.log(`\n${kind}, ${n.toLocaleString("en-US")} VMs, ${RUNS} runs each (${os.cpus().length} cores)`);
  const browse = (qs: string) => (i: number) => {
    const q = parseBrowseQuery(new URLSearchParams(qs)).query;
    return browseVms(db, { ...q, page: q.page + (i % 3) });
  };
  const only = opt("only", "");
  if (only === "search") await measureSearch(browse);
  else if (only !== "comparison") await measureBrowse(browse);
  if (only !== "search") try {
    const { getVmComparison } = await import("../lib/db/compare");
    // Original rows only: the copies' ids carry a "_c" suffix that the site's id check refuses.
    const ids = (await db.sql.query<{ id: string }>(
      `SELECT id FROM vm WHERE position('_' in id) = 0 ORDER BY id OFFSET $1 LIMIT 50`, [Math.floor(Math.min(n, 100_000) / 3)],
    )).map((r) => r.id);
    await measure("comparison: a VM against its peers", async (i) => {
      if (!(await getVmComparison(db, ids[i % ids.length]))) throw new Error(`no comparison for ${ids[i % ids.length]}`);
    });
  } catch (e) {
    console.log(`comparison: not measured (${(e as Error).message})`);
  }
  await closeDb(t);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });

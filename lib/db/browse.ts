import "server-only";
import type { NumericFilter, TextFilter } from "@/lib/browse/filter-expr";
import { NUMERIC_FILTERS, orderBySql, SORT_COLUMNS, TEXT_FILTERS, type BrowseQuery, type TextFilterKey } from "@/lib/browse/query";
import type { VmRow } from "@/lib/vm/record";
import type { Db } from "./client";
import { PEER_COUNTED_SQL } from "./peer-stats";

/**
 * The browse table's queries: filters, sort and paging in SQL with
 * parameters, so the browser only ever receives one page.
 */
export const COUNT_CAP = 10000;
/**
 * A free-text search counts its matches only this far ahead of the page shown
 * ("1,000+ VMs"): counting is a scan of the matching rows (a tsvector match
 * cannot be counted from the GIN index alone), and a search that matches more
 * is refined, not paged through. Pages further on stay reachable: the cap
 * grows with the page asked for, up to COUNT_CAP.
 */
export const SEARCH_COUNT_CAP = 1000;

/** How far a query's matches are counted. */
export function countCap(q: Pick<BrowseQuery, "search" | "page" | "size">): number {
  if (!q.search.length) return COUNT_CAP;
  return Math.min(COUNT_CAP, Math.max(SEARCH_COUNT_CAP, (q.page + 4) * q.size));
}
export const NONE = "none";

class Sql {
  params: unknown[] = [];
  p(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
}

function numericSql(s: Sql, expr: string, f: NumericFilter, scale: number, intColumn: boolean): string {
  if (intColumn) return intNumericSql(s, expr, f, scale);
  switch (f.op) {
    case "cmp":
      return `${expr} ${f.cmp} ${s.p(f.value * scale)}`;
    case "range":
      return `${expr} BETWEEN ${s.p(f.min * scale)} AND ${s.p(f.max * scale)}`;
    case "in":
      return `${expr} = ANY(${s.p(f.values.map((v) => v * scale))}::float8[])`;
  }
}

/**
 * On an integer column a fractional bound (1.3 GiB = 1331.2 MiB) is rounded
 * to the whole numbers it admits, so the parameter stays an integer (PostgreSQL
 * refuses "1331.2" for an integer) and the column's index is still used.
 */
function intNumericSql(s: Sql, expr: string, f: NumericFilter, scale: number): string {
  switch (f.op) {
    case "cmp": {
      const v = f.value * scale;
      if (Number.isInteger(v)) return `${expr} ${f.cmp} ${s.p(v)}`;
      if (f.cmp === "=") return "FALSE";
      return f.cmp === ">" || f.cmp === ">=" ? `${expr} >= ${s.p(Math.ceil(v))}` : `${expr} <= ${s.p(Math.floor(v))}`;
    }
    case "range":
      return `${expr} BETWEEN ${s.p(Math.ceil(f.min * scale))} AND ${s.p(Math.floor(f.max * scale))}`;
    case "in": {
      const whole = f.values.map((v) => v * scale).filter(Number.isInteger);
      return whole.length ? `${expr} = ANY(${s.p(whole)}::int[])` : "FALSE";
    }
  }
}

function textSql(s: Sql, key: TextFilterKey, f: TextFilter): string {
  const def = TEXT_FILTERS[key];
  const values = f.values.filter((v) => v !== NONE);
  const wantsNull = f.values.includes(NONE);
  const isArray = "array" in def && def.array;
  const parts: string[] = [];
  if ("enumType" in def) {
    // Compare as the enum itself (no cast on the column), so its index is used.
    const valid = values.filter((v) => (def.enumValues as readonly string[]).includes(v));
    // Literals are safe here: only values from the enum's own whitelist reach the SQL.
    if (valid.length) parts.push(`${def.sql} IN (${valid.map((v) => `'${v}'::"${def.enumType}"`).join(", ")})`);
    else if (values.length) parts.push("FALSE");
  } else if (values.length) {
    parts.push(isArray ? `${def.sql} && ${s.p(values)}::text[]` : `${def.sql} = ANY(${s.p(values)}::text[])`);
  }
  if (wantsNull) parts.push(isArray ? `cardinality(${def.sql}) = 0` : `${def.sql} IS NULL`);
  const any = parts.length ? `(${parts.join(" OR ")})` : "TRUE";
  if (!f.exclude) return any;
  return isArray ? `NOT ${any}` : `(${def.sql} IS NULL AND ${wantsNull ? "FALSE" : "TRUE"} OR NOT ${any})`;
}

function whereSql(s: Sql, q: BrowseQuery, skip?: TextFilterKey): string {
  const conds = [`v.status = 'published'`];
  if (q.importRef) conds.push(`v.import_ref = ${s.p(q.importRef)}`);
  for (const [k, f] of Object.entries(q.text) as [TextFilterKey, TextFilter][]) {
    if (k !== skip) conds.push(textSql(s, k, f));
  }
  for (const [k, f] of Object.entries(q.numeric) as [keyof typeof NUMERIC_FILTERS, NumericFilter][]) {
    const def = NUMERIC_FILTERS[k];
    conds.push(numericSql(s, def.sql, f, def.scale, def.intColumn));
  }
  // Every word a prefix of some word of the VM's search document (GIN index
  // vm_search_idx). searchWords() leaves only letters, digits and dots, so
  // quoting each word keeps it a plain lexeme.
  if (q.search.length) conds.push(`v.search @@ to_tsquery('simple', ${s.p(q.search.map((w) => `'${w}':*`).join(" & "))})`);
  if (q.onlySelected) conds.push(q.selected.length ? `v.id = ANY(${s.p(q.selected)}::text[])` : "FALSE");
  return conds.join(" AND ");
}


function needsContext(q: BrowseQuery): boolean {
  return (Object.keys(q.text) as TextFilterKey[]).some((k) => TEXT_FILTERS[k].sql.startsWith("c.")) || SORT_COLUMNS[q.sort].startsWith("c.");
}

function hasFilters(q: BrowseQuery): boolean {
  return Object.keys(q.text).length > 0 || Object.keys(q.numeric).length > 0 || q.search.length > 0 || q.onlySelected || !!q.importRef;
}

/** What the rows and counts of a query depend on (not its sort or page): the facet cache's key. */
function filterKey(q: BrowseQuery): unknown[] {
  return [q.text, q.numeric, q.search, q.onlySelected ? q.selected : null, q.importRef ?? null];
}

export interface BrowsePage {
  rows: VmRow[];
  total: number;
  totalCapped: boolean;
  page: number;
  pages: number;
}

type RawRow = {
  id: string; primary_app: string | null; app_name: string | null; primary_app_version: string | null;
  vcpus: number; cores_per_socket: number | null; memory_mib: number; total_disk_gib: number | null; disk_count: number;
  nic_count: number; guest_family: string | null; guest_os_name: string | null; hypervisor_vendor: string | null;
  hypervisor_product: string | null; hypervisor_version: string | null; hardware_version: string | null;
  firmware: string | null; source_format: string; environment: string | null; industry: string | null;
  organization_size: string | null; nic_models: string[]; created_at: Date | string;
};

export function toRow(r: RawRow): VmRow {
  return {
    id: r.id,
    primaryApp: r.primary_app,
    primaryAppName: r.app_name,
    primaryAppVersion: r.primary_app_version,
    vcpus: Number(r.vcpus),
    coresPerSocket: r.cores_per_socket == null ? null : Number(r.cores_per_socket),
    memoryMib: Number(r.memory_mib),
    totalDiskGib: r.total_disk_gib == null ? null : Number(r.total_disk_gib),
    diskCount: Number(r.disk_count),
    nicCount: Number(r.nic_count),
    guestFamily: r.guest_family,
    guestOsName: r.guest_os_name,
    hypervisorVendor: r.hypervisor_vendor,
    hypervisorProduct: r.hypervisor_product,
    hypervisorVersion: r.hypervisor_version,
    hardwareVersion: r.hardware_version,
    firmware: r.firmware,
    sourceFormat: r.source_format,
    environment: r.environment,
    industry: r.industry,
    organizationSize: r.organization_size,
    nicModels: r.nic_models ?? [],
    createdAt: new Date(r.created_at).toISOString().slice(0, 10),
  };
}

export const ROW_COLUMNS = `v.id, v.primary_app, a.name AS app_name, v.primary_app_version, v.vcpus, v.cores_per_socket,
  v.memory_mib, v.total_disk_gib, v.disk_count, v.nic_count, v.guest_family, v.guest_os_name, v.hypervisor_vendor,
  v.hypervisor_product, v.hypervisor_version, v.hardware_version, v.firmware, v.source_format,
  v.environment::text AS environment, v.industry, v.organization_size, v.nic_models, v.created_at`;

function pageSql(q: BrowseQuery, limit: number, offset: number): Sql & { text: string } {
  const s = new Sql();
  const where = whereSql(s, q);
  const lim = s.p(limit);
  const off = s.p(offset);
  // Page ids first (index-only where possible), then their rows.
  const text = `SELECT ${ROW_COLUMNS}
    FROM (SELECT v.id FROM vm v ${needsContext(q) ? "LEFT JOIN vm_context c ON c.vm_id = v.id" : ""}
          WHERE ${where} ORDER BY ${orderBySql(q.sort, q.dir)} LIMIT ${lim} OFFSET ${off}) p
    JOIN vm v ON v.id = p.id
    LEFT JOIN vm_context c ON c.vm_id = v.id
    LEFT JOIN application a ON a.slug = v.primary_app
    ORDER BY ${orderBySql(q.sort, q.dir)}`;
  return Object.assign(s, { text });
}

/**
 * Every published VM: the "all" group plus the implausible VMs it leaves out until they are confirmed
 * (listed, but in no statistics); the latter count reads a small partial index.
 */
async function allPublishedCount(db: Db): Promise<number> {
  const [all, pending] = await Promise.all([
    db.prisma.peerStats.findUnique({ where: { key: "all" }, select: { n: true } }),
    db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM vm WHERE status = 'published' AND NOT ${PEER_COUNTED_SQL}`,
    ),
  ]);
  return (all?.n ?? 0) + Number(pending[0]?.n ?? 0);
}

export async function browseVms(db: Db, q: BrowseQuery): Promise<BrowsePage> {
  const page = pageSql(q, q.size, (q.page - 1) * q.size);
  const cs = new Sql();
  const cap = countCap(q);
  const countSql = `SELECT count(*)::int AS n FROM (SELECT 1 FROM vm v ${needsContext(q) ? "LEFT JOIN vm_context c ON c.vm_id = v.id" : ""}
    WHERE ${whereSql(cs, q)} LIMIT ${cap + 1}) t`;
  // Unfiltered, the total is the precomputed size of the "all" group: no count scan.
  const countQuery = hasFilters(q)
    ? db.prisma.$queryRawUnsafe<{ n: number }[]>(countSql, ...cs.params)
    : allPublishedCount(db).then((n) => [{ n }]);
  const [rows, count] = await Promise.all([db.prisma.$queryRawUnsafe<RawRow[]>(page.text, ...page.params), countQuery]);
  const n = Number(count[0]?.n ?? 0);
  const total = Math.min(n, cap);
  return {
    rows: rows.map(toRow),
    total,
    totalCapped: n > cap,
    page: q.page,
    pages: Math.max(1, Math.ceil(total / q.size)),
  };
}

/**
 * Every row of a query in its sort order, in batches, up to `cap` rows: for
 * exports that stream a file without holding it all in memory.
 */
export async function* browseRowBatches(db: Db, q: BrowseQuery, opts: { cap: number; batch?: number }): AsyncGenerator<VmRow[]> {
  const batch = Math.max(1, Math.min(opts.batch ?? 1000, opts.cap));
  for (let offset = 0; offset < opts.cap; offset += batch) {
    const page = pageSql(q, Math.min(batch, opts.cap - offset), offset);
    const rows = await db.prisma.$queryRawUnsafe<RawRow[]>(page.text, ...page.params);
    if (rows.length) yield rows.map(toRow);
    if (rows.length < batch) return;
  }
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

const FACET_LIMIT = 30;

/** A facet needs its own scan when it is filtered itself (its filter is left out) or is an array. */
function ownScan(q: BrowseQuery, k: TextFilterKey): boolean {
  return k in q.text || "array" in TEXT_FILTERS[k];
}

/**
 * The facet key groups counted in one query each: every facet without its
 * own filter shares one GROUPING SETS scan; a filtered or array facet gets its own.
 */
export function facetGroups(q: BrowseQuery, keys: TextFilterKey[] = Object.keys(TEXT_FILTERS) as TextFilterKey[]): TextFilterKey[][] {
  const shared = keys.filter((k) => !ownScan(q, k));
  return [...(shared.length ? [shared] : []), ...keys.filter((k) => ownScan(q, k)).map((k) => [k])];
}
type FacetRow = { k: string; value: string | null; n: number };

/**
 * Counts per value of each facet, under every other active filter.
 *
 * Facets that are not filtered themselves all share the same WHERE, so they
 * are counted in ONE scan with GROUPING SETS; each filtered facet (whose own
 * filter must be left out) and the NIC-model facet (an array) get their own
 * query. Results are cached per query until the next write anywhere (the
 * "all" peer-statistics row changes in every write transaction).
 */
export function browseFacets(db: Db, q: BrowseQuery, keys: TextFilterKey[] = Object.keys(TEXT_FILTERS) as TextFilterKey[]): Promise<Record<string, FacetValue[]>> {
  // Every write empties the cache, so under writes each reader of the same
  // table missed it and counted again: concurrent callers now share one count.
  const flight = `${db.kind}|${JSON.stringify([...filterKey(q), keys])}`;
  let p = facetFlights.get(flight);
  if (!p) {
    p = countFacets(db, q, keys).finally(() => facetFlights.delete(flight));
    facetFlights.set(flight, p);
  }
  return p;
}

const gf = globalThis as unknown as { __vmcompareFacetFlights?: Map<string, Promise<Record<string, FacetValue[]>>> };
const facetFlights = (gf.__vmcompareFacetFlights ??= new Map());

async function countFacets(db: Db, q: BrowseQuery, keys: TextFilterKey[]): Promise<Record<string, FacetValue[]>> {
  const version = await writeVersion(db);
  const cacheKey = `${db.kind}|${JSON.stringify([...filterKey(q), keys])}`;
  const hit = facetCache.get(cacheKey);
  if (hit && hit.version === version && Date.now() - hit.at < 10 * 60_000) return hit.value;

  const shared = keys.filter((k) => !ownScan(q, k));
  const own = keys.filter((k) => ownScan(q, k));
  const rows: FacetRow[] = [];
  if (shared.length) {
    const s = new Sql();
    const label = (k: TextFilterKey) => `WHEN GROUPING(${TEXT_FILTERS[k].sql}) = 0 THEN '${k}'`;
    const sql = `SELECT k, value, n FROM (
        SELECT k, value, n, row_number() OVER (PARTITION BY k ORDER BY n DESC, value) AS r FROM (
          SELECT CASE ${shared.map(label).join(" ")} END AS k,
                 COALESCE(${shared.map((k) => `${TEXT_FILTERS[k].sql}::text`).join(", ")}) AS value,
                 count(*)::int AS n
          FROM vm v ${needsContext(q) ? "LEFT JOIN vm_context c ON c.vm_id = v.id" : ""}
          WHERE ${whereSql(s, q)}
          GROUP BY GROUPING SETS (${shared.map((k) => `(${TEXT_FILTERS[k].sql})`).join(", ")})) g) t
        WHERE r <= ${FACET_LIMIT}`;
    rows.push(...(await db.prisma.$queryRawUnsafe<FacetRow[]>(sql, ...s.params)));
  }
  for (const key of own) {
    const s = new Sql();
    const def = TEXT_FILTERS[key];
    const expr = "array" in def ? `unnest(CASE WHEN cardinality(${def.sql}) = 0 THEN ARRAY[NULL]::text[] ELSE ${def.sql} END)` : def.sql;
    const sql = `SELECT '${key}' AS k, ${expr}::text AS value, count(*)::int AS n
        FROM vm v ${needsContext(q) || def.sql.startsWith("c.") ? "LEFT JOIN vm_context c ON c.vm_id = v.id" : ""}
        WHERE ${whereSql(s, q, key)} GROUP BY 2 ORDER BY 3 DESC, 2 LIMIT ${FACET_LIMIT}`;
    rows.push(...(await db.prisma.$queryRawUnsafe<FacetRow[]>(sql, ...s.params)));
  }

  const appNames = new Map(
    (await db.prisma.application.findMany({
      where: { slug: { in: rows.filter((r) => r.k === "app" && r.value).map((r) => r.value!) } },
      select: { slug: true, name: true },
    })).map((a) => [a.slug, a.name]),
  );
  const out: Record<string, FacetValue[]> = Object.fromEntries(keys.map((k) => [k, [] as FacetValue[]]));
  for (const r of rows) {
    out[r.k].push({
      value: r.value ?? NONE,
      label: (r.k === "app" && r.value ? appNames.get(r.value) : null) ?? r.value ?? "Unknown",
      count: Number(r.n),
    });
  }
  for (const k of keys) out[k].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  if (facetCache.size > 500) facetCache.clear();
  facetCache.set(cacheKey, { version, at: Date.now(), value: out });
  return out;
}

const g = globalThis as unknown as { __vmcompareFacetCache?: Map<string, { version: string; at: number; value: Record<string, FacetValue[]> }> };
const facetCache = (g.__vmcompareFacetCache ??= new Map());

/** Changes with every committed write (the "all" statistics row is updated in each). */
async function writeVersion(db: Db): Promise<string> {
  const r = await db.prisma.peerStats.findUnique({ where: { key: "all" }, select: { updatedAt: true, n: true } });
  return r ? `${r.updatedAt.getTime()}:${r.n}` : "empty";
}

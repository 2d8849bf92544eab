import type { PeerUsage } from "@/lib/compare/usage-peers";
import type { Utilization } from "@/lib/vm/model";
import type { Db } from "./client";
import { PEER_COUNTED_SQL } from "./peer-stats";

/**
 * Peers' usage figures for lib/compare/usage-peers. Read from vm_utilization for the VMs of one peer group
 * (a peer_stats key), bounded: a group of a million VMs gives at most PEER_USAGE_LIMIT peers with usage, taken
 * in id order (ids are random, so that is an unbiased sample).
 */
export const PEER_USAGE_LIMIT = 5000;

const COUNTED = PEER_COUNTED_SQL.replace(/implausible_reasons|plausibility_confirmed_at/g, "v.$&");

/** SQL condition on `vm v` for a peer_stats key ("appv:slug@version", "app:slug", "family:x", "all"). */
export function groupKeyCondition(key: string, params: unknown[]): string {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (key === "all") return "TRUE";
  const [kind, rest] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
  if (kind === "appv") {
    const at = rest.lastIndexOf("@");
    return `v.primary_app = ${p(rest.slice(0, at))} AND lower(v.primary_app_version) = ${p(rest.slice(at + 1))}`;
  }
  if (kind === "app") return `v.primary_app = ${p(rest)}`;
  if (kind === "family") return rest === "unknown" ? "v.guest_family IS NULL" : `v.guest_family = ${p(rest)}`;
  throw new Error(`unknown peer group key ${key}`);
}

interface Row {
  id: string;
  vcpus: number;
  memory_mib: number;
  metric: string;
  statistic: string;
  window: string | null;
  source: string;
  value: number;
}

/** The published, peer-counted VMs of the group that have usage figures, the VM `selfId` excluded. */
export async function getPeerUsage(
  db: Db, key: string, selfId: string | null, opts: { limit?: number; metrics?: readonly Utilization["metric"][] } = {},
): Promise<PeerUsage[]> {
  const params: unknown[] = [];
  const where = groupKeyCondition(key, params);
  params.push(selfId ?? "", opts.limit ?? PEER_USAGE_LIMIT);
  const self = `$${params.length - 1}`;
  const lim = `$${params.length}`;
  let metricCond = "";
  if (opts.metrics) {
    params.push(opts.metrics);
    metricCond = ` AND u.metric = ANY($${params.length}::text[])`;
  }
  const rows = await db.prisma.$queryRawUnsafe<Row[]>(
    `WITH ids AS (
       SELECT DISTINCT u.vm_id FROM vm_utilization u JOIN vm v ON v.id = u.vm_id
       WHERE v.status = 'published' AND ${COUNTED} AND ${where} AND v.id <> ${self}${metricCond}
       ORDER BY u.vm_id LIMIT ${lim}::int)
     SELECT v.id, v.vcpus, v.memory_mib, u.metric, u.statistic, u."window", u.source, u.value
     FROM ids JOIN vm v ON v.id = ids.vm_id JOIN vm_utilization u ON u.vm_id = v.id${metricCond}
     ORDER BY v.id, u.position`,
    ...params,
  );
  const byId = new Map<string, { vcpus: number; memoryMiB: number; utilization: Utilization[] }>();
  for (const r of rows) {
    let p = byId.get(r.id);
    if (!p) byId.set(r.id, (p = { vcpus: Number(r.vcpus), memoryMiB: Number(r.memory_mib), utilization: [] }));
    p.utilization.push({
      metric: r.metric as Utilization["metric"], statistic: r.statistic as Utilization["statistic"],
      window: r.window, source: r.source as Utilization["source"], value: Number(r.value),
    });
  }
  return [...byId.values()];
}

export interface BusySummary {
  metric: Utilization["metric"];
  statistic: Utilization["statistic"];
  n: number;
  p25: number;
  median: number;
  p75: number;
  /** Distinct windows of the figures, longest first ([] for samples). */
  windows: string[];
}

/**
 * "How busy are VMs of this workload": per CPU and memory metric and statistic, the quartiles of the
 * application's VMs' figures. Computed in SQL (percentile_cont is the same linear interpolation as
 * lib/compare/stats quantile), so no figure leaves the database.
 */
export async function workloadBusy(db: Db, slug: string): Promise<BusySummary[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ metric: string; statistic: string; n: bigint; p25: number; p50: number; p75: number; windows: string[] | null }[]>(
    `SELECT u.metric, u.statistic, count(*) AS n,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY u.value) AS p25,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY u.value) AS p50,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY u.value) AS p75,
       array_remove(array_agg(DISTINCT u."window"), NULL) AS windows
     FROM vm_utilization u JOIN vm v ON v.id = u.vm_id
     WHERE v.status = 'published' AND ${COUNTED} AND v.primary_app = $1 AND u.metric IN ('cpu.usage.pct', 'mem.active.pct', 'cpu.ready.pct')
     GROUP BY u.metric, u.statistic ORDER BY u.metric, u.statistic`,
    slug,
  );
  return rows.map((r) => ({
    metric: r.metric as Utilization["metric"], statistic: r.statistic as Utilization["statistic"], n: Number(r.n),
    p25: Number(r.p25), median: Number(r.p50), p75: Number(r.p75), windows: r.windows ?? [],
  }));
}

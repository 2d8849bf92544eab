import { env } from "@/lib/env";
import { getDb } from "@/lib/db/client";
import { databaseMetrics } from "@/lib/server/database-metrics";
import { metricsAccess } from "@/lib/server/metrics-access";
import { EXPOSITION_CONTENT_TYPE, metrics, processFamilies } from "@/lib/server/metrics";
import { parsePoolFamilies } from "@/lib/server/parse-pool-metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics of this process (lib/server/metrics.ts): requests and
 * their durations by route, the render cache and gate, the database pool,
 * import jobs and the parse workers. For this machine only, or with
 * METRICS_TOKEN (lib/server/metrics-access.ts).
 */
export async function GET(req: Request) {
  const e = env();
  const access = metricsAccess(req.headers, e.METRICS_TOKEN, e.TRUST_PROXY);
  if (!access.ok) {
    const headers: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store" };
    if (access.status === 401) headers["www-authenticate"] = 'Bearer realm="metrics"';
    return new Response(JSON.stringify({ error: { code: access.status === 401 ? "unauthorized" : "forbidden", message: access.message } }), { status: access.status, headers });
  }
  const extra = [...processFamilies(), ...parsePoolFamilies(), ...(await databaseMetrics(getDb))];
  return new Response(await metrics().exposition(extra), { headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } });
}

import "server-only";
import { parsePoolOptions, parsePoolStatsIfStarted } from "@/lib/parse-pool";
import { counter, gauge, type MetricFamily } from "./metrics";

/** The upload parse workers (lib/parse-pool): jobs running and waiting, against the configured limits. */
export function parsePoolFamilies(): MetricFamily[] {
  const s = parsePoolStatsIfStarted() ?? { running: 0, queued: 0, workers: 0, replaced: 0, completed: 0 };
  const o = parsePoolOptions();
  return [
    gauge("vmcompare_parse_jobs_running", "Upload parses running in worker threads.", s.running),
    gauge("vmcompare_parse_jobs_waiting", "Upload parses waiting for a worker.", s.queued),
    gauge("vmcompare_parse_workers", "Parse worker threads alive.", s.workers),
    gauge("vmcompare_parse_workers_max", "Parses allowed at once (PARSE_WORKERS).", o.workers),
    gauge("vmcompare_parse_queue_max", "Parses that may wait before uploads get 503 (PARSE_QUEUE).", o.queue),
    counter("vmcompare_parse_jobs_completed_total", "Upload parses finished (successfully or with a parse error).", s.completed),
    counter("vmcompare_parse_workers_replaced_total", "Workers ended for exceeding their heap or time limit, or crashing.", s.replaced),
  ];
}

import type { RenderGate } from "./admission-gate";
import { counter, gauge, metrics, type MetricFamily } from "./metrics";
import type { RenderCache } from "./render-cache";

/** What the production server knows about its render gate and render cache, read at each scrape. */
export function serverFamilies(gate: Pick<RenderGate, "stats" | "opts">, cache: Pick<RenderCache, "hits" | "misses" | "size" | "maxBytes">): MetricFamily[] {
  const g = gate.stats();
  const lookups = cache.hits + cache.misses;
  return [
    gauge("vmcompare_render_gate_running", "Page and GET renders running now (RENDER_CONCURRENCY at most).", g.running),
    gauge("vmcompare_render_gate_waiting", "Renders waiting for a slot (RENDER_QUEUE at most).", g.waiting),
    gauge("vmcompare_render_gate_concurrency", "Renders allowed at once (RENDER_CONCURRENCY).", gate.opts.concurrency),
    counter("vmcompare_render_gate_refused_total", "Renders refused with 503: the queue was full or the wait too long.", g.refused),
    counter("vmcompare_render_cache_hits_total", "Public answers served from the render cache.", cache.hits),
    counter("vmcompare_render_cache_misses_total", "Render cache lookups that found nothing current (the answer was rendered).", cache.misses),
    // NaN before the first lookup: a ratio of nothing is unknown, not zero.
    gauge("vmcompare_render_cache_hit_ratio", "Hits / lookups since the process started (NaN before the first lookup).", lookups ? cache.hits / lookups : NaN),
    gauge("vmcompare_render_cache_entries", "Answers kept in the render cache.", cache.size),
    gauge("vmcompare_render_cache_capacity_bytes", "Memory the render cache may use (RENDER_CACHE_MB).", cache.maxBytes),
  ];
}

/** Registers the server's collectors (scripts/serve.ts calls it once it has its gate and cache). */
export function registerServerMetrics(gate: Pick<RenderGate, "stats" | "opts">, cache: Pick<RenderCache, "hits" | "misses" | "size" | "maxBytes">): void {
  metrics().collect("server", () => serverFamilies(gate, cache));
}

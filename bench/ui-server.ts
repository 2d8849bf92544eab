import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../e2e/server/production-server";

/**
 * The server the browser benchmarks (bench/lighthouse.ts, bench/interaction.ts)
 * measure: BENCH_URL when given (any running site), else the production build
 * served by scripts/serve.ts on BENCH_PORT (3490) with a PGlite folder of demo
 * data (about 5,000 VMs) that is kept between runs in BENCH_DATA_DIR, so only
 * the first run waits for the seed.
 */
export interface BenchSite {
  baseUrl: string;
  stop(): Promise<void>;
}

export async function benchSite(): Promise<BenchSite> {
  if (process.env.BENCH_URL) return { baseUrl: process.env.BENCH_URL.replace(/\/$/, ""), stop: async () => {} };
  const dir = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), "vmc-bench-ui");
  fs.mkdirSync(dir, { recursive: true });
  const port = Number(process.env.BENCH_PORT ?? 3490);
  process.stderr.write(`starting the production server on port ${port} (PGlite ${dir}) …\n`);
  const server = await startServer({ database: "pglite", port, pgliteDir: dir, startTimeoutMs: 600_000 });
  return { baseUrl: server.baseUrl, stop: () => server.stop() };
}

/** The machine's load while measuring, said next to the numbers. */
export function machineLoad(): string {
  const [l1, l5] = os.loadavg();
  return `${os.cpus().length} cores, load average ${l1.toFixed(1)} (1 min) / ${l5.toFixed(1)} (5 min)`;
}

/** A VM page, /compare and the other URLs measured, from the site's own data. */
export async function benchUrls(baseUrl: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/v1/vms?sort=created&size=2`);
  if (!res.ok) throw new Error(`GET /api/v1/vms: ${res.status}`);
  const ids = ((await res.json()) as { rows: { id: string }[] }).rows.map((r) => r.id);
  if (ids.length < 2) throw new Error("the site has fewer than two VMs");
  return {
    "/": "/",
    "/vms": "/vms",
    "VM page": `/vms/${ids[0]}`,
    "/compare": `/compare?ids=${ids.join(",")}`,
  };
}

/**
 * The data behind the vCPU/memory scatter, shared by the client chart (scatter-chart.tsx, Recharts)
 * and the server-rendered one (scatter-svg.tsx).
 */
export interface ScatterChartPoint {
  vcpus: number;
  memoryGiB: number;
}

export interface SizingScatterProps {
  peers: ScatterChartPoint[];
  vm: ScatterChartPoint;
  height?: number;
}

export interface Bubble {
  vcpus: number;
  memoryGiB: number;
  count: number;
}

/** Peers sized alike are drawn as one bubble whose area is their count: VM sizes sit on a grid of powers of two. */
export function bubbles(points: ScatterChartPoint[]): Bubble[] {
  const byKey = new Map<string, Bubble>();
  for (const p of points) {
    const key = `${p.vcpus}/${p.memoryGiB}`;
    const b = byKey.get(key);
    if (b) b.count += 1;
    else byKey.set(key, { vcpus: p.vcpus, memoryGiB: p.memoryGiB, count: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.vcpus - b.vcpus || a.memoryGiB - b.memoryGiB);
}

export function powerTicks(values: number[]): number[] {
  const lo = Math.max(Math.min(...values), 0.25);
  const hi = Math.max(...values);
  const ticks: number[] = [];
  for (let t = 2 ** Math.floor(Math.log2(lo)); t <= hi * 1.0001; t *= 2) ticks.push(t);
  return ticks;
}


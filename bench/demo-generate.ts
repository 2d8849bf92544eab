/**
 * How long the demo generator takes for 100,000 VMs (it seeds the first start and the
 * 100,000-VM browse benchmark). Run: npx tsx bench/demo-generate.ts — prints min/median/max over 5 runs.
 */
import { generateDemoVms } from "@/lib/demo/generate";

const RUNS = 5;
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const vms = generateDemoVms({ count: 100_000, seed: 7 + i });
  times.push(performance.now() - t);
  if (vms.length !== 100_000) throw new Error(`generated ${vms.length} VMs, want 100,000`);
}
times.sort((a, b) => a - b);
const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`demo generator, 100,000 VMs: min ${f(times[0])}, median ${f(times[Math.floor(RUNS / 2)])}, max ${f(times[RUNS - 1])}`);

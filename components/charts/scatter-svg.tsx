import styles from "./charts.module.css";
import { bubbles, powerTicks, type SizingScatterProps } from "./scatter-data";

const W = 480;
const M = { top: 28, right: 16, bottom: 36, left: 64 };

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/**
 * vCPUs against memory on doubling (log 2) axes, drawn on the server as plain
 * SVG: peers sized alike are one bubble whose area is their count, this VM a
 * labelled diamond (shape and colour). Each bubble names its size and count on
 * hover (its title); the chart is described in its label for screen readers.
 */
export function ScatterSvg({ peers, vm, height = 300 }: SizingScatterProps) {
  const data = bubbles(peers);
  const xs = [...data.map((d) => d.vcpus), vm.vcpus];
  const ys = [...data.map((d) => d.memoryGiB), vm.memoryGiB];
  const maxCount = Math.max(1, ...data.map((d) => d.count));
  // Half a doubling of room on each side keeps points at the extremes (often this VM) clear of the axes.
  const pad = (vals: number[]): [number, number] => [Math.max(Math.min(...vals), 0.125) / Math.SQRT2, Math.max(...vals) * Math.SQRT2];
  const [x0, x1] = pad(xs);
  const [y0, y1] = pad(ys);
  const H = height;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const sx = (v: number) => M.left + ((Math.log2(Math.max(v, x0)) - Math.log2(x0)) / (Math.log2(x1) - Math.log2(x0) || 1)) * plotW;
  const sy = (v: number) => M.top + plotH - ((Math.log2(Math.max(v, y0)) - Math.log2(y0)) / (Math.log2(y1) - Math.log2(y0) || 1)) * plotH;
  // Area proportional to the count, as Recharts' ZAxis range did (30..600 px² at 40 VMs or more).
  const areaMax = 30 + 570 * Math.min(1, maxCount / 40);
  const radius = (count: number) => Math.sqrt((30 + ((areaMax - 30) * (count - 1)) / Math.max(1, maxCount - 1)) / Math.PI);
  const description = `Scatter chart of vCPUs against memory for ${peers.length} sampled peers in ${data.length} distinct sizes; this VM has ${vm.vcpus} vCPUs and ${vm.memoryGiB} GiB.`;
  const vx = sx(vm.vcpus);
  const vy = sy(vm.memoryGiB);
  const r = 9;
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={description} className={styles.chart}>
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" className={styles.svgChart} style={{ maxHeight: H + 40 }} aria-hidden="true" focusable="false">
          {powerTicks(xs).filter((t) => t >= x0 && t <= x1).map((t) => (
            <g key={`x${t}`}>
              <line x1={sx(t)} x2={sx(t)} y1={M.top} y2={M.top + plotH} stroke="var(--border)" />
              <text x={sx(t)} y={M.top + plotH + 14} textAnchor="middle" fontSize={11} fill="var(--muted)">{fmt(t)}</text>
            </g>
          ))}
          {powerTicks(ys).filter((t) => t >= y0 && t <= y1).map((t) => (
            <g key={`y${t}`}>
              <line x1={M.left} x2={W - M.right} y1={sy(t)} y2={sy(t)} stroke="var(--border)" />
              <text x={M.left - 6} y={sy(t)} dy="0.32em" textAnchor="end" fontSize={11} fill="var(--muted)">{fmt(t)} GiB</text>
            </g>
          ))}
          <text x={M.left + plotW / 2} y={H - 4} textAnchor="middle" fontSize={12} fill="var(--muted)">vCPUs</text>
          <g fontSize={12} fill="var(--text)">
            <circle cx={M.left + 6} cy={10} r={5} fill="var(--chart-1)" fillOpacity={0.55} />
            <text x={M.left + 16} y={14}>Peers (bubble area = VMs)</text>
            <polygon points={`${M.left + 196},4 ${M.left + 202},10 ${M.left + 196},16 ${M.left + 190},10`} fill="var(--chart-5)" stroke="var(--text)" />
            <text x={M.left + 208} y={14}>This VM</text>
          </g>
          {data.map((d) => (
            <circle key={`${d.vcpus}/${d.memoryGiB}`} cx={sx(d.vcpus)} cy={sy(d.memoryGiB)} r={radius(d.count)} fill="var(--chart-1)" fillOpacity={0.55}>
              <title>{`${fmt(d.vcpus)} vCPUs, ${fmt(d.memoryGiB)} GiB: ${d.count} ${d.count === 1 ? "VM" : "VMs"}`}</title>
            </circle>
          ))}
          <g>
            <polygon points={`${vx},${vy - r} ${vx + r},${vy} ${vx},${vy + r} ${vx - r},${vy}`} fill="var(--chart-5)" stroke="var(--text)" strokeWidth={1.5}>
              <title>{`This VM: ${fmt(vm.vcpus)} vCPUs, ${fmt(vm.memoryGiB)} GiB`}</title>
            </polygon>
            <text x={vx + r + 4} y={vy + 4} fontSize={11} fontWeight={600} fill="var(--text)" textAnchor={vx > W - 70 ? "end" : "start"} dx={vx > W - 70 ? -2 * r - 8 : 0}>this VM</text>
          </g>
        </svg>
      </div>
      <figcaption className="muted small">
        A sample of {peers.length} peers. Axes double at each step. This VM: {vm.vcpus} vCPUs, {vm.memoryGiB} GiB (red diamond).
      </figcaption>
    </figure>
  );
}

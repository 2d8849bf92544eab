"use client";

import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import styles from "./charts.module.css";

import { bubbles, powerTicks, type SizingScatterProps } from "./scatter-data";

export { bubbles, type ScatterChartPoint, type SizingScatterProps } from "./scatter-data";

/** A fixed-size diamond, larger than any bubble's centre, so this VM stands out in shape as well as colour. */
function thisVmShape(props: unknown) {
  const { cx, cy } = props as { cx?: number; cy?: number };
  if (cx == null || cy == null) return <g />;
  const r = 9;
  return (
    <g>
      <polygon points={`${cx},${cy - r} ${cx + r},${cy} ${cx},${cy + r} ${cx - r},${cy}`} fill="var(--chart-5)" stroke="var(--text)" strokeWidth={1.5} />
      <text x={cx + r + 4} y={cy + 4} fontSize={11} fontWeight={600} fill="var(--text)">this VM</text>
    </g>
  );
}

/** vCPUs against memory on doubling (log 2) axes, this VM drawn as a labelled diamond. */
export function SizingScatter({ peers, vm, height = 300 }: SizingScatterProps) {
  const data = bubbles(peers);
  const vmData = [{ ...vm, count: 1 }];
  const xs = [...data.map((d) => d.vcpus), vm.vcpus];
  const ys = [...data.map((d) => d.memoryGiB), vm.memoryGiB];
  const maxCount = Math.max(1, ...data.map((d) => d.count));
  // Half a doubling of room on each side keeps points at the extremes (often this VM) clear of the axes.
  const pad = (vals: number[]): [number, number] => [Math.max(Math.min(...vals), 0.125) / Math.SQRT2, Math.max(...vals) * Math.SQRT2];
  const description = `Scatter chart of vCPUs against memory for ${peers.length} sampled peers in ${data.length} distinct sizes; this VM has ${vm.vcpus} vCPUs and ${vm.memoryGiB} GiB.`;
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={description} className={styles.chart} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height }}>
          <ScatterChart margin={{ top: 10, right: 16, bottom: 24, left: 4 }}>
            <CartesianGrid stroke="var(--border)" />
            <XAxis
              type="number" dataKey="vcpus" name="vCPUs" scale="log" domain={pad(xs)} allowDataOverflow ticks={powerTicks(xs)}
              tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)"
              label={{ value: "vCPUs", position: "insideBottom", offset: -14, fill: "var(--muted)", fontSize: 12 }}
            />
            <YAxis
              type="number" dataKey="memoryGiB" name="Memory" unit=" GiB" scale="log" domain={pad(ys)} allowDataOverflow ticks={powerTicks(ys)}
              width={72} tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)"
            />
            <ZAxis type="number" dataKey="count" range={[30, 30 + 570 * Math.min(1, maxCount / 40)]} name="VMs" />
            <Tooltip
              cursor={{ strokeDasharray: "3 3" }}
              contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)", fontSize: 12 }}
            />
            <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />
            <Scatter name="Peers (bubble area = VMs)" data={data} fill="var(--chart-1)" fillOpacity={0.55} isAnimationActive={false} />
            <Scatter name="This VM" data={vmData} fill="var(--chart-5)" stroke="var(--text)" shape={thisVmShape} legendType="diamond" isAnimationActive={false} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">
        A sample of {peers.length} peers. Axes double at each step. This VM: {vm.vcpus} vCPUs, {vm.memoryGiB} GiB (red diamond).
      </figcaption>
    </figure>
  );
}

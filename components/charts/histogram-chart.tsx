"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./charts.module.css";
import { HistogramCaption } from "./histogram-caption";
import { histogramView, type HistogramChartProps } from "./histogram-data";

export { histogramBars, markedBin, type HistogramChartBin, type HistogramChartProps } from "./histogram-data";

/**
 * Peers' distribution as bars, the bar holding this VM drawn in another
 * colour AND labelled, so the mark does not rely on colour alone.
 */
export function HistogramChart({ bins, value, title, unknown = 0, markLabel = "this VM", height = 190 }: HistogramChartProps) {
  const { data, marked, outside, leftOut, description } = histogramView({ bins, value, title, unknown, markLabel });
  if (bins.length === 0) return <p className="muted small">No peers to chart.{leftOut}</p>;
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={description} className={styles.chart} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height }}>
          <BarChart data={data} margin={{ top: 22, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)" interval="preserveStartEnd" />
            <YAxis allowDecimals={false} width={40} tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)" />
            <Tooltip
              cursor={{ fill: "var(--surface-2)" }}
              contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)", fontSize: 12 }}
              formatter={(v) => [`${v} VMs`, "Peers"]}
              labelFormatter={(l) => `${title}: ${l}`}
            />
            <Bar dataKey="count" isAnimationActive={false} radius={[3, 3, 0, 0]}>
              {data.map((d, i) => (
                <Cell key={d.label} fill={i === marked ? "var(--chart-2)" : "var(--chart-1)"} stroke={i === marked ? "var(--text)" : "none"} strokeWidth={i === marked ? 1.5 : 0} />
              ))}
              <LabelList dataKey="mark" position="top" fill="var(--text)" fontSize={11} fontWeight={600} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <HistogramCaption value={value} outside={outside} unknown={unknown} />
    </figure>
  );
}

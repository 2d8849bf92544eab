"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./charts.module.css";

export interface HistogramChartBin {
  x0: number;
  x1: number;
  label: string;
  count: number;
}

export interface HistogramChartProps {
  bins: HistogramChartBin[];
  /** The compared VM's value, in the bins' unit; null when unknown: nothing is marked, no bar is added at 0. */
  value: number | null;
  /** Peers left out of the bins because their value is unknown, said in the caption. */
  unknown?: number;
  /** What is counted, e.g. "vCPUs" or "Memory (GiB)". */
  title: string;
  /** Text for the marked bar, e.g. "this VM". */
  markLabel?: string;
  height?: number;
}

function formatValue(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Index of the bin holding `value`; values outside every bin mark the nearest end. */
export function markedBin(bins: HistogramChartBin[], value: number): number {
  if (bins.length === 0) return -1;
  const i = bins.findIndex((b) => value >= b.x0 && value < b.x1);
  if (i >= 0) return i;
  return value < bins[0].x0 ? 0 : bins.length - 1;
}

/**
 * The bars drawn: the peers' bins, plus an empty bar for a VM outside their range so the mark never sits
 * on a bar it is not in. An unknown value marks nothing and adds no bar (never one at 0).
 */
export function histogramBars(bins: HistogramChartBin[], value: number | null, markLabel = "this VM") {
  if (value == null) return { data: bins.map((b) => ({ ...b, mark: "" })), marked: -1, outside: false };
  const below = bins.length > 0 && value < bins[0].x0;
  const above = bins.length > 0 && value >= bins[bins.length - 1].x1;
  const own: HistogramChartBin = { x0: value, x1: value, label: formatValue(value), count: 0 };
  const shown = below ? [own, ...bins] : above ? [...bins, own] : bins;
  const marked = below ? 0 : above ? shown.length - 1 : markedBin(bins, value);
  return { data: shown.map((b, i) => ({ ...b, mark: i === marked ? markLabel : "" })), marked, outside: below || above };
}

/**
 * Peers' distribution as bars, the bar holding this VM drawn in another
 * colour AND labelled, so the mark does not rely on colour alone.
 */
export function HistogramChart({ bins, value, title, unknown = 0, markLabel = "this VM", height = 190 }: HistogramChartProps) {
  const { data, marked, outside } = histogramBars(bins, value, markLabel);
  const total = bins.reduce((s, b) => s + b.count, 0);
  const own =
    value == null
      ? "This VM's value is unknown and is not charted."
      : `This VM (${formatValue(value)}) ${outside ? "is outside the peers' range" : `falls in the ${data[marked]?.label} bin`}.`;
  const leftOut = unknown > 0 ? ` ${unknown} ${unknown === 1 ? "peer" : "peers"} with an unknown value left out.` : "";
  const description = `${title}: histogram of ${total} peers; ${bins.map((b) => `${b.label}: ${b.count}`).join(", ")}. ${own}${leftOut}`;
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
      <figcaption className="muted small">
        {value == null ? (
          "this VM: unknown, not charted"
        ) : (
          <>
            <span className={styles.swatchMark} aria-hidden="true" /> this VM ({formatValue(value)}){outside ? ", outside the peers' range" : ""}
          </>
        )}
        {" · "}
        <span className={styles.swatchPeer} aria-hidden="true" /> peers
        {unknown > 0 ? ` · ${unknown} unknown left out` : ""}
      </figcaption>
    </figure>
  );
}

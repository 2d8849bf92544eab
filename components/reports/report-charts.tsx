"use client";

import { Bar, BarChart, CartesianGrid, Cell, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BarsChart, ReportChart, TrendChart } from "@/lib/reports/model";
import styles from "./report-charts.module.css";

/**
 * Charts of a report (workload page, permalink page), drawn from the same
 * plain data the PDF draws. Each figure has a text description for screen
 * readers; colour is never the only carrier of meaning.
 */
const TOOLTIP = { background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)", fontSize: 12 };
const TICK = { fill: "var(--muted)", fontSize: 11 };

function pct(x: number | null): string {
  if (x === null) return "";
  if (x > 0 && x < 0.005) return "<1%";
  return `${Math.round(x * 100)}%`;
}

function isShares(c: BarsChart): boolean {
  return c.yLabel.toLowerCase().includes("share");
}

function describeBars(c: BarsChart): string {
  const parts = c.bars.map((b) => `${b.label}: ${isShares(c) ? `${pct(b.share)} (${b.count})` : b.count}${b.highlight ? " (this VM)" : ""}`);
  return `${c.title}. ${parts.join(", ")}.`;
}

export function BarsChartView({ chart, height = 200 }: { chart: BarsChart; height?: number }) {
  if (chart.bars.length === 0) return <p className={styles.empty}>No data yet.</p>;
  const shares = isShares(chart);
  const data = chart.bars.map((b) => ({ ...b, value: shares ? Math.round((b.share ?? 0) * 1000) / 10 : b.count, text: shares ? pct(b.share) : String(b.count) }));
  if (shares) {
    const h = Math.max(90, 30 + data.length * 28);
    return (
      <div role="img" aria-label={describeBars(chart)} className={styles.chart} style={{ height: h }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: h }}>
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 44, bottom: 4, left: 8 }}>
            <XAxis type="number" domain={[0, 100]} hide />
            <YAxis type="category" dataKey="label" width={130} tick={TICK} stroke="var(--border)" interval={0} />
            <Tooltip cursor={{ fill: "var(--surface-2)" }} contentStyle={TOOLTIP} formatter={(_v, _n, item) => [`${item.payload.text} (${item.payload.count} VMs)`, chart.title]} />
            <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]} fill="var(--chart-1)">
              <LabelList dataKey="text" position="right" fill="var(--text)" fontSize={11} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    );
  }
  return (
    <div role="img" aria-label={describeBars(chart)} className={styles.chart} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height }}>
        <BarChart data={data} margin={{ top: 18, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="label" tick={TICK} stroke="var(--border)" interval="preserveStartEnd" />
          <YAxis allowDecimals={false} width={40} tick={TICK} stroke="var(--border)" />
          <Tooltip cursor={{ fill: "var(--surface-2)" }} contentStyle={TOOLTIP} formatter={(v) => [`${v} VMs`, chart.yLabel]} labelFormatter={(l) => `${chart.xLabel}: ${l}`} />
          <Bar dataKey="value" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.highlight ? "var(--chart-2)" : "var(--chart-1)"} stroke={d.highlight ? "var(--text)" : "none"} />
            ))}
            <LabelList dataKey="text" position="top" fill="var(--muted)" fontSize={10} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

const SERIES_COLORS = ["var(--chart-1)", "var(--chart-2)", "var(--chart-3)"];

export function TrendChartView({ chart, height = 220 }: { chart: TrendChart; height?: number }) {
  if (chart.points.length === 0) return <p className={styles.empty}>No data yet.</p>;
  const data = chart.points.map((p) => ({ x: p.x, n: p.n, ...p.values }));
  const description = `${chart.title}. ${chart.points
    .map((p) => `${p.x} (${p.n} VMs): ${chart.series.map((s) => `${s.label} ${p.values[s.key] ?? "unknown"}${s.unit ? ` ${s.unit}` : ""}`).join(", ")}`)
    .join("; ")}.`;
  return (
    <>
      <div role="img" aria-label={description} className={styles.chart} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height }}>
          <LineChart data={data} margin={{ top: 12, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="x" tick={TICK} stroke="var(--border)" />
            {chart.series.map((s, i) => (
              <YAxis key={s.key} yAxisId={s.key} orientation={i === 0 ? "left" : "right"} width={40} tick={{ ...TICK, fill: SERIES_COLORS[i] }} stroke="var(--border)" />
            ))}
            <Tooltip contentStyle={TOOLTIP} />
            {chart.series.map((s, i) => (
              <Line
                key={s.key}
                yAxisId={s.key}
                dataKey={s.key}
                name={`${s.label}${s.unit ? ` (${s.unit})` : ""}`}
                stroke={SERIES_COLORS[i]}
                strokeWidth={2}
                strokeDasharray={i === 1 ? "5 3" : undefined}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className={styles.legend} aria-hidden="true">
        {chart.series.map((s, i) => (
          <span key={s.key}>
            <span className={styles.swatch} style={{ background: SERIES_COLORS[i] }} />
            {s.label}{s.unit ? ` (${s.unit})` : ""}{i === 1 ? " - dashed" : ""}{i === 0 ? " - left axis" : " - right axis"}
          </span>
        ))}
      </div>
    </>
  );
}

export function ReportChartFigure({ chart, headingLevel = 3 }: { chart: ReportChart; headingLevel?: 3 | 4 }) {
  const H = headingLevel === 3 ? "h3" : "h4";
  return (
    <figure className={styles.figure} data-chart={chart.id}>
      <H>{chart.title}</H>
      {chart.type === "bars" ? <BarsChartView chart={chart} /> : <TrendChartView chart={chart} />}
    </figure>
  );
}

export function ReportCharts({ charts }: { charts: ReportChart[] }) {
  return (
    <div className={styles.grid}>
      {charts.map((c) => (
        <ReportChartFigure key={c.id} chart={c} />
      ))}
    </div>
  );
}

"use client";

import { useState } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatInt, trim } from "@/lib/text/display";
import styles from "./estates.module.css";

export interface TimelinePoint {
  seq: number;
  date: string;
  vms: number;
  vcpus: number;
  memoryMiB: number;
  diskGiB: number;
}

const METRICS = [
  { key: "vms", label: "VMs", unit: "", color: "var(--chart-1)", value: (p: TimelinePoint) => p.vms },
  { key: "vcpus", label: "vCPUs", unit: "", color: "var(--chart-2)", value: (p: TimelinePoint) => p.vcpus },
  { key: "memory", label: "Memory", unit: "GiB", color: "var(--chart-3)", value: (p: TimelinePoint) => Math.round((p.memoryMiB / 1024) * 10) / 10 },
  { key: "disk", label: "Disk", unit: "TiB", color: "var(--chart-4)", value: (p: TimelinePoint) => Math.round((p.diskGiB / 1024) * 100) / 100 },
] as const;

type MetricKey = (typeof METRICS)[number]["key"];

/**
 * The estate's totals per import. One metric at a time: VMs, vCPUs, memory
 * and disk differ by orders of magnitude and would flatten each other on a
 * shared axis. The history table beside it carries the same numbers.
 */
export function EstateTimeline({ points }: { points: TimelinePoint[] }) {
  const [metric, setMetric] = useState<MetricKey>("vms");
  const m = METRICS.find((x) => x.key === metric)!;
  const data = points.map((p) => ({ name: `#${p.seq}`, date: p.date, value: m.value(p) }));
  const fmt = (v: number) => `${m.unit === "" ? formatInt(v) : trim(v)}${m.unit ? ` ${m.unit}` : ""}`;
  const description = `${m.label} per import: ${data.map((d) => `import ${d.name} (${d.date}) ${fmt(d.value)}`).join(", ")}.`;
  return (
    <figure style={{ margin: 0 }}>
      <div className={styles.metricToggle} role="group" aria-label="Metric to chart">
        {METRICS.map((x) => (
          <button key={x.key} type="button" className="btn btn-sm" aria-pressed={x.key === metric} onClick={() => setMetric(x.key)}>
            {x.label}
          </button>
        ))}
      </div>
      <div className={styles.chart} role="img" aria-label={description}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
          <LineChart data={data} margin={{ top: 10, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis dataKey="name" tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)" />
            <YAxis width={56} tick={{ fill: "var(--muted)", fontSize: 11 }} stroke="var(--border)" domain={["auto", "auto"]} allowDecimals={m.unit !== ""} />
            <Tooltip
              contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)", fontSize: 12 }}
              formatter={(v) => [fmt(Number(v)), m.label]}
              labelFormatter={(l, payload) => `Import ${l}${payload?.[0] ? ` · ${(payload[0].payload as { date: string }).date}` : ""}`}
            />
            <Line type="monotone" dataKey="value" stroke={m.color} strokeWidth={2} dot={{ r: 4, fill: m.color }} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="muted small">{m.label}{m.unit ? ` (${m.unit})` : ""} after each import.</figcaption>
    </figure>
  );
}

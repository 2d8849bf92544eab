/**
 * The data behind a histogram, shared by the client chart (histogram-chart.tsx, Recharts) and the
 * server-rendered one (histogram-svg.tsx): plain functions, importable from server and client code.
 */
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

export function formatValue(v: number): string {
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


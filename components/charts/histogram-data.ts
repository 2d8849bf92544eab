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


/**
 * The bars and the screen-reader sentence of a histogram, shared by the Recharts and the server-drawn SVG
 * versions: the bins, where this VM falls (or that it is unknown) and how many unknown peers were left out.
 */
export function histogramView({ bins, value, title, unknown = 0, markLabel = "this VM" }: HistogramChartProps) {
  const { data, marked, outside } = histogramBars(bins, value, markLabel);
  const total = bins.reduce((s, b) => s + b.count, 0);
  const own =
    value == null
      ? "This VM's value is unknown and is not charted."
      : `This VM (${formatValue(value)}) ${outside ? "is outside the peers' range" : `falls in the ${data[marked]?.label} bin`}.`;
  const leftOut = unknown > 0 ? ` ${unknown} ${unknown === 1 ? "peer" : "peers"} with an unknown value left out.` : "";
  const description = `${title}: histogram of ${total} peers; ${bins.map((b) => `${b.label}: ${b.count}`).join(", ")}. ${own}${leftOut}`;
  return { data, marked, outside, leftOut, description };
}

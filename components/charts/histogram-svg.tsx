import styles from "./charts.module.css";
import { HistogramCaption } from "./histogram-caption";
import { histogramView, type HistogramChartProps } from "./histogram-data";

/** A round upper end for the count axis: 1, 2, 5 × 10^k. */
function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

const W = 320;
const M = { top: 22, right: 8, bottom: 22, left: 40 };

/**
 * Peers' distribution as bars, drawn on the server as plain SVG: no chart
 * library reaches the browser for it. The bar holding this VM is drawn in
 * another colour AND labelled, so the mark does not rely on colour alone; each
 * bar names its bin and count on hover (its title), and the whole chart is
 * described in its label for screen readers.
 */
export function HistogramSvg({ bins, value, title, unknown = 0, markLabel = "this VM", height = 190 }: HistogramChartProps) {
  const { data, marked, outside, leftOut, description } = histogramView({ bins, value, title, unknown, markLabel });
  if (bins.length === 0) return <p className="muted small">No peers to chart.{leftOut}</p>;

  const H = height;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const max = niceMax(Math.max(...data.map((d) => d.count)));
  const y = (c: number) => M.top + plotH - (c / max) * plotH;
  const band = plotW / data.length;
  const barW = Math.max(1, band * 0.8);
  // At most about eight labels on the axis: every k-th bin, always the first and the last.
  const every = Math.ceil(data.length / 8);
  const ticks = max === 1 ? [0, 1] : [0, max / 2, max].filter((t) => Number.isInteger(t));
  return (
    <figure className={styles.figure}>
      <div role="img" aria-label={description} className={styles.chart}>
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" className={styles.svgChart} aria-hidden="true" focusable="false">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="var(--border)" />
              <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={11} fill="var(--muted)">{t.toLocaleString("en-US")}</text>
            </g>
          ))}
          {data.map((d, i) => {
            const x = M.left + i * band + (band - barW) / 2;
            const top = y(d.count);
            const isMark = i === marked;
            return (
              <g key={`${d.label}-${i}`}>
                <rect
                  x={x}
                  y={top}
                  width={barW}
                  height={Math.max(0, M.top + plotH - top)}
                  rx={Math.min(3, barW / 2)}
                  fill={isMark ? "var(--chart-2)" : "var(--chart-1)"}
                  stroke={isMark ? "var(--text)" : "none"}
                  strokeWidth={isMark ? 1.5 : 0}
                >
                  <title>{`${title}: ${d.label} — ${d.count.toLocaleString("en-US")} ${d.count === 1 ? "VM" : "VMs"}`}</title>
                </rect>
                {isMark ? (
                  <text x={x + barW / 2} y={top - 6} textAnchor="middle" fontSize={11} fontWeight={600} fill="var(--text)">{d.mark}</text>
                ) : null}
                {i % every === 0 || i === data.length - 1 ? (
                  <text x={x + barW / 2} y={H - M.bottom + 14} textAnchor="middle" fontSize={11} fill="var(--muted)">{d.label}</text>
                ) : null}
              </g>
            );
          })}
          <line x1={M.left} x2={W - M.right} y1={M.top + plotH} y2={M.top + plotH} stroke="var(--border)" />
        </svg>
      </div>
      <HistogramCaption value={value} outside={outside} unknown={unknown} />
    </figure>
  );
}

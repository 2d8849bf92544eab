import styles from "./charts.module.css";
import { formatValue } from "./histogram-data";

/** The legend under a histogram (Recharts or server-drawn): this VM's mark, the peers' bars, unknowns left out. */
export function HistogramCaption({ value, outside, unknown }: { value: number | null; outside: boolean; unknown: number }) {
  return (
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
  );
}

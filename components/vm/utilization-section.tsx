import type { Utilization } from "@/lib/vm/model";
import { provenanceText, utilizationMetricName, utilizationValueText } from "@/lib/vm/utilization-text";

/**
 * The VM's utilization figures, each with its statistic, window and source in plain words, so that a
 * point-in-time sample is never read as an average. Renders nothing when the VM has no figures.
 */
export function UtilizationSection({ figures }: { figures: readonly Utilization[] }) {
  if (figures.length === 0) return null;
  return (
    <section className="card" aria-labelledby="utilization" style={{ marginTop: "1rem" }}>
      <h2 id="utilization">Utilization</h2>
      <ul data-testid="utilization-figures">
        {figures.map((u, i) => (
          <li key={i}>
            <strong>{utilizationMetricName(u.metric)} {utilizationValueText(u)}</strong>
            <span className="muted"> · {provenanceText(u)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

import type { BusySummary } from "@/lib/db/peer-usage";
import { utilizationMetricName, utilizationValueText, windowText } from "@/lib/vm/utilization-text";

const STATISTIC: Record<BusySummary["statistic"], string> = { average: "average", p95: "95th percentile", max: "maximum", sample: "point-in-time sample" };

/** "How busy are VMs of this workload", next to "how big are they": quartiles of each usage figure. */
export function HowBusy({ busy, appName }: { busy: BusySummary[]; appName: string }) {
  const v = (b: BusySummary, x: number) => utilizationValueText({ metric: b.metric, value: Math.round(x * 10) / 10 });
  return (
    <section className="card" aria-labelledby="how-busy" style={{ marginTop: "1rem" }} data-testid="how-busy">
      <h2 id="how-busy">How busy they are</h2>
      {busy.length === 0 ? (
        <p className="muted">No {appName} VM has usage figures yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr><th scope="col">Figure</th><th scope="col" className="num">Median</th><th scope="col" className="num">Middle half (p25–p75)</th><th scope="col" className="num">VMs</th><th scope="col">Over</th></tr>
            </thead>
            <tbody>
              {busy.map((b) => (
                <tr key={`${b.metric} ${b.statistic}`}>
                  <th scope="row">{utilizationMetricName(b.metric)}, {STATISTIC[b.statistic]}</th>
                  <td className="num"><strong>{v(b, b.median)}</strong></td>
                  <td className="num">{v(b, b.p25)} – {v(b, b.p75)}</td>
                  <td className="num">{b.n.toLocaleString("en-US")}</td>
                  <td>{b.statistic === "sample" ? "one reading each" : b.windows.map(windowText).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

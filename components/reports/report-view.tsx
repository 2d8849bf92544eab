import Link from "next/link";
import type { Report } from "@/lib/reports/model";
import { LazyReportCharts as ReportCharts } from "@/components/charts/lazy";
import styles from "./report-view.module.css";

/** A stored report shown as it was frozen: every section of the PDF, on a page. */
function n(x: number | null, digits = 2): string {
  if (x === null) return "—";
  return (Math.round(x * 10 ** digits) / 10 ** digits).toLocaleString("en-US");
}

const SEVERITY_BADGE: Record<string, string> = { problem: "badge-bad", warning: "badge-warn", info: "" };

export function ReportView({ report: r }: { report: Report }) {
  const multi = r.subjects.length > 1;
  const labels = new Map(r.subjects.map((s) => [s.id, s.label]));
  const hasValue = r.metrics.some((m) => m.value !== null || m.valueUnknown);
  const hasBaseline = r.baseline !== null;
  return (
    <div className={styles.root}>
      <section className="card" aria-labelledby="peer-group">
        <h2 id="peer-group">Peer group</h2>
        {r.subjects.map((s) => (
          <p key={s.id}>
            {multi ? <strong>{s.label}{s.isBaseline ? " (baseline)" : ""}: </strong> : null}
            {s.peerGroup ? <>{s.peerGroup.description} <span className="muted small">rule “{s.peerGroup.rule}”, n = {s.peerGroup.n}</span></> : "No peer group"}
          </p>
        ))}
      </section>

      {r.subjects.some((s) => s.facts.length) ? (
        <section className="card" aria-labelledby="config">
          <h2 id="config">{multi ? "Configurations" : "Configuration"}</h2>
          <div className={styles.facts}>
            {r.subjects.filter((s) => s.facts.length).map((s) => (
              <div key={s.id}>
                {multi ? <h3 className={styles.subjectTitle}>{s.url ? <Link href={s.url}>{s.label}</Link> : s.label}</h3> : null}
                <dl className="facts">
                  {s.facts.map((f) => (
                    <div key={f.label} style={{ display: "contents" }}><dt>{f.label}</dt><dd>{f.value}</dd></div>
                  ))}
                </dl>
              </div>
            ))}
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="metrics">
        <h2 id="metrics">Metrics</h2>
        <div className="table-wrap">
          <table className="data" data-testid="report-metrics">
            <thead>
              <tr>
                {multi ? <th scope="col">VM</th> : null}
                <th scope="col">Metric</th>
                {hasValue ? <><th scope="col" className="num">Value</th><th scope="col" className="num">Percentile</th></> : null}
                <th scope="col" className="num">Peer median</th>
                <th scope="col" className="num">p25</th>
                <th scope="col" className="num">p75</th>
                <th scope="col" className="num">n</th>
                {hasBaseline ? <th scope="col">vs baseline</th> : null}
              </tr>
            </thead>
            <tbody>
              {r.metrics.map((m) => (
                <tr key={`${m.subject}-${m.key}`}>
                  {multi ? <td>{labels.get(m.subject) ?? m.subject}</td> : null}
                  <td>{m.label}{m.unit ? ` (${m.unit})` : ""}</td>
                  {hasValue ? <><td className="num">{m.valueUnknown ? "unknown" : n(m.value)}</td><td className="num">{n(m.percentile, 0)}</td></> : null}
                  <td className="num">{n(m.median)}</td>
                  <td className="num">{n(m.p25)}</td>
                  <td className="num">{n(m.p75)}</td>
                  <td className="num">
                    {n(m.n, 0)}
                    {m.nUnknown ? <span className="muted small"> ({m.nUnknown} unknown)</span> : null}
                  </td>
                  {hasBaseline ? <td>{m.subject === r.baseline ? "baseline" : m.baseline?.text ?? "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="findings">
        <h2 id="findings">{r.kind === "workload" ? "What most admins do" : "Findings"}</h2>
        {r.findings.length === 0 ? <p className="muted">Nothing stands out from the peer group.</p> : (
          <ul className={styles.list}>
            {r.findings.map((f) => <li key={`${f.subject}-${f.id}`} className={f.severity === "notable" ? styles.notable : undefined}>{f.text}</li>)}
          </ul>
        )}
      </section>

      {r.checks.length ? (
        <section className="card" aria-labelledby="checks">
          <h2 id="checks">Configuration checks</h2>
          <ul className={styles.list}>
            {r.checks.map((c) => (
              <li key={`${c.subject}-${c.id}-${c.title}`}>
                <span className={`badge ${SEVERITY_BADGE[c.severity] ?? ""} ${styles.sev}`}>{c.severity}</span>
                <strong>{c.title}.</strong> {c.text} {c.action}{c.source ? <span className="muted small"> Source: {c.source}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {r.notes.length ? (
        <section className="card" aria-labelledby="notes">
          <h2 id="notes">Notes</h2>
          <ul className={styles.list}>{r.notes.map((x) => <li key={x}>{x}</li>)}</ul>
        </section>
      ) : null}

      {r.charts.length ? (
        <section className="card" aria-labelledby="charts">
          <h2 id="charts">Charts</h2>
          <ReportCharts charts={r.charts} />
        </section>
      ) : null}

      <p className={`small muted ${styles.textLinks}`}>
        Data: {r.licence.attribution}, licensed <a href={r.licence.url}>{r.licence.name}</a>.
      </p>
    </div>
  );
}

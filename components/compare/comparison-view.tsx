import Link from "next/link";
import { HistogramSvg as HistogramChart } from "@/components/charts/histogram-svg";
import { ScatterSvg as SizingScatter } from "@/components/charts/scatter-svg";
import type { Finding } from "@/lib/compare/findings";
import type { MetricRow, VmComparison } from "@/lib/compare/report-model";
import { ChecksList } from "./checks-list";
import { ToneText } from "./tone-text";
import { UsageView } from "./usage-view";
import styles from "./compare.module.css";

const RULE_NAMES: Record<string, string> = {
  "app-version": "Same application and version",
  app: "Same application, any version",
  "guest-family": "Same guest OS family",
  all: "All published VMs",
};

function num(x: number | null, digits = 2): string {
  if (x == null) return "—";
  const r = Math.round(x * 10 ** digits) / 10 ** digits;
  return r.toLocaleString("en-US");
}

function withUnit(x: number | null, unit: string): string {
  return x == null ? "—" : unit ? `${num(x)} ${unit}` : num(x);
}

export function ordinal(n: number): string {
  const r = Math.round(n);
  const mod100 = r % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[r % 10] ?? "th";
  return `${r}${suffix}`;
}

/** What a peer left out of a metric lacks: "2 without disk sizes". */
export function leftOutText(m: Pick<MetricRow, "key" | "unknown">): string | null {
  const unknown = m.unknown ?? 0;
  if (unknown === 0) return null;
  return `${unknown.toLocaleString("en-US")} without ${m.key === "totalDiskGiB" ? "disk sizes" : "a known value"}`;
}

function MetricCard({ m }: { m: MetricRow }) {
  const title = m.unit ? `${m.label} (${m.unit})` : m.label;
  const leftOut = leftOutText(m);
  return (
    <section className={`card ${styles.metric}`} aria-labelledby={`metric-${m.key}`} data-metric={m.key}>
      <h3 id={`metric-${m.key}`}>{m.label}</h3>
      <p className={styles.metricValue}>
        <span className="stat-value">{m.value == null ? "unknown" : withUnit(m.value, m.unit)}</span>
        {m.value == null ? (
          <span className="badge">not compared</span>
        ) : m.percentile != null ? (
          <span className="badge badge-accent" title="Mid-rank percentile among the peers">
            {ordinal(m.percentile)} percentile
          </span>
        ) : (
          <span className="badge">no peers</span>
        )}
      </p>
      <dl className={`facts small ${styles.metricFacts}`}>
        <dt>Peer median</dt>
        <dd>{withUnit(m.p50, m.unit)}</dd>
        <dt>Middle half</dt>
        <dd>{m.p25 == null ? "—" : `${withUnit(m.p25, m.unit)} – ${withUnit(m.p75, m.unit)}`}</dd>
        <dt>Peers</dt>
        <dd data-testid={`peers-${m.key}`}>
          n = {m.n.toLocaleString("en-US")}
          {leftOut ? `; ${leftOut}` : ""}
        </dd>
      </dl>
      {m.note ? <p className="small alert alert-warn">{m.note}</p> : null}
      <HistogramChart bins={m.histogram} value={m.value} unknown={m.unknown ?? 0} title={title} />
    </section>
  );
}

function FindingItem({ f }: { f: Finding }) {
  const n = f.numbers;
  const basis =
    n.comparator === "="
      ? `${n.count} of ${n.of} peers (${n.pct}%) use ${n.category}; a finding needs ${n.threshold}%`
      : `${n.count} of ${n.of} peers (${n.pct}%) at ${n.comparator === ">=" ? "≥" : "≤"} ${num(n.threshold)}`;
  return (
    <li className={styles.findingItem} data-finding={f.id}>
      <p className={styles.findingHead}>
        <span className={f.severity === "notable" ? "badge badge-warn" : "badge"}>{f.severity === "notable" ? "Notable" : "Info"}</span>{" "}
        {f.text}
      </p>
      <p className="small muted">Numbers: {basis}.</p>
    </li>
  );
}

export interface ComparisonViewProps {
  comparison: VmComparison;
  /** Where "similar VM" links go; defaults to the VM page. */
  vmHref?: (id: string) => string;
}

/**
 * The comparison of one VM with its peers: the peer group, metrics with
 * histograms, the sizing scatter, findings, similar VMs and checks.
 * Works in server pages and in client components alike (no server imports).
 */
export function ComparisonView({ comparison: c, vmHref = (id) => `/vms/${id}` }: ComparisonViewProps) {
  const tooFew = c.peerGroup.n < c.peerGroup.minN;
  const vcpus = c.metrics.find((m) => m.key === "vcpus");
  const memory = c.metrics.find((m) => m.key === "memoryMiB");
  return (
    <div className={styles.view}>
      <section className="card" aria-labelledby="peers">
        <h2 id="peers">Peer group</h2>
        <p>
          <strong data-testid="peer-description">{c.peerGroup.description}</strong>
        </p>
        <p className="small muted">
          Peer groups start with VMs running the same application and version and widen while the group has fewer than{" "}
          {c.peerGroup.minN} VMs. {c.vm.id ? "This VM itself is not counted among its peers." : "Your configuration is not counted among the peers."}
        </p>
        <ul className={`small ${styles.ruleList}`}>
          {c.peerGroup.considered.map((r) => (
            <li key={r.rule} aria-current={r.rule === c.peerGroup.rule ? "true" : undefined}>
              {RULE_NAMES[r.rule] ?? r.rule}: {r.n.toLocaleString("en-US")} VMs
              {r.rule === c.peerGroup.rule ? <strong> — used</strong> : r.n < c.peerGroup.minN ? <span className="muted"> — too few</span> : null}
            </li>
          ))}
        </ul>
        {tooFew ? (
          <p className="alert alert-warn">
            Too few peers to compare: only {c.peerGroup.n} published VMs, and percentiles need at least {c.peerGroup.minN}.
          </p>
        ) : null}
      </section>

      <h2 id="metrics">Sizing against the peers</h2>
      <div className={`grid ${styles.metricGrid}`}>
        {c.metrics.map((m) => (
          <MetricCard key={m.key} m={m} />
        ))}
      </div>

      {c.usage ? <UsageView usage={c.usage} /> : null}

      {vcpus?.value != null && memory?.value != null ? (
        <section className="card" aria-labelledby="scatter" style={{ marginTop: "1rem" }}>
          <h2 id="scatter">vCPUs and memory</h2>
          {c.scatter.length === 0 ? (
            <p className="muted">No peers to chart.</p>
          ) : (
            <SizingScatter peers={c.scatter} vm={{ vcpus: vcpus.value, memoryGiB: memory.value }} />
          )}
        </section>
      ) : null}

      <div className="grid grid-2" style={{ marginTop: "1rem" }}>
        <section className="card" aria-labelledby="findings">
          <h2 id="findings">Findings</h2>
          {tooFew ? (
            <p className="muted">
              Too few peers to say: {c.peerGroup.n} in the group, findings need {c.peerGroup.minN}.
            </p>
          ) : c.findings.length === 0 ? (
            <p className="muted">Nothing stands out: on every measure fewer than 70% of the {c.peerGroup.n.toLocaleString("en-US")} peers differ in one direction.</p>
          ) : (
            <ul className={styles.findingList}>
              {c.findings.map((f) => (
                <FindingItem key={f.id} f={f} />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="checks">
          <h2 id="checks">Checks</h2>
          <ChecksList checks={c.checks} checksRun={c.checksRun} />
        </section>
      </div>

      <section className="card" aria-labelledby="similar" style={{ marginTop: "1rem" }}>
        <h2 id="similar">Similar VMs</h2>
        {c.similar.length === 0 ? (
          <p className="muted">No peers are sized within a factor of two of this VM.</p>
        ) : (
          <>
            <p className="small muted">Differences are shown relative to {c.vm.id ? "this VM" : "your configuration"}.</p>
            <div className="table-wrap">
              <table className="data compact">
                <thead>
                  <tr>
                    <th scope="col">VM</th>
                    <th scope="col">Application</th>
                    {c.similar[0].diffs.map((d) => (
                      <th key={d.key} scope="col">
                        {d.label}
                      </th>
                    ))}
                    <th scope="col">Also differs</th>
                    <th scope="col" className="num">
                      Similarity
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.similar.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link href={vmHref(s.id)} data-testid="similar-label">{s.label}</Link>{" "}
                        <span className="muted small">{s.id}</span>
                      </td>
                      <td>{s.appName ?? "—"}</td>
                      {s.diffs.map((d) => (
                        <td key={d.key}>
                          <ToneText text={d.text} tone={d.tone} direction={d.direction} />
                        </td>
                      ))}
                      <td>{s.otherDiffs.length ? s.otherDiffs.join(", ") : <span className="muted">—</span>}</td>
                      <td className="num">{Math.round(s.similarity * 100)}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </div>
  );
}

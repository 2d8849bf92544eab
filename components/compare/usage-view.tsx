import { HistogramSvg as HistogramChart } from "@/components/charts/histogram-svg";
import type { SizeSuggestion } from "@/lib/compare/right-size";
import type { UsageRow } from "@/lib/compare/usage-peers";
import type { VmUsage } from "@/lib/compare/vm-usage";
import { formatMemory } from "@/lib/text/display";
import { provenanceText, utilizationMetricName, utilizationValueText, windowText } from "@/lib/vm/utilization-text";
import styles from "./compare.module.css";

function ordinal(n: number): string {
  const r = Math.round(n);
  const mod100 = r % 100;
  const suffix = mod100 >= 11 && mod100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[r % 10] ?? "th";
  return `${r}${suffix}`;
}

const value = (r: UsageRow, v: number | null) => (v == null ? "—" : utilizationValueText({ metric: r.metric, value: Math.round(v * 10) / 10 }));

function peersText(r: UsageRow): string {
  const over = r.statistic === "sample" ? "point-in-time samples" : `over ${r.peerWindows.map(windowText).join(", ") || "stated windows"}`;
  return `${r.n.toLocaleString("en-US")} ${r.n === 1 ? "peer has" : "peers have"} this figure (${over})`;
}

function UsageCard({ r }: { r: UsageRow }) {
  const title = `${utilizationMetricName(r.metric)} (${r.statistic})`;
  const id = `usage-${r.metric}-${r.statistic}`.replace(/\./g, "-");
  return (
    <section className={`card ${styles.metric}`} aria-labelledby={id} data-usage={`${r.metric} ${r.statistic}`}>
      <h3 id={id}>{title}</h3>
      <p className={styles.metricValue}>
        <span className="stat-value">{value(r, r.value)}</span>
        {r.percentile != null ? (
          <span className="badge badge-accent" title="Mid-rank percentile among the peers with this figure">{ordinal(r.percentile)} percentile</span>
        ) : (
          <span className="badge">too few peers</span>
        )}
      </p>
      <p className="small muted">{provenanceText(r)}</p>
      <dl className={`facts small ${styles.metricFacts}`}>
        <dt>Peer median</dt><dd>{value(r, r.median)}</dd>
        <dt>Middle half</dt><dd>{r.p25 == null ? "—" : `${value(r, r.p25)} – ${value(r, r.p75)}`}</dd>
        <dt>Peers</dt><dd data-testid={`usage-peers-${r.metric}-${r.statistic}`}>{peersText(r)}{r.percentile == null ? `; placing needs ${r.minN}` : ""}</dd>
      </dl>
      {r.histogram.length > 0 ? <HistogramChart bins={r.histogram} value={r.value} title={title} /> : null}
    </section>
  );
}

function sizeLine(what: string, s: SizeSuggestion, fmt: (n: number) => string) {
  const same = s.suggested === s.current;
  return (
    <li>
      <strong>{what}: {same ? `keep ${fmt(s.current)}` : `${fmt(s.current)} → ${fmt(s.suggested)}`}</strong>{" "}
      <span className="small muted">
        ({s.basis.statistic} {Math.round(s.basis.value * 10) / 10}% over {windowText(s.basis.window)}; peers with usage data run a median of {fmt(s.peerMedian)}, a quarter run {fmt(s.peerP25)} or less
        {s.raisedByPeers ? `; own use alone would allow ${fmt(s.fromUse)}, held at what three peers in four run` : ""})
      </span>
    </li>
  );
}

/** Utilization against the peer group: each figure placed, findings with their numbers, the suggestion. */
export function UsageView({ usage }: { usage: VmUsage }) {
  const s = usage.suggestion;
  return (
    <section aria-labelledby="usage-peers" style={{ marginTop: "1rem" }} data-testid="usage-comparison">
      <h2 id="usage-peers">Utilization against the peers</h2>
      <p className="small muted">
        {usage.groupLabel} peers with usage data: {usage.peersWithUsage.toLocaleString("en-US")}. A figure is set only against peers&apos; figures of the same
        statistic: a sample against samples, an average against averages.
      </p>
      <div className={`grid ${styles.metricGrid}`}>
        {usage.rows.map((r) => <UsageCard key={`${r.metric} ${r.statistic}`} r={r} />)}
      </div>
      <div className="grid grid-2" style={{ marginTop: "1rem" }}>
        <section className="card" aria-labelledby="usage-findings">
          <h3 id="usage-findings">Size and use</h3>
          {usage.findings.length === 0 ? <p className="muted">Too few peers with the same usage figures to say.</p> : (
            <ul className={styles.findingList}>
              {usage.findings.map((f) => <li key={f.id} className={styles.findingItem} data-finding={f.id}>{f.text}</li>)}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="right-size">
          <h3 id="right-size">Right-sizing</h3>
          {!s ? (
            <p className="muted" data-testid="no-suggestion">
              No suggestion: it needs a 95th percentile or maximum over a period for CPU or memory, and at least 10 peers with usage data.
            </p>
          ) : (
            <>
              <p className="small">Smallest size keeping the 95th percentile under {s.targetPct}%, checked against what peers run:</p>
              <ul data-testid="suggestion">
                {s.vcpus ? sizeLine("vCPUs", s.vcpus, (n) => String(n)) : null}
                {s.memoryMiB ? sizeLine("Memory", s.memoryMiB, (n) => formatMemory(Math.round(n))) : null}
              </ul>
              <p className="small muted">
                Confidence {s.confidence.level}: {s.confidence.peers.toLocaleString("en-US")} peers with usage data; based on {s.confidence.statistics.join(" and ")}.
              </p>
            </>
          )}
        </section>
      </div>
    </section>
  );
}

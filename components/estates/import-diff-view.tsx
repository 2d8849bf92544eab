import Link from "next/link";
import type { ImportDiff } from "@/lib/estates/views";
import type { EstateTotals } from "@/lib/estates/diff";
import { formatDiskTotals, formatGiB, formatInt, formatMemory, plural } from "@/lib/text/display";
import styles from "./estates.module.css";

function Delta({ value, format }: { value: number; format: (n: number) => string }) {
  if (value === 0) return <span className={`${styles.delta} muted`}>no change</span>;
  const up = value > 0;
  return (
    <span className={`${styles.delta} ${up ? styles.up : styles.down}`}>
      {up ? "+" : "−"}
      {format(Math.abs(value))}
    </span>
  );
}

export function TotalsStats({ totals, delta }: { totals: EstateTotals; delta?: EstateTotals | null }) {
  const items: { label: string; value: string; d?: number; f: (n: number) => string }[] = [
    { label: "VMs", value: formatInt(totals.vms), d: delta?.vms, f: formatInt },
    { label: "vCPUs", value: formatInt(totals.vcpus), d: delta?.vcpus, f: formatInt },
    { label: "Memory", value: formatMemory(totals.memoryMiB), d: delta?.memoryMiB, f: formatMemory },
    { label: "Disk", value: formatDiskTotals(totals), d: delta?.diskGiB, f: formatGiB },
  ];
  return (
    <div className={styles.statRow}>
      {items.map((i) => (
        <div key={i.label} className="stat card">
          <span className="stat-value">{i.value}</span>
          <span className="stat-label">{i.label}</span>
          {delta && i.d !== undefined ? <Delta value={i.d} format={i.f} /> : null}
        </div>
      ))}
    </div>
  );
}

const vmLink = (id: string | null) => (id ? <Link href={`/vms/${id}`}>{id}</Link> : <span className="muted">—</span>);

/** What an import changed: counts, totals before → after, and the VMs added, removed and changed. */
export function ImportDiffView({ diff, headingId }: { diff: ImportDiff; headingId: string }) {
  const s = diff.summary;
  return (
    <section aria-labelledby={headingId} className={styles.section}>
      <div className={styles.diffHead}>
        <h2 id={headingId} tabIndex={-1}>Changes in import #{diff.seq}</h2>
        <p className="muted small" data-testid="diff-summary">
          {plural(s.added, "VM")} added · {plural(s.removed, "VM")} removed · {plural(s.changed, "VM")} changed · {formatInt(s.unchanged)} unchanged
        </p>
      </div>
      <TotalsStats totals={diff.totals} delta={diff.delta} />

      <h3>Changed ({formatInt(s.changed)})</h3>
      {diff.changed.length ? (
        <div className={`table-wrap ${styles.tableScroll}`}>
          <table className="data compact" data-testid="changed-table">
            <caption className="sr-only">Changed VMs and what changed</caption>
            <thead>
              <tr><th scope="col">VM (from your file)</th><th scope="col">What changed</th><th scope="col">Published as</th></tr>
            </thead>
            <tbody>
              {diff.changed.map((c, i) => (
                <tr key={c.vmId ?? i}>
                  <td>{c.label ?? <span className="muted">unnamed</span>}</td>
                  <td className={styles.changeText}>{c.text}</td>
                  <td>{vmLink(c.vmId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No VM changed.</p>
      )}

      <h3>Added ({formatInt(s.added)})</h3>
      {diff.added.length ? (
        <div className={`table-wrap ${styles.tableScroll}`}>
          <table className="data compact" data-testid="added-table">
            <caption className="sr-only">Added VMs</caption>
            <thead>
              <tr><th scope="col">VM (from your file)</th><th scope="col" className="num">vCPUs</th><th scope="col" className="num">Memory</th><th scope="col" className="num">Disk</th><th scope="col">Guest OS</th><th scope="col">Published as</th></tr>
            </thead>
            <tbody>
              {diff.added.map((a) => (
                <tr key={a.vmId}>
                  <td>{a.label ?? <span className="muted">unnamed</span>}</td>
                  <td className="num">{a.vcpus}</td>
                  <td className="num">{formatMemory(a.memoryMiB)}</td>
                  <td className="num">{formatGiB(a.diskGiB)}</td>
                  <td>{a.guestOs ?? "—"}</td>
                  <td>{vmLink(a.vmId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No VM added.</p>
      )}

      <h3>Removed ({formatInt(s.removed)})</h3>
      {diff.removed.length ? (
        <>
          <p className="muted small">These VMs were not in the new export and have been deleted from the site. Their names were never stored, so only their configuration is shown.</p>
          <div className={`table-wrap ${styles.tableScroll}`}>
            <table className="data compact" data-testid="removed-table">
              <caption className="sr-only">Removed VMs</caption>
              <thead>
                <tr><th scope="col">Was</th><th scope="col" className="num">vCPUs</th><th scope="col" className="num">Memory</th><th scope="col" className="num">Disk</th><th scope="col">Guest OS</th></tr>
              </thead>
              <tbody>
                {diff.removed.map((r, i) => (
                  <tr key={r.vmId ?? i}>
                    <td>{r.vmId ?? "—"}</td>
                    <td className="num">{r.vcpus}</td>
                    <td className="num">{formatMemory(r.memoryMiB)}</td>
                    <td className="num">{formatGiB(r.diskGiB)}</td>
                    <td>{r.guestOs ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p className="muted">No VM removed.</p>
      )}
    </section>
  );
}

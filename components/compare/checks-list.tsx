import Link from "next/link";
import type { CheckFinding, Severity } from "@/lib/checks/types";
import styles from "./compare.module.css";

const SEVERITY: Record<Severity, { label: string; badge: string }> = {
  problem: { label: "Problem", badge: "badge badge-bad" },
  warning: { label: "Warning", badge: "badge badge-warn" },
  info: { label: "Info", badge: "badge" },
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const s = SEVERITY[severity];
  return <span className={s.badge}>{s.label}</span>;
}

/** Findings of lib/checks with severity, explanation, what to do and the source. */
export function ChecksList({ checks, checksRun }: { checks: CheckFinding[]; checksRun: number }) {
  if (checks.length === 0) {
    return (
      <p className="alert alert-ok" role="status">
        No problems found by {checksRun} checks. <Link href="/checks">What is checked</Link>
      </p>
    );
  }
  return (
    <ul className={styles.findingList}>
      {checks.map((c, i) => (
        <li key={`${c.checkId}-${i}`} className={styles.checkItem}>
          <p className={styles.findingHead}>
            <SeverityBadge severity={c.severity} /> <strong>{c.title}</strong>
          </p>
          <p>{c.explanation}</p>
          <p>
            <span className="muted">What to do: </span>
            {c.action}
          </p>
          <p className="small muted">
            Source:{" "}
            {c.source.url ? (
              <a href={c.source.url} rel="noopener noreferrer" target="_blank">
                {c.source.title}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
            ) : (
              c.source.title
            )}
            {" · "}
            <Link href={`/checks#${c.checkId}`}>About this check</Link>
          </p>
        </li>
      ))}
    </ul>
  );
}

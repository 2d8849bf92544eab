import type { Metadata } from "next";
import Link from "next/link";
import { CHECK_DOCS } from "@/lib/checks";
import styles from "./checks.module.css";
import contrast from "@/components/compare/contrast.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Configuration checks" };

/** Every check of lib/checks: what it looks at, the rules it applies and where they come from. */
export default function ChecksPage() {
  return (
    <div className={`container page ${contrast.root}`}>
      <PageHeader title="Configuration checks">
        Every VM page runs these {CHECK_DOCS.length} checks against the VM’s configuration, tags and context. Each finding says what was
        found, what to do and where the rule comes from. A check whose facts are unknown says nothing.
      </PageHeader>
      <nav aria-label="Checks on this page" className={`card ${styles.toc}`}>
        <ol>
          {CHECK_DOCS.map((c) => (
            <li key={c.id}><a href={`#${c.id}`}>{c.title}</a></li>
          ))}
          <li><Link href="/checks/linked-clones">Linked clone estimator</Link></li>
        </ol>
      </nav>
      {CHECK_DOCS.map((c) => (
        <section key={c.id} id={c.id} className={`card ${styles.check}`} aria-labelledby={`${c.id}-title`} data-check={c.id}>
          <h2 id={`${c.id}-title`}>{c.title}</h2>
          <p>{c.summary}</p>
          {c.id === "linked-clones" ? (
            <p><Link className="btn btn-sm btn-primary" href="/checks/linked-clones">Open the linked clone estimator</Link></p>
          ) : null}
          {c.tables.map((t) => (
            <div key={t.title} className={styles.tableBlock}>
              <div className="table-wrap">
                <table className="data compact">
                  <caption className={styles.caption}>{t.title}</caption>
                  <thead>
                    <tr>{t.columns.map((col) => <th key={col} scope="col">{col}</th>)}</tr>
                  </thead>
                  <tbody>
                    {t.rows.map((row, i) => (
                      <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          ))}
          <h3>Sources</h3>
          <ul className="small">
            {c.sources.map((s) => (
              <li key={s.title}>{s.url ? <a href={s.url} rel="noopener noreferrer">{s.title}</a> : s.title}</li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

import Link from "next/link";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AdminConsole } from "@/components/admin/admin-console";
import { DeleteByIdForm, FlaggedActions, NameActions } from "@/components/admin/admin-actions";
import { AdminLogin, AdminLogout } from "@/components/admin/admin-login";
import styles from "@/components/admin/admin.module.css";
import { REPORT_REASONS, type ReportReason } from "@/lib/contribute/moderation-schemas";
import { getDb } from "@/lib/db/client";
import { listAudit, listFlaggedVms, listMergeTargets, listProposedNames } from "@/lib/db/moderation";
import { ADMIN_COOKIE, adminConfigured, isAdminSession } from "@/lib/server/admin-auth";
import { formatDate } from "@/lib/text/display";
import { vmLabel } from "@/lib/vm/label";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderation", robots: { index: false, follow: false } };

const ACTIONS: Record<string, string> = {
  "name.approve": "Approved name", "name.merge": "Merged name", "name.reject": "Rejected name",
  "vm.confirm": "Confirmed VM", "report.dismiss": "Dismissed reports", "vm.delete": "Deleted VM",
};

function when(iso: string): string {
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;
}

export default async function AdminPage() {
  if (!adminConfigured()) {
    return (
      <div className="container page">
        <h1>Moderation</h1>
        <div className="alert alert-warn" role="status">
          <strong>Moderation is off on this server.</strong> To review proposed application names, reported and
          implausible VMs, set <code>ADMIN_TOKEN</code> (a secret of at least 16 characters) in the server&apos;s environment
          and restart it. The same token works for <code>npm run admin</code> on the command line.
        </div>
      </div>
    );
  }
  if (!isAdminSession((await cookies()).get(ADMIN_COOKIE)?.value)) {
    return (
      <div className="container page">
        <div className="page-header"><div><h1>Moderation</h1><p className="lead">For the site&apos;s moderators: enter the admin token.</p></div></div>
        <AdminLogin />
      </div>
    );
  }

  const db = await getDb();
  const [names, targets, flagged, audit] = await Promise.all([listProposedNames(db), listMergeTargets(db), listFlaggedVms(db), listAudit(db, 50)]);
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <h1>Moderation</h1>
          <p className="lead">Proposed application names, flagged VMs and everything done here, newest first.</p>
        </div>
        <AdminLogout />
      </div>
      <AdminConsole>
        <section className={`card ${styles.section}`} aria-labelledby="names-title">
          <h2 id="names-title">Proposed application names <span className="badge">{names.length}</span></h2>
          <p className="small muted">
            Typed by contributors and not in the list of applications. Until approved, a name shows only on its own VMs&apos; pages:
            not in workloads, filters, peer groups or the open-data dump.
          </p>
          {names.length === 0 ? <p className="muted" data-testid="names-empty">No name awaits review.</p> : (
            <table className={`data compact ${styles.table}`} data-testid="proposed-names">
              <thead><tr><th scope="col">Name as typed</th><th scope="col" className="num">VMs</th><th scope="col">Proposed</th><th scope="col">Decision</th></tr></thead>
              <tbody>
                {names.map((n) => (
                  <tr key={n.slug} data-slug={n.slug}>
                    <td className={styles.detail}>
                      <strong>{n.name}</strong> <span className="muted small">({n.slug})</span>
                      <div className="small">{n.vmIds.map((id, i) => <span key={id}>{i ? ", " : "on "}<Link href={`/vms/${id}`}>{id}</Link></span>)}{n.vmCount > n.vmIds.length ? ` and ${n.vmCount - n.vmIds.length} more` : ""}</div>
                    </td>
                    <td className="num">{n.vmCount}</td>
                    <td>{formatDate(n.proposedAt.slice(0, 10))}</td>
                    <td><NameActions slug={n.slug} name={n.name} targets={targets} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className={`card ${styles.section}`} aria-labelledby="flagged-title">
          <h2 id="flagged-title">Flagged VMs <span className="badge">{flagged.length}</span></h2>
          <p className="small muted">Implausible numbers no one has confirmed (left out of peer statistics until then), and VMs visitors reported.</p>
          {flagged.length === 0 ? <p className="muted" data-testid="flagged-empty">No VM is flagged.</p> : (
            <table className={`data compact ${styles.table}`} data-testid="flagged-vms">
              <thead><tr><th scope="col">VM</th><th scope="col">Why</th><th scope="col">Decision</th></tr></thead>
              <tbody>
                {flagged.map((f) => (
                  <tr key={f.id} data-vm={f.id}>
                    <td className={styles.detail}><Link href={`/vms/${f.id}`}>{vmLabel(f.label)}</Link><div className="small muted">{f.id} · {formatDate(f.createdAt)}</div></td>
                    <td className={styles.detail}>
                      {f.implausibleReasons.length ? <><span className="badge badge-warn">implausible</span><ul className={`small ${styles.reasons}`}>{f.implausibleReasons.map((r) => <li key={r}>{r}</li>)}</ul></> : null}
                      {f.reports.length ? (
                        <>
                          <span className="badge badge-bad">{f.reports.length} report{f.reports.length === 1 ? "" : "s"}</span>
                          <ul className={`small ${styles.reasons}`}>
                            {f.reports.map((r) => (
                              <li key={r.id}>{REPORT_REASONS[r.reason as ReportReason] ?? r.reason}{r.note ? <>: <q>{r.note}</q></> : null} <span className="muted">({formatDate(r.createdAt.slice(0, 10))})</span></li>
                            ))}
                          </ul>
                        </>
                      ) : null}
                    </td>
                    <td><FlaggedActions id={f.id} implausible={f.implausibleReasons.length > 0} reported={f.reports.length > 0} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className={`card ${styles.section}`} aria-labelledby="delete-title">
          <h2 id="delete-title">Delete any VM</h2>
          <p className="small muted">For spam found elsewhere. The VM leaves browsing, comparisons and peer statistics; this cannot be undone.</p>
          <DeleteByIdForm />
        </section>

        <section className={`card ${styles.section}`} aria-labelledby="audit-title">
          <h2 id="audit-title">Audit log</h2>
          {audit.length === 0 ? <p className="muted">Nothing has been done yet.</p> : (
            <table className={`data compact ${styles.table}`} data-testid="audit-log">
              <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th><th scope="col">Detail</th></tr></thead>
              <tbody>
                {audit.map((a) => (
                  <tr key={a.id}>
                    <td>{when(a.at)}</td><td>{a.actor}</td><td>{ACTIONS[a.action] ?? a.action}</td>
                    <td><code>{a.targetId}</code></td><td className={styles.detail}>{a.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <p className="small muted">The same log from the command line: <code>npm run admin -- audit</code>.</p>
        </section>
      </AdminConsole>
    </div>
  );
}

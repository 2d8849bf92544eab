import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { ExportButtons } from "@/components/reports/export-buttons";
import { ReportView } from "@/components/reports/report-view";
import { getReadDb } from "@/lib/db/client";
import { getReport } from "@/lib/db/reports";
import styles from "@/components/reports/report-view.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const KIND_NAMES = { vm: "VM comparison", "side-by-side": "Side-by-side comparison", private: "Private comparison", workload: "Workload profile" } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const stored = await getReport(await getReadDb(), (await params).id);
  // Every permalink stays out of search engines: private ones must, and the
  // live pages are the better search result for the rest.
  const robots = { index: false, follow: false };
  if (!stored) return { title: "Report not found", robots };
  return { title: `${stored.report.title} (report of ${stored.createdAt.slice(0, 10)})`, robots };
}

export default async function ReportPage({ params }: Props) {
  const { id } = await params;
  const stored = await getReport(await getReadDb(), id);
  if (!stored) notFound();
  const r = stored.report;
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <p className="muted small">Report · {KIND_NAMES[r.kind]}</p>
          <h1>{r.title}</h1>
          {r.summary ? <p className="lead">{r.summary}</p> : null}
          <p className={`alert ${styles.textLinks}`} data-testid="frozen-note">
            Numbers frozen on <strong><time dateTime={r.generatedAt}>{r.generatedAt.slice(0, 10)}</time></strong> at{" "}
            {r.generatedAt.slice(11, 16)} UTC: this report does not change as more VMs are contributed.
            {r.url ? <> The <Link href={r.url}>live page</Link> shows today&apos;s numbers.</> : null}
          </p>
          {stored.isPrivate ? (
            <p className="small muted">
              A private report: anyone with this link can read it, and it is listed nowhere. It holds only what its author
              chose to include.
            </p>
          ) : null}
        </div>
      </div>
      <section className="card no-print" aria-labelledby="export-heading" style={{ marginBottom: "1rem" }}>
        <h2 id="export-heading">Export</h2>
        <ExportButtons kind="permalink" source={{ id: stored.id }} />
      </section>
      <ReportView report={r} />
    </div>
  );
}

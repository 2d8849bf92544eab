import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { ExportButtons } from "@/components/reports/export-buttons";
import { LazyReportCharts as ReportCharts } from "@/components/charts/lazy";
import { getReadDb } from "@/lib/db/client";
import { shareBase } from "@/lib/server/share-base";
import { loadWorkload } from "./load-workload";
import { workloadBusy } from "@/lib/db/peer-usage";
import { HowBusy } from "@/components/workloads/how-busy";
import { formatDate, formatInt, plural } from "@/lib/text/display";
import { workloadReport } from "@/lib/reports/from-workload";
import { DATA_LICENCE } from "@/lib/reports/model";
import { workloadStatements, type WorkloadMetric } from "@/lib/reports/workload";
import styles from "../workloads.module.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const w = await loadWorkload((await params).slug);
  if (!w) return { title: "Workload not found" };
  const title = `${w.app.name} VMs: typical configuration`;
  const description = `How ${formatInt(w.n)} admins configure ${w.app.name} VMs: vCPUs, memory, disks, NICs, hypervisors and NIC models.`;
  // The share card itself is opengraph-image.tsx beside this page; Next adds og:image for it.
  return { title, description, metadataBase: await shareBase(), openGraph: { title, description, type: "website" }, twitter: { card: "summary_large_image" } };
}

function num(x: number | null, unit: string): string {
  if (x === null) return "—";
  const r = x >= 100 ? Math.round(x) : Math.round(x * 10) / 10;
  return `${formatInt(r)}${unit ? ` ${unit}` : ""}`;
}

function TypicalTable({ metrics }: { metrics: WorkloadMetric[] }) {
  return (
    <div className="table-wrap">
      <table className={`data ${styles.typical}`} data-testid="typical-table">
        <caption className="sr-only">Typical configuration: median, interquartile range and range of each dimension</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col" className="num">Median</th>
            <th scope="col" className="num">Middle half (p25–p75)</th>
            <th scope="col" className="num">Range</th>
            <th scope="col" className="num">VMs</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((m) => (
            <tr key={m.key}>
              <th scope="row">{m.label}</th>
              <td className="num"><strong>{num(m.median, m.unit)}</strong></td>
              <td className="num">{m.p25 === null ? "—" : `${num(m.p25, "")}–${num(m.p75, m.unit)}`}</td>
              <td className="num">{m.min === null ? "—" : `${num(m.min, "")}–${num(m.max, m.unit)}`}</td>
              <td className="num">
                {formatInt(m.n)}
                {m.unknown > 0 ? <span className="muted small"> ({formatInt(m.unknown)} without {m.key === "totalDiskGiB" ? "disk sizes" : "a value"})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function WorkloadPage({ params }: Props) {
  const { slug } = await params;
  const db = await getReadDb();
  const [w, busy] = await Promise.all([loadWorkload(slug), workloadBusy(db, slug)]);
  if (!w) notFound();
  const report = workloadReport(w);
  const statements = workloadStatements(w);
  const histograms = report.charts.filter((c) => c.id.startsWith("histogram-"));
  const splits = report.charts.filter((c) => c.id.startsWith("split-"));
  const trend = report.charts.filter((c) => c.type === "trend");

  return (
    <div className={`container page ${styles.printRoot}`}>
      <div className="page-header">
        <div>
          <p className={`muted small ${styles.textLinks}`}><Link href="/workloads">Workloads</Link> / {w.app.categoryName}</p>
          <h1>{w.app.name}</h1>
          {w.app.description ? <p className="lead">{w.app.description}</p> : null}
          <div className="tag-list">
            <span className="badge" data-testid="vm-count">{plural(w.n, "VM")}</span>
            {w.app.vendor ? <span className="badge">{w.app.vendor}</span> : null}
            <span className="badge">{w.app.categoryName}</span>
          </div>
          <p className={`small muted ${styles.printDate}`}>
            Report printed from vmcompare on {formatDate(report.generatedAt)}. Data: {DATA_LICENCE.attribution}, {DATA_LICENCE.name} ({DATA_LICENCE.url}).
          </p>
        </div>
        {w.n > 0 ? (
          <div className={styles.noPrint}>
            <Link href={`/vms?app=${encodeURIComponent(w.app.slug)}`} className="btn">Browse these VMs</Link>
          </div>
        ) : null}
      </div>

      {w.n === 0 ? (
        <section className="card empty" aria-labelledby="empty-heading">
          <h2 id="empty-heading">No {w.app.name} VMs yet</h2>
          <p>
            Nobody has published a VM tagged {w.app.name} so far. Yours could be the first: upload a .vmx, OVF, libvirt XML,
            Proxmox config or RVTools export, check what will be published, and tag it {w.app.name}.
          </p>
          <p><Link href="/contribute" className="btn btn-primary">Contribute a {w.app.name} VM</Link></p>
        </section>
      ) : (
        <>
          <div className={styles.summary}>
            <section className="card" aria-labelledby="typical">
              <h2 id="typical">Typical configuration</h2>
              <p className="small muted">
                From {plural(w.n, "published VM")} tagged {w.app.name}. The middle half is the range between the 25th and
                75th percentile: half of the VMs fall inside it.
              </p>
              <TypicalTable metrics={w.metrics} />
            </section>
            <section className="card" aria-labelledby="guide">
              <h2 id="guide">What most admins do</h2>
              <ul className={styles.statements}>
                {statements.map((s) => (
                  <li key={s.id} className={s.notable ? styles.notable : undefined}>{s.text}</li>
                ))}
              </ul>
              {w.n < 20 ? <p className="alert alert-warn small">Only {plural(w.n, "VM")}: these numbers may change a lot as more arrive.</p> : null}
              {w.versions.length ? (
                <>
                  <h3>Versions</h3>
                  <div className={styles.versions}>
                    {w.versions.map((v) => <span key={v.version} className="badge">{v.version} · {formatInt(v.n)}</span>)}
                  </div>
                </>
              ) : null}
            </section>
          </div>
          <HowBusy busy={busy} appName={w.app.name} />

          <section className={`card ${styles.section}`} aria-labelledby="distributions">
            <h2 id="distributions">Distributions</h2>
            <ReportCharts charts={histograms} />
          </section>

          <section className={`card ${styles.section}`} aria-labelledby="splits">
            <h2 id="splits">Hypervisor, guest OS, NIC model and firmware</h2>
            <p className="small muted">Shares of the {plural(w.n, "VM")}. A VM with NICs of two models counts for both.</p>
            <ReportCharts charts={splits} />
          </section>

          {trend.length ? (
            <section className={`card ${styles.section}`} aria-labelledby="trend">
              <h2 id="trend">Trend by contribution year</h2>
              <p className="small muted">Median vCPUs and memory of the VMs contributed each year.</p>
              <ReportCharts charts={trend} />
            </section>
          ) : null}
        </>
      )}

      <section className={`card ${styles.section} ${styles.noPrint}`} aria-labelledby="export-heading">
        <h2 id="export-heading">Export this workload</h2>
        <ExportButtons kind="workload" source={{ slug: w.app.slug }} />
        <p className={`small muted ${styles.textLinks}`}>
          Data licensed <a href={DATA_LICENCE.url}>{DATA_LICENCE.name}</a>; see <Link href="/data">open data</Link> for the full dump.
          Printing this page also gives a clean report.
        </p>
      </section>
    </div>
  );
}

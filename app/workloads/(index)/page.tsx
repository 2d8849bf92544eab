import Link from "next/link";
import type { Metadata } from "next";
import { getReadDb } from "@/lib/db/client";
import { listWorkloads, type WorkloadCategory } from "@/lib/db/workloads";
import { formatInt, plural } from "@/lib/text/display";
import styles from "../workloads.module.css";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Workloads",
  description: "How admins size VMs for each application: typical vCPUs, memory, disks and NICs from published configurations.",
};

type Props = { searchParams: Promise<{ q?: string | string[] }> };

function matches(q: string, a: { name: string; slug: string; vendor: string | null; aliases: string[] }): boolean {
  const hay = [a.name, a.slug, a.vendor ?? "", ...a.aliases].join(" ").toLowerCase();
  return q.split(/\s+/).every((w) => hay.includes(w));
}

function filter(categories: WorkloadCategory[], q: string): WorkloadCategory[] {
  if (!q) return categories;
  return categories
    .map((c) => ({ ...c, apps: c.apps.filter((a) => matches(q, a) || c.name.toLowerCase().includes(q)) }))
    .filter((c) => c.apps.length > 0);
}

export default async function WorkloadsPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw ?? "").trim().toLowerCase().slice(0, 80);
  const list = await listWorkloads(await getReadDb());
  const categories = filter(list.categories, q);
  const appCount = categories.reduce((s, c) => s + c.apps.length, 0);
  return (
    <div className="container page">
      <PageHeader title="Workloads">
        For each application, how admins actually configure its VMs: the typical vCPUs, memory, disks and NICs, the
        hypervisors and NIC models they use, and how sizes change over the years. {formatInt(list.total)} tagged VMs so far.
      </PageHeader>

      <form className={styles.search} role="search" action="/workloads" method="get">
        <div className="field">
          <label htmlFor="workload-q">Find an application</label>
          <input id="workload-q" type="search" name="q" defaultValue={q} placeholder="e.g. SQL Server, Exchange, nginx" autoComplete="off" />
        </div>
        <button type="submit" className="btn">Search</button>
        {q ? <Link href="/workloads" className="btn">Clear</Link> : null}
      </form>

      {q ? (
        <p className={`muted ${styles.textLinks}`} role="status">
          {appCount === 0 ? `No application matches “${q}”.` : `${plural(appCount, "application")} match “${q}”.`}
          {appCount === 0 ? <> Missing one? <Link href="/contribute">Contribute a VM</Link> and type its name: it becomes a suggestion.</> : null}
        </p>
      ) : null}

      <div className={styles.categories}>
        {categories.map((c) => (
          <section key={c.id} className={`card ${styles.category}`} aria-labelledby={`cat-${c.id}`}>
            <h2 id={`cat-${c.id}`}>
              <span>{c.name}</span>
              <span className="muted small">{plural(c.n, "VM")}</span>
            </h2>
            <ul className={styles.apps}>
              {c.apps.map((a) => (
                <li key={a.slug}>
                  <Link href={`/workloads/${a.slug}`}>{a.name}</Link>
                  <span className={`${styles.count} ${a.n === 0 ? styles.none : ""}`}>{a.n === 0 ? "no VMs yet" : plural(a.n, "VM")}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

import Link from "next/link";
import type { Metadata } from "next";
import { browseParams, parseBrowseQuery } from "@/lib/browse/query";
import { browseVms } from "@/lib/db/browse";
import { getDb } from "@/lib/db/client";
import { formatGiB, formatInt, formatMemory, label } from "@/lib/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Browse VMs" };

export default async function BrowsePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { query, errors } = parseBrowseQuery(await searchParams);
  const page = await browseVms(await getDb(), query);
  const link = (o: Record<string, string | number | null>) => `/vms?${browseParams(query, o).toString()}`;
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <h1>Browse VMs</h1>
          <p className="lead">{formatInt(page.total)}{page.totalCapped ? "+" : ""} published configurations</p>
        </div>
      </div>
      {errors.map((e) => (
        <div key={e.field} className="alert alert-error" role="alert">{e.message}</div>
      ))}
      {page.rows.length === 0 ? (
        <div className="card empty">No VMs match these filters. <Link href="/vms">Clear all filters</Link></div>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>Application</th><th className="num">vCPUs</th><th className="num">Memory</th><th className="num">Disk</th>
                <th className="num">NICs</th><th>Guest OS</th><th>Hypervisor</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td><Link href={`/vms/${r.id}`}>{r.primaryAppName ?? "Untagged"}{r.primaryAppVersion ? ` ${r.primaryAppVersion}` : ""}</Link></td>
                  <td className="num">{r.vcpus}</td>
                  <td className="num">{formatMemory(r.memoryMib)}</td>
                  <td className="num">{formatGiB(r.totalDiskGib)}</td>
                  <td className="num">{r.nicCount}</td>
                  <td>{r.guestOsName ?? label(r.guestFamily)}</td>
                  <td>{[r.hypervisorProduct ?? label(r.hypervisorVendor), r.hypervisorVersion].filter(Boolean).join(" ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav aria-label="Pages" style={{ display: "flex", gap: "0.5rem", marginTop: "1rem", alignItems: "center" }}>
        {page.page > 1 ? <Link className="btn btn-sm" href={link({ page: page.page - 1 })}>← Previous</Link> : null}
        <span className="muted small">Page {page.page} of {formatInt(page.pages)}</span>
        {page.page < page.pages ? <Link className="btn btn-sm" href={link({ page: page.page + 1 })}>Next →</Link> : null}
      </nav>
    </div>
  );
}

import Link from "next/link";
import { getReadDb } from "@/lib/db/client";
import { siteTotals } from "@/lib/browse/site-totals";
import { formatInt } from "@/lib/text/display";

export const dynamic = "force-dynamic";

export default async function Home() {
  const totals = await siteTotals(await getReadDb(), 10);
  const max = Math.max(1, ...totals.topWorkloads.map((w) => w.n));
  return (
    <div className="container">
      <section className="hero">
        <h1>How do other admins size a VM for the same workload?</h1>
        <p className="lead">
          vmcompare collects real VM configurations — VMware, Hyper-V, KVM, Proxmox, Xen, VirtualBox — tagged with the
          applications they run. Compare yours with peers: vCPUs, memory, disks and NICs, with percentiles, charts and
          plain-language findings.
        </p>
        <div className="hero-actions">
          <Link href="/vms" className="btn btn-primary">Browse {formatInt(totals.vms)} VMs</Link>
          <Link href="/compare/yours" className="btn">Compare your VM privately</Link>
          <Link href="/contribute" className="btn">Contribute a configuration</Link>
        </div>
      </section>

      <section aria-label="Totals" className="grid grid-4">
        <div className="card stat"><span className="stat-value" data-testid="total-vms">{formatInt(totals.vms)}</span><span className="stat-label">published VMs</span></div>
        <div className="card stat"><span className="stat-value">{formatInt(totals.workloads)}</span><span className="stat-label">workloads</span></div>
        <div className="card stat"><span className="stat-value">{formatInt(totals.hypervisors)}</span><span className="stat-label">hypervisor products</span></div>
        <div className="card stat"><span className="stat-value">{formatInt(totals.guestFamilies)}</span><span className="stat-label">guest OS families</span></div>
      </section>

      <div className="grid grid-2" style={{ marginTop: "1.5rem" }}>
        <section className="card" aria-labelledby="top-workloads">
          <h2 id="top-workloads">Top workloads</h2>
          {totals.topWorkloads.length === 0 ? (
            <p className="muted">No VMs yet. <Link href="/contribute">Be the first to contribute one.</Link></p>
          ) : (
            <ul className="workload-list">
              {totals.topWorkloads.map((w) => (
                <li key={w.slug}>
                  <div style={{ flex: 1 }}>
                    <Link href={`/workloads/${w.slug}`}>{w.name}</Link>
                    <div className="bar" aria-hidden="true"><span style={{ width: `${(w.n / max) * 100}%` }} /></div>
                  </div>
                  <span className="muted">{formatInt(w.n)} VMs</span>
                </li>
              ))}
            </ul>
          )}
          <p className="small"><Link href="/workloads">All workloads →</Link></p>
        </section>
        <section className="card" aria-labelledby="contribute">
          <h2 id="contribute">Add your VMs — privately</h2>
          <p>
            Upload what your hypervisor already has: a <code>.vmx</code>, an OVF/OVA, libvirt XML, a Proxmox
            <code> .conf</code>, a VirtualBox <code>.vbox</code>, <code>govc vm.info -json</code>, Hyper-V JSON or a whole
            RVTools export. Or fill in a form, or run the snapshot agent against your vCenter.
          </p>
          <p>
            Names, addresses, MACs, UUIDs and paths are removed before anything is stored, and you see exactly what will be
            published before you press Publish.
          </p>
          <p><Link href="/contribute" className="btn btn-primary">Contribute</Link></p>
        </section>
      </div>
    </div>
  );
}

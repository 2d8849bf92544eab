import type { Metadata } from "next";
import Link from "next/link";
import styles from "@/components/estates/estates.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Estates" };

export default function EstatesPage() {
  return (
    <div className="container page">
      <PageHeader
        title="Estates"
        actions={
          <div style={{ display: "flex", gap: "0.5rem" }}>
            <Link href="/estates/new" className="btn btn-primary">Start an estate</Link>
            <Link href="/estates/report" className="btn">Estate report (nothing stored)</Link>
          </div>
        }>
        Save a whole environment — an RVTools export or a set of snapshot files — as an estate. Import a newer export
        later and see what changed: VMs added and removed, vCPU, memory, disk and NIC changes, and the totals over time.
      </PageHeader>
      <div className="grid grid-3">
        <section className="card">
          <h2>Published, without names</h2>
          <p className="muted">
            The estate&apos;s VMs are published like any contribution so peers can compare with them. Names, UUIDs,
            addresses, paths and network names are removed first.
          </p>
        </section>
        <section className="card">
          <h2>One secret link</h2>
          <p className="muted">
            You get an edit link when you save. It is the only way back to the estate; we keep a hash of it, not the link.
            Lost it? Start a new estate.
          </p>
        </section>
        <section className="card">
          <h2>Matched without names</h2>
          <p className="muted">
            VMs are recognised across imports by keyed hashes (HMAC) of their UUIDs and names, with a key derived from your
            edit link. Without the link the stored hashes say nothing about your VMs.
          </p>
        </section>
      </div>
      <p className={`muted ${styles.note}`}>
        Want to share a workbook with a consultant or a vendor instead? <Link href="/tools/redact-workbook">Redact an RVTools workbook</Link>:
        the same sheets with every name, address and ID replaced, and nothing stored here.
      </p>
    </div>
  );
}

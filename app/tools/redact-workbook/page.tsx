import type { Metadata } from "next";
import Link from "next/link";
import { RedactWorkbookForm } from "@/components/estates/redact-workbook-form";
import styles from "@/components/estates/estates.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Redact an RVTools workbook" };

export default function RedactWorkbookPage() {
  return (
    <div className="container page">
      <PageHeader title="Redact an RVTools workbook">
        Share an RVTools export with a consultant, a vendor or a support forum without revealing your environment.
        You get the same workbook back — same sheets, columns and rows — with VM, host and cluster names, DNS names,
        IP and MAC addresses, UUIDs, paths, networks, folders and annotations replaced by stable pseudonyms
        (<code>vm-0001</code>, <code>host-01</code>…), so relationships between rows survive.
      </PageHeader>
      <RedactWorkbookForm />
      <p className={`muted small ${styles.note}`}>
        The workbook is redacted in memory and sent straight back: nothing is stored, and nothing is published. To publish
        the VMs and follow changes over time, <Link href="/estates/new">start an estate</Link> instead. The same redaction
        is available offline: <code>npm run --silent vmcompare -- redact IN.xlsx OUT.xlsx</code>.
      </p>
    </div>
  );
}

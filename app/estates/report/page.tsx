import type { Metadata } from "next";
import Link from "next/link";
import { appOptions } from "@/components/estates/app-options";
import { EstateReportView } from "@/components/estates/estate-report-view";
import styles from "@/components/estates/estates.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Estate report: every VM against its peers" };

export default function EstateReportPage() {
  return (
    <div className="container page">
      <PageHeader
        title="Estate report"
        crumbs={<><Link href="/estates">Estates</Link> / report</>}
        crumbsClassName={styles.crumbs}>
        Upload an RVTools workbook (or several snapshot files) and see every VM against how other organisations size and
        run the same workload: percentiles of size and use, VMs oversized against their peers and their own use,
        undersized ones, and the capacity you could reclaim. Nothing is stored.
      </PageHeader>
      <EstateReportView apps={appOptions()} />
    </div>
  );
}

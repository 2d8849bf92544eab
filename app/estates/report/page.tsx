import type { Metadata } from "next";
import Link from "next/link";
import { appOptions } from "@/components/estates/app-options";
import { EstateReportView } from "@/components/estates/estate-report-view";
import styles from "@/components/estates/estates.module.css";

export const metadata: Metadata = { title: "Estate report: every VM against its peers" };

export default function EstateReportPage() {
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <p className={`muted small ${styles.crumbs}`}><Link href="/estates">Estates</Link> / report</p>
          <h1>Estate report</h1>
          <p className="lead">
            Upload an RVTools workbook (or several snapshot files) and see every VM against how other organisations size and
            run the same workload: percentiles of size and use, VMs oversized against their peers and their own use,
            undersized ones, and the capacity you could reclaim. Nothing is stored.
          </p>
        </div>
      </div>
      <EstateReportView apps={appOptions()} />
    </div>
  );
}

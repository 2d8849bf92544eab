import type { Metadata } from "next";
import Link from "next/link";
import { appOptions } from "@/components/estates/app-options";
import { NewEstateForm } from "@/components/estates/new-estate-form";
import styles from "@/components/estates/estates.module.css";

export const metadata: Metadata = { title: "Start an estate" };

export default function NewEstatePage() {
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <p className={`muted small ${styles.crumbs}`}><Link href="/estates">Estates</Link> / new</p>
          <h1>Start an estate</h1>
          <p className="lead">
            Upload an RVTools workbook or several snapshot files. Their VMs are published without names, and you get an
            edit link to import newer exports later and see what changed.
          </p>
        </div>
        <Link href="/tools/redact-workbook" className="btn btn-sm">Only redact a workbook for sharing</Link>
      </div>
      <NewEstateForm apps={appOptions()} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { appOptions } from "@/components/estates/app-options";
import { NewEstateForm } from "@/components/estates/new-estate-form";
import styles from "@/components/estates/estates.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Start an estate" };

export default function NewEstatePage() {
  return (
    <div className="container page">
      <PageHeader
        title="Start an estate"
        crumbs={<><Link href="/estates">Estates</Link> / new</>}
        crumbsClassName={styles.crumbs}
        actions={<Link href="/tools/redact-workbook" className="btn btn-sm">Only redact a workbook for sharing</Link>}>
        Upload an RVTools workbook or several snapshot files. Their VMs are published without names, and you get an
        edit link to import newer exports later and see what changed.
      </PageHeader>
      <NewEstateForm apps={appOptions()} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { PrivateCompareForm } from "@/components/compare/private-compare-form";
import contrast from "@/components/compare/contrast.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Compare your configuration privately" };

export default function CompareYoursPage() {
  return (
    <div className={`container page ${contrast.root}`}>
      <PageHeader title="Compare your configuration" crumbs={<><Link href="/compare">Compare</Link> / Your configuration</>}>
        See how your VM is sized against published VMs running the same workload, without publishing it.
      </PageHeader>
      <PrivateCompareForm />
    </div>
  );
}

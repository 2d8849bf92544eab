import type { Metadata } from "next";
import Link from "next/link";
import { PrivateCompareForm } from "@/components/compare/private-compare-form";
import contrast from "@/components/compare/contrast.module.css";

export const metadata: Metadata = { title: "Compare your configuration privately" };

export default function CompareYoursPage() {
  return (
    <div className={`container page ${contrast.root}`}>
      <div className="page-header">
        <div>
          <p className="muted small"><Link href="/compare">Compare</Link> / Your configuration</p>
          <h1>Compare your configuration</h1>
          <p className="lead">
            See how your VM is sized against published VMs running the same workload, without publishing it.
          </p>
        </div>
      </div>
      <PrivateCompareForm />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { LinkedCloneEstimator } from "@/components/compare/linked-clone-estimator";
import contrast from "@/components/compare/contrast.module.css";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Linked clone estimator" };

export default function LinkedClonesPage() {
  return (
    <div className={`container page ${contrast.root}`}>
      <PageHeader title="Linked clone estimator" crumbs={<><Link href="/checks">Checks</Link> / Linked clones</>}>
        How many View Composer linked clones a datastore holds at each storage overcommit level, and how likely each level is to run
        out of space. View counts each clone at the parent’s full size against 1×, 4×, 7× or 15× the datastore’s capacity.
      </PageHeader>
      <LinkedCloneEstimator />
      <p className="small muted" style={{ marginTop: "1rem" }}>
        Method and sources: <Link href="/checks#linked-clones">Linked clones for VDI desktops</Link>.
      </p>
    </div>
  );
}

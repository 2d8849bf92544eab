import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { AgentInstructions } from "@/components/contribute/agent-instructions";
import { BulkImport } from "@/components/contribute/bulk-import";
import { ContributeTabs } from "@/components/contribute/contribute-tabs";
import { ManualEntry } from "@/components/contribute/manual-entry";
import { SnapshotUpload } from "@/components/contribute/snapshot-upload";
import { publicOrigin } from "@/lib/server/public-origin";
import { PageHeader } from "@/components/page-header";

export const metadata: Metadata = { title: "Contribute a VM" };
// The agent commands name this site's own address.
export const dynamic = "force-dynamic";

async function siteUrl(): Promise<string> {
  // The same reading of PUBLIC_URL, Host and a trusted proxy's X-Forwarded-* as every link that leaves the site.
  return publicOrigin(new Request("http://vmcompare.example/contribute", { headers: await headers() }));
}

export default async function ContributePage() {
  const site = await siteUrl();
  return (
    <div className="container page">
      <PageHeader title="Contribute a VM">
        Share how you configured a VM so others running the same workload can compare. Names, addresses, MACs, UUIDs,
        paths and network names are removed, and you see exactly what will be published before anything is stored.
      </PageHeader>

      <p className="small">
        Tracking one environment over time? <Link href="/estates/new">Save an import as an estate</Link> and see what changed
        at the next export. Sharing an RVTools workbook with a consultant?{" "}
        <Link href="/tools/redact-workbook">Download it redacted</Link> — nothing is stored.
      </p>

      <ContributeTabs
        tabs={[
          {
            id: "upload",
            label: "Upload a snapshot",
            content: (
              <section aria-labelledby="upload-title">
                <h2 id="upload-title" className="sr-only">Upload a snapshot</h2>
                <SnapshotUpload />
              </section>
            ),
          },
          {
            id: "manual",
            label: "Enter manually",
            content: (
              <section aria-labelledby="manual-title">
                <h2 id="manual-title" className="sr-only">Enter manually</h2>
                <p className="muted small">Every field but vCPUs, memory and one application may be left empty: unknown is better than a guess.</p>
                <ManualEntry />
              </section>
            ),
          },
          {
            id: "bulk",
            label: "Bulk import (RVTools)",
            content: (
              <section aria-labelledby="bulk-title">
                <h2 id="bulk-title" className="sr-only">Bulk import from RVTools</h2>
                <BulkImport />
              </section>
            ),
          },
          {
            id: "agent",
            label: "Snapshot agent",
            content: (
              <AgentInstructions site={site} />
            ),
          },
        ]}
      />
    </div>
  );
}

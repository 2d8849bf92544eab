import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { BulkImport } from "@/components/contribute/bulk-import";
import { ContributeTabs } from "@/components/contribute/contribute-tabs";
import { ManualEntry } from "@/components/contribute/manual-entry";
import { SnapshotUpload } from "@/components/contribute/snapshot-upload";
import { publicOrigin } from "@/lib/server/public-origin";

export const metadata: Metadata = { title: "Contribute a VM" };
// The agent commands name this site's own address.
export const dynamic = "force-dynamic";

async function siteUrl(): Promise<string> {
  // The same reading of PUBLIC_URL, Host and a trusted proxy's X-Forwarded-* as every link that leaves the site.
  return publicOrigin(new Request("http://vmcompare.example/contribute", { headers: await headers() }));
}

export default async function ContributePage() {
  const site = await siteUrl();
  const snapshot = "npm run --silent vmcompare -- snapshot --server vcenter.example.com --user administrator@vsphere.local --all --out vms.json";
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <h1>Contribute a VM</h1>
          <p className="lead">
            Share how you configured a VM so others running the same workload can compare. Names, addresses, MACs, UUIDs,
            paths and network names are removed, and you see exactly what will be published before anything is stored.
          </p>
        </div>
      </div>

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
              <section aria-labelledby="agent-title" className="card">
                <h2 id="agent-title">Read VMs straight from vCenter or ESXi</h2>
                <p>
                  The <code>vmcompare snapshot</code> command reads VM configurations through the vSphere API (read-only;
                  a read-only role is enough), removes everything identifying <strong>on your machine</strong>, and writes
                  what would be published to a file you can inspect.
                </p>
                <pre tabIndex={0} aria-label="Command to read VMs into a file"><code>{`export VMCOMPARE_PASSWORD='…'   # or leave it unset and type it at the prompt\n${snapshot}`}</code></pre>
                <p>
                  When the file looks right, publish the VMs to this site with the application they run (one{" "}
                  <code>--tag</code> per application, the first is primary; the agent asks before it sends anything). The
                  edit links are saved on your machine only, in <code>vmcompare-edit-links.json</code>.
                </p>
                <pre tabIndex={0} aria-label="Command to publish VMs"><code>{`${snapshot.replace("--all --out vms.json", "--vm DC01 --vm DC02")} --publish ${site} --tag active-directory@2022`}</code></pre>
                <p className="small muted">
                  The password is read from <code>VMCOMPARE_PASSWORD</code> or asked for at a prompt; it is never written
                  anywhere. The agent posts to <code>POST /api/v1/vms</code>, described in the{" "}
                  <a href="/api/v1/openapi.json" style={{ textDecoration: "underline" }}>OpenAPI document</a>. Full guide: <code>docs/agent.md</code> in the source.
                </p>
              </section>
            ),
          },
        ]}
      />
    </div>
  );
}

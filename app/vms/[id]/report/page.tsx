import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { ReportForm } from "@/components/admin/report-form";
import { getDb } from "@/lib/db/client";
import { getVm } from "@/lib/db/vms";
import { recordLabel } from "@/lib/vm/label";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Report a VM", robots: { index: false, follow: false } };

export default async function ReportVmPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const rec = await getVm(await getDb(), id);
  if (!rec) notFound();
  return (
    <div className="container page">
      <div className="page-header">
        <div>
          <p className="muted small"><Link href="/vms">Browse</Link> / <Link href={`/vms/${rec.id}`}>{recordLabel(rec)}</Link> / Report</p>
          <h1>Report this VM</h1>
          <p className="lead">Spam, offensive text, numbers that cannot be right? Tell the moderators; they can correct or remove it.</p>
        </div>
      </div>
      <ReportForm vmId={rec.id} />
    </div>
  );
}

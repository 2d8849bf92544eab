import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { EditVm } from "@/components/contribute/edit-vm";
import { getDb } from "@/lib/db/client";
import { getVm } from "@/lib/db/vms";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";
// The URL carries no secret (the token is in the fragment), but keep the page out of indexes anyway.
export const metadata: Metadata = { title: "Edit your VM", robots: { index: false, follow: false } };

export default async function EditVmPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const rec = await getVm(await getDb(), id, { includeHidden: true });
  if (!rec) notFound();
  return (
    <div className="container page">
      <PageHeader
        title="Edit your VM"
        crumbs={<><Link href="/vms">Browse</Link> / <Link href={`/vms/${rec.id}`}>VM {rec.id}</Link> / Edit</>}>
        Change any field, tags or context, or delete the VM. Only the holder of the edit link can do this.
      </PageHeader>
      <EditVm record={rec} />
    </div>
  );
}

import { ExportButtons } from "@/components/reports/export-buttons";
import Link from "next/link";
import { recordLabel } from "@/lib/vm/label";
import { PublishedBanner } from "@/components/contribute/published-banner";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { getReadDb } from "@/lib/db/client";
import { shareBase } from "@/lib/server/share-base";
import { loadVm } from "./load-vm";
import { proposedNamesAmong } from "@/lib/db/moderation";
import { compareVmRecord } from "@/lib/db/compare";
import { ComparisonView } from "@/components/compare/comparison-view";
import styles from "./vm-page.module.css";
import contrast from "@/components/compare/contrast.module.css";
import { formatDate, formatGiB, formatMemory, label } from "@/lib/text/display";
import { describeTotalDisk } from "@/lib/vm/disk-text";
import { DefaultedNote, PlausibilityNote, withDefaultMark } from "@/components/vm/vm-notes";
import { UtilizationSection } from "@/components/vm/utilization-section";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const rec = await loadVm((await params).id);
  const app = rec?.tags.find((t) => t.primary);
  if (!rec) return { title: "VM not found" };
  const title = `${app?.name ?? "VM"} · ${rec.vm.cpu.vcpus} vCPU, ${formatMemory(rec.vm.memoryMiB)}`;
  const hypervisor = [rec.vm.hypervisor.product, rec.vm.hypervisor.version].filter(Boolean).join(" ");
  const description = `How this ${app ? `${app.name}${app.version ? ` ${app.version}` : ""} ` : ""}VM (${rec.vm.cpu.vcpus} vCPUs, ` +
    `${formatMemory(rec.vm.memoryMiB)}${hypervisor ? `, ${hypervisor}` : ""}) compares with peers running the same workload.`;
  // The share card itself is opengraph-image.tsx beside this page; Next adds og:image for it.
  return { title, description, metadataBase: await shareBase(), openGraph: { title, description, type: "website" }, twitter: { card: "summary_large_image" } };
}

export default async function VmPage({ params }: Props) {
  const { id } = await params;
  const rec = await loadVm(id);
  if (!rec) notFound();
  const comparison = await compareVmRecord(await getReadDb(), rec);
  const proposed = await proposedNamesAmong(await getReadDb(), rec.tags.map((t) => t.slug));
  const { vm, context: ctx } = rec;
  const primary = rec.tags.find((t) => t.primary);
  return (
    <div className={`container page ${styles.printRoot} ${contrast.root}`}>
      <div className="page-header">
        <div>
          <p className="muted small"><Link href="/vms">Browse</Link> / <span data-testid="vm-label">{recordLabel(rec)}</span> · <span data-testid="vm-id">{rec.id}</span></p>
          <h1>{primary ? `${primary.name}${primary.version ? " " + primary.version : ""}` : "Untagged VM"}</h1>
          <div className="tag-list">
            {rec.tags.map((t) => proposed.has(t.slug) ? (
              // A name no moderator has approved yet: shown here only, with no workload page to link to.
              <span key={t.slug} className="badge" data-testid="proposed-tag" title="Proposed by the contributor; awaiting review">
                {t.name}{t.version ? ` ${t.version}` : ""}{t.primary ? " · primary" : ""} · proposed
              </span>
            ) : (
              <Link key={t.slug} href={`/workloads/${t.slug}`} className={`badge ${t.primary ? "badge-accent" : ""}`}>
                {t.name}{t.version ? ` ${t.version}` : ""}{t.primary ? " · primary" : ""}
              </Link>
            ))}
            {rec.isDemo ? <span className="badge badge-warn" title="Generated demo data">demo</span> : null}
          </div>
        </div>
        <div className={styles.actions}>
          <Link className="btn btn-sm" href={`/compare?ids=${rec.id}`}>Compare side by side</Link>
          <Link className="btn btn-sm" href="/compare/yours">Compare your own VM</Link>
          <Link className="btn btn-sm" href={`/vms/${rec.id}/report`} rel="nofollow">Report</Link>
        </div>
      </div>

      <PublishedBanner id={rec.id} />
      <PlausibilityNote plausibility={rec.plausibility} />

      <div className="grid grid-2">
        <section className="card" aria-labelledby="config">
          <h2 id="config">Configuration</h2>
          <dl className="facts">
            <dt>vCPUs</dt><dd>{vm.cpu.vcpus}{vm.cpu.coresPerSocket ? ` (${vm.cpu.coresPerSocket} ${vm.cpu.coresPerSocket === 1 ? "core" : "cores"} per socket)` : ""}</dd>
            <dt>Memory</dt><dd>{formatMemory(vm.memoryMiB)}</dd>
            <dt>Total disk</dt><dd data-testid="total-disk">{describeTotalDisk(vm)}</dd>
            <dt>NICs</dt><dd>{vm.nics.length}</dd>
            <dt>Guest OS</dt><dd>{vm.guestOs.name ?? label(vm.guestOs.family)}{vm.guestOs.id ? <span className="muted"> ({vm.guestOs.id})</span> : null}</dd>
            <dt>Hypervisor</dt><dd>{[vm.hypervisor.product ?? label(vm.hypervisor.vendor), vm.hypervisor.version].filter(Boolean).join(" ")}</dd>
            <dt>Hardware version</dt><dd>{vm.hardwareVersion ?? "Unknown"}</dd>
            <dt>Firmware</dt><dd>{withDefaultMark(vm, "firmware", label(vm.firmware))}</dd>
            <dt>Source</dt><dd>{label(vm.source.format)}</dd>
            <dt>Contributed</dt><dd>{formatDate(rec.createdAt)}</dd>
          </dl>
          <DefaultedNote vm={vm} className="muted" />
        </section>
        <section className="card" aria-labelledby="context">
          <h2 id="context">Context</h2>
          <dl className="facts">
            <dt>Environment</dt><dd>{label(ctx.environment)}</dd>
            <dt>Industry</dt><dd>{label(ctx.industry)}</dd>
            <dt>Organization size</dt><dd>{ctx.organizationSize ? `${ctx.organizationSize} employees` : "Unknown"}</dd>
            <dt>Host server</dt><dd>{[ctx.hostVendor, ctx.hostModel].filter(Boolean).join(" ") || "Unknown"}</dd>
            <dt>Host CPU</dt><dd>{ctx.hostCpuModel ?? "Unknown"}</dd>
            <dt>Datastore</dt><dd>{ctx.datastoreType ? `${ctx.datastoreType.toUpperCase()}${ctx.datastoreVersion ? " " + ctx.datastoreVersion : ""}` : "Unknown"}</dd>
            <dt>Utilization</dt>
            <dd>
              {ctx.cpuAvgPct == null && ctx.memoryPct == null ? "Not given" : (
                <>CPU avg {ctx.cpuAvgPct ?? "?"}% / peak {ctx.cpuPeakPct ?? "?"}%, memory {ctx.memoryPct ?? "?"}%</>
              )}
            </dd>
          </dl>
        </section>
      </div>

      <div className="grid grid-2" style={{ marginTop: "1rem" }}>
        <section className="card" aria-labelledby="disks">
          <h2 id="disks">Disks</h2>
          {vm.disks.length === 0 ? <p className="muted">No disks recorded.</p> : (
            <table className="data compact">
              <thead><tr><th>#</th><th className="num">Size</th><th>Bus</th><th>Provisioning</th></tr></thead>
              <tbody>
                {vm.disks.map((d, i) => (
                  <tr key={i}><td>{i + 1}</td><td className="num">{formatGiB(d.sizeGiB)}</td><td>{label(d.bus)}</td><td>{label(d.provisioning)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="nics">
          <h2 id="nics">Network adapters</h2>
          {vm.nics.length === 0 ? <p className="muted">No NICs recorded.</p> : (
            <table className="data compact">
              <thead><tr><th>#</th><th>Model</th><th>Network</th></tr></thead>
              <tbody>
                {vm.nics.map((n, i) => (
                  <tr key={i}><td>{i + 1}</td><td>{n.model ?? "Unknown"}</td><td>{n.network ?? "—"}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <UtilizationSection figures={vm.utilization ?? []} />

      <h2 id="comparison" className={styles.sectionTitle}>Compared with its peers</h2>
      <ComparisonView comparison={comparison} />

      {/*
        EXPORT PLACEHOLDER: a colleague adds the CSV / JSON / PDF / permalink
        buttons here; they are built from the same VmComparison object
        (lib/compare/report-model.ts) that getVmComparison returns.
      */}
      <section id="export" className={`card no-print ${styles.export}`} aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <ExportButtons kind="vm" source={{ id: rec.id }} />
        <p className="small muted">
          The comparison as data through the API: <a href={`/api/v1/vms/${rec.id}/comparison`}>JSON</a>.
        </p>
      </section>
    </div>
  );
}

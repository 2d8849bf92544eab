"use client";

import { useEffect, useMemo, useState } from "react";
import type { EstateReport, EstateRow, DistributionBin } from "@/lib/compare/estate-report";
import type { TagRule } from "@/lib/contribute/tag-rules";
import { estateCsv } from "@/lib/reports/estate-tables";
import { estatePdfInput } from "@/lib/reports/estate-pdf-input";
import type { AppOption } from "./tag-choice-fields";
import { uploadForm, type ApiErrorBody } from "@/components/upload-form";
import styles from "./estates.module.css";
import { saveFile } from "@/components/save-file";

type SortKey = "label" | "app" | "vcpus" | "vcpusPercentile" | "memoryGiB" | "memoryPercentile" | "cpu" | "cpuPercentile" | "memUse" | "reclaimVcpus" | "reclaimGiB";
const PAGE = 100;

const sortValue: Record<SortKey, (r: EstateRow) => number | string | null> = {
  label: (r) => r.label, app: (r) => r.app, vcpus: (r) => r.vcpus, vcpusPercentile: (r) => r.vcpusPercentile,
  memoryGiB: (r) => r.memoryGiB, memoryPercentile: (r) => r.memoryPercentile, cpu: (r) => r.cpu?.value ?? null,
  cpuPercentile: (r) => r.cpu?.percentile ?? null, memUse: (r) => r.memory?.value ?? null,
  reclaimVcpus: (r) => r.reclaimVcpus, reclaimGiB: (r) => r.reclaimGiB,
};

const num = (x: number | null | undefined, unit = "") => (x == null ? "—" : `${Math.round(x * 10) / 10}${unit}`);
const pctile = (x: number | null | undefined) => (x == null ? "—" : `${Math.round(x)}`);

function download(name: string, data: BlobPart, type: string) {
  saveFile(name, new Blob([data], { type }));
}

function AppSelect({ id, value, onChange, apps, placeholder }: { id: string; value: string; onChange: (v: string) => void; apps: AppOption[]; placeholder: string }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{placeholder}</option>
      {apps.map((a) => <option key={a.slug} value={a.slug}>{a.category}: {a.name}</option>)}
    </select>
  );
}

function Distribution({ title, bins }: { title: string; bins: DistributionBin[] }) {
  const max = Math.max(1, ...bins.flatMap((b) => [b.estatePct, b.communityPct]));
  return (
    <figure style={{ margin: 0 }}>
      <figcaption><strong>{title}</strong> <span className="small muted">share of VMs: this estate (dark) against all published VMs (light)</span></figcaption>
      <table className="data compact" aria-label={`${title}: estate against community`}>
        <thead><tr><th scope="col">Bin</th><th scope="col">Estate</th><th scope="col">Community</th><th scope="col" style={{ width: "40%" }}>Chart</th></tr></thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td className="num">{b.estatePct}% ({b.estate})</td>
              <td className="num">{b.communityPct}%</td>
              <td aria-hidden="true">
                <div style={{ height: 7, width: `${(b.estatePct / max) * 100}%`, background: "var(--accent, #2563eb)" }} />
                <div style={{ height: 7, marginTop: 2, width: `${(b.communityPct / max) * 100}%`, background: "var(--border, #cbd5e1)" }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Upload, the report, its table with sorting, filters and paging, and the exports. Nothing is stored. */
export function EstateReportView({ apps }: { apps: AppOption[] }) {
  const [files, setFiles] = useState<File[]>([]);
  const [tags, setTags] = useState({ all: "", windows: "", linux: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<EstateReport | null>(null);
  const [query, setQuery] = useState("");
  const [flag, setFlag] = useState<"" | "oversized" | "undersized" | "any">("");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "reclaimVcpus", desc: true });
  const [page, setPage] = useState(0);
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfError, setPdfError] = useState<string | null>(null);

  // Opened from an estate's page: its id and edit token travel in the fragment, never in a request line.
  useEffect(() => {
    const m = /(?:^|[#&])estate=([A-Za-z0-9_-]+)&token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
    if (!m) return;
    setBusy(true);
    fetch(`/api/v1/estates/${encodeURIComponent(m[1])}/report`, { headers: { Authorization: `Bearer ${m[2]}` } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (!res.ok) setError((body as ApiErrorBody | null)?.error?.message ?? `The server answered ${res.status}.`);
        else setReport(body as EstateReport);
      })
      .catch((err: Error) => setError(err.message))
      .finally(() => setBusy(false));
  }, []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (files.length === 0) {
      setError("Choose an RVTools workbook or snapshot files first.");
      return;
    }
    setBusy(true);
    setError(null);
    const rules: TagRule[] = [];
    if (tags.all) rules.push({ kind: "all", slug: tags.all, version: null });
    if (tags.windows) rules.push({ kind: "guest", guest: "windows", slug: tags.windows, version: null });
    if (tags.linux) rules.push({ kind: "guest", guest: "linux", slug: tags.linux, version: null });
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    form.append("rules", JSON.stringify(rules));
    try {
      const res = await uploadForm<EstateReport | ApiErrorBody>("/api/v1/estate-reports", form);
      if (!res.ok) setError((res.body as ApiErrorBody)?.error?.message ?? `The server answered ${res.status}.`);
      else {
        setReport(res.body as EstateReport);
        setPage(0);
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const rows = useMemo(() => {
    if (!report) return [];
    const q = query.trim().toLowerCase();
    const filtered = report.rows.filter((r) =>
      (!q || r.label.toLowerCase().includes(q) || (r.app ?? "").toLowerCase().includes(q) || (r.guest ?? "").toLowerCase().includes(q)) &&
      (flag === "" || (flag === "any" ? r.flags.length > 0 : r.flags.includes(flag))));
    const get = sortValue[sort.key];
    return [...filtered].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      // Unknown sorts last whatever the direction: it is not small.
      if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return sort.desc ? -c : c;
    });
  }, [report, query, flag, sort]);

  const header = (key: SortKey, text: string, numeric = true) => (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" style={{ background: "none", border: 0, padding: 0, font: "inherit", fontWeight: 600, color: "inherit", cursor: "pointer" }} onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : numeric })}>
        {text}{sort.key === key ? (sort.desc ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );

  const t = report?.totals;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  return (
    <div>
      <form onSubmit={submit} className={`card no-print ${styles.form}`} aria-label="Estate report upload">
        <label htmlFor="estate-report-files"><strong>RVTools workbook or snapshot files</strong></label>
        <input id="estate-report-files" className={styles.fileInput} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        <fieldset className={styles.tagFieldset}>
          <legend>What do these VMs run? (optional: untagged VMs are compared with VMs of their guest OS)</legend>
          <label htmlFor="er-all">Application for all VMs</label>
          <AppSelect id="er-all" value={tags.all} onChange={(v) => setTags({ ...tags, all: v })} apps={apps} placeholder="No application" />
          <label htmlFor="er-windows">For Windows guests</label>
          <AppSelect id="er-windows" value={tags.windows} onChange={(v) => setTags({ ...tags, windows: v })} apps={apps} placeholder="Same as all VMs" />
          <label htmlFor="er-linux">For Linux guests</label>
          <AppSelect id="er-linux" value={tags.linux} onChange={(v) => setTags({ ...tags, linux: v })} apps={apps} placeholder="Same as all VMs" />
        </fieldset>
        <p className="small muted">Nothing is stored: the names in the report are shown to you in this page only.</p>
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? "Comparing…" : "Compare every VM"}</button>
        {error ? <p role="alert" className="alert alert-error">{error}</p> : null}
      </form>

      {report && t ? (
        <div data-testid="estate-report">
          <section className="card" aria-labelledby="er-totals" style={{ marginTop: "1rem" }}>
            <h2 id="er-totals">This estate against the community</h2>
            <p data-testid="er-summary">
              {t.vms.toLocaleString("en-US")} VMs, {t.vcpus.toLocaleString("en-US")} vCPUs, {num(t.memoryGiB)} GiB memory; median {num(t.medianMemoryPerVcpuGiB)} GiB per vCPU.
              {" "}{t.withUsage.toLocaleString("en-US")} with usage figures. Compared with {t.communityVms.toLocaleString("en-US")} published VMs.
            </p>
            <ul>
              <li data-testid="er-oversized">{t.flagged.oversized} oversized against peers and own use; {t.flagged.undersized} undersized.</li>
              <li data-testid="er-reclaim">Reclaimable: {t.reclaimVcpus} vCPUs and {t.reclaimGiB} GiB memory.</li>
              <li>{t.legacyNicVms} VMs with a legacy (emulated) NIC; {t.unsupportedGuestVms} with a guest OS past its support.</li>
              <li>Configuration checks: {t.checks.length === 0 ? "nothing found" : t.checks.map((c) => `${c.checkId} ${c.vms}`).join(", ")}.</li>
            </ul>
            <p className="small muted">
              Flags: oversized when vCPUs or memory is above the {report.thresholds.bigPercentile}th percentile of its peers while own use is under{" "}
              {report.thresholds.lowUsePct}% and not above the peers&apos; median; undersized at {report.thresholds.highCpuPct}% CPU or {report.thresholds.highMemoryPct}% active memory.
              RVTools figures are point-in-time samples and are compared only with peers&apos; samples.
            </p>
            <div className="grid grid-2">
              <Distribution title="vCPUs" bins={t.vcpuDistribution} />
              <Distribution title="Memory" bins={t.memoryDistribution} />
            </div>
          </section>

          <div className="no-print" style={{ display: "flex", gap: "0.5rem", marginTop: "1rem", flexWrap: "wrap" }}>
            <button type="button" className="btn btn-sm" onClick={async () => {
              const { estateXlsx } = await import("@/lib/reports/estate-xlsx");
              download("estate-report.xlsx", await estateXlsx(report) as BlobPart, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            }}>Download XLSX</button>
            <button type="button" className="btn btn-sm" onClick={() => download("estate-report.csv", estateCsv(report), "text/csv")}>Download CSV</button>
            <button type="button" className="btn btn-sm" disabled={pdfBusy} aria-busy={pdfBusy} onClick={async () => {
              setPdfBusy(true);
              setPdfError(null);
              try {
                // The server draws the charts; it gets the totals and the flagged or reclaimable VMs, and keeps nothing.
                const res = await fetch("/api/v1/estate-reports/pdf", {
                  method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(estatePdfInput(report)),
                });
                if (!res.ok) {
                  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
                  throw new Error(body?.error?.message ?? `The PDF could not be made (HTTP ${res.status}).`);
                }
                download("estate-report.pdf", await res.blob(), "application/pdf");
              } catch (e) {
                setPdfError(e instanceof Error ? e.message : "The PDF could not be made.");
              } finally {
                setPdfBusy(false);
              }
            }}>{pdfBusy ? "Making PDF…" : "Download PDF"}</button>
            <button type="button" className="btn btn-sm" onClick={() => window.print()}>Print</button>
          </div>
          {pdfError && <p role="alert" className="error small" data-testid="er-pdf-error">{pdfError}</p>}

          <section className="card" aria-labelledby="er-vms" style={{ marginTop: "1rem" }}>
            <h2 id="er-vms">Every VM against its peers</h2>
            <div className="no-print" style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
              <label>Filter <input type="search" value={query} onChange={(e) => { setQuery(e.target.value); setPage(0); }} placeholder="name, application, guest" /></label>
              <label>Flags{" "}
                <select value={flag} onChange={(e) => { setFlag(e.target.value as typeof flag); setPage(0); }} aria-label="Flags">
                  <option value="">All VMs</option>
                  <option value="any">Any flag</option>
                  <option value="oversized">Oversized</option>
                  <option value="undersized">Undersized</option>
                </select>
              </label>
              <span className="small muted" data-testid="er-count">{rows.length.toLocaleString("en-US")} of {report.rows.length.toLocaleString("en-US")} VMs</span>
            </div>
            <div className="table-wrap">
              <table className="data compact" data-testid="er-table">
                <thead>
                  <tr>
                    {header("label", "VM", false)}{header("app", "Application", false)}
                    {header("vcpus", "vCPUs")}{header("vcpusPercentile", "vCPU pctl")}
                    {header("memoryGiB", "Memory GiB")}{header("memoryPercentile", "Mem pctl")}
                    {header("cpu", "CPU %")}{header("cpuPercentile", "CPU use pctl")}{header("memUse", "Active mem %")}
                    <th scope="col">Flags</th>
                    {header("reclaimVcpus", "Reclaim vCPUs")}{header("reclaimGiB", "Reclaim GiB")}
                    <th scope="col">Peers</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.slice(page * PAGE, page * PAGE + PAGE).map((r) => (
                    <tr key={`${r.row}-${r.label}`} data-vm={r.label}>
                      <td>{r.label}</td>
                      <td>{r.app ?? <span className="muted">—</span>}</td>
                      <td className="num">{r.vcpus}</td>
                      <td className="num">{pctile(r.vcpusPercentile)}</td>
                      <td className="num">{num(r.memoryGiB)}</td>
                      <td className="num">{pctile(r.memoryPercentile)}</td>
                      <td className="num" title={r.cpu ? (r.cpu.statistic === "sample" ? "point-in-time sample" : `${r.cpu.statistic} over ${r.cpu.window}`) : undefined}>{num(r.cpu?.value)}</td>
                      <td className="num">{pctile(r.cpu?.percentile)}</td>
                      <td className="num">{num(r.memory?.value)}</td>
                      <td title={r.evidence.join("\n")}>{r.flags.map((f) => <span key={f} className={`badge ${f === "oversized" ? "badge-warn" : "badge-accent"}`}>{f}</span>)}</td>
                      <td className="num">{r.reclaimVcpus || ""}</td>
                      <td className="num">{r.reclaimGiB || ""}</td>
                      <td className="small">{r.peers.toLocaleString("en-US")} · {r.peerRule}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 ? (
              <p className="no-print">
                <button type="button" className="btn btn-sm" disabled={page === 0} onClick={() => setPage(page - 1)}>Previous</button>{" "}
                Page {page + 1} of {pages}{" "}
                <button type="button" className="btn btn-sm" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Next</button>
              </p>
            ) : null}
          </section>

          <section className="card" aria-labelledby="er-reclaim-h" style={{ marginTop: "1rem" }}>
            <h2 id="er-reclaim-h">Reclaimable capacity, by VM</h2>
            <ol data-testid="er-reclaim-list">
              {report.rows.filter((r) => r.reclaimVcpus > 0 || r.reclaimGiB > 0)
                .sort((a, b) => b.reclaimVcpus - a.reclaimVcpus || b.reclaimGiB - a.reclaimGiB).slice(0, 50)
                .map((r) => <li key={`${r.row}-${r.label}`}><strong>{r.label}</strong>: {r.reclaimVcpus} vCPUs, {r.reclaimGiB} GiB. <span className="small muted">{r.evidence.join("; ")}</span></li>)}
            </ol>
          </section>
          {report.problems.length > 0 ? (
            <details className="card" style={{ marginTop: "1rem" }}><summary>{report.problems.length} rows or files with problems</summary><ul>{report.problems.slice(0, 200).map((p, i) => <li key={i}>{p}</li>)}</ul></details>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

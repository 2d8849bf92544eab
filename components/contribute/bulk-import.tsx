"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { ImportSummary } from "@/lib/contribute/bulk-import";
import type { TagRule } from "@/lib/contribute/tag-rules";
import { tagsFor } from "@/lib/contribute/tag-rules";
import type { ImportJobStatus } from "@/lib/contribute/import-job";
import { formatInt, label } from "@/lib/text/display";
import { APPLICATIONS } from "@/lib/taxonomy/applications";
import { ENVIRONMENTS, INDUSTRIES, ORG_SIZES } from "@/lib/vm/context";
import { readError } from "./api-client";
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT, uploadTooLargeMessage } from "@/lib/formats/types";
import styles from "./contribute.module.css";
import { errorMessage, uploadForm } from "@/components/upload-form";
import { saveFile } from "@/components/save-file";

const JOB_KEY = "vmcompare.import.job";
const LINKS_KEY = "vmcompare.import.links";
/** The last finished import's id and token: its edit links can be fetched again from the server. */
const LAST_JOB_KEY = "vmcompare.import.last";

interface SavedJob {
  id: string;
  token: string;
  fileName: string;
  total: number;
  /** The request id of a `next` call whose answer has not arrived: a retry sends it again. */
  pendingRequestId?: string;
  /** What the workbook held that is not imported, and why, in words (shown with the result). */
  leftOut?: string[];
}

/** The workbook's problems that left rows out (templates, unreadable rows), one line each, without the file name. */
function skippedRows(problems: string[], fileName: string): string[] {
  return problems
    .filter((p) => /skipped/i.test(p))
    .map((p) => (p.startsWith(`${fileName}: `) ? p.slice(fileName.length + 2) : p))
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1));
}

function LeftOut({ lines, title }: { lines: string[]; title: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="alert alert-warn" data-testid="left-out">
      <strong>{title}</strong>
      <ul className={styles.errorList}>{lines.map((l, i) => <li key={i}>{l}</li>)}</ul>
    </div>
  );
}

/** A request id from the browser's random source (randomUUID needs HTTPS; this does not). */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function loadLastJob(): SavedJob | null {
  try {
    return JSON.parse(localStorage.getItem(LAST_JOB_KEY) ?? "null") as SavedJob | null;
  } catch {
    return null;
  }
}

/**
 * The edit links as CSV: from the server when the job is still known there
 * (every committed batch, re-derived from the token), else what this browser
 * collected.
 */
async function linksCsv(job: SavedJob | null): Promise<string> {
  if (job) {
    try {
      const res = await fetch(`/api/v1/imports/${job.id}/links`, { headers: { authorization: `Bearer ${job.token}` } });
      if (res.ok) {
        const body = (await res.json()) as { links: { id: string; editUrl: string }[] };
        return "id,edit_url\n" + body.links.map((l) => `${l.id},${l.editUrl}\n`).join("");
      }
    } catch {
      /* offline: fall back to the local copy */
    }
  }
  return "id,edit_url\n" + (localStorage.getItem(LINKS_KEY) ?? "");
}

interface RuleDraft {
  kind: TagRule["kind"];
  /** guest: family or OS name; column: column name; vm: row number. */
  match: string;
  value: string;
  app: string;
  version: string;
}

const APP_BY_NAME = new Map(APPLICATIONS.map((a) => [a.name.toLowerCase(), a.slug]));
const APP_SLUGS = new Set(APPLICATIONS.map((a) => a.slug));

function slugOf(text: string): string | null {
  const t = text.trim().toLowerCase();
  return APP_BY_NAME.get(t) ?? (APP_SLUGS.has(t) ? t : null);
}

function toRule(d: RuleDraft): TagRule | null {
  const slug = slugOf(d.app);
  if (!slug) return null;
  const version = d.version.trim() || null;
  if (d.kind === "all") return { kind: "all", slug, version };
  if (d.kind === "guest") return d.match ? { kind: "guest", guest: d.match, slug, version } : null;
  if (d.kind === "column") return d.match && d.value ? { kind: "column", column: d.match, value: d.value, slug, version } : null;
  return d.match ? { kind: "vm", row: Number(d.match), slug, version } : null;
}

function loadJob(): SavedJob | null {
  try {
    return JSON.parse(localStorage.getItem(JOB_KEY) ?? "null") as SavedJob | null;
  } catch {
    return null;
  }
}

function appendLinks(lines: string[]) {
  const prior = localStorage.getItem(LINKS_KEY) ?? "";
  localStorage.setItem(LINKS_KEY, prior + lines.join("\n") + "\n");
}

/**
 * Bulk import of an RVTools export: review, tag by rules, import batch by
 * batch. The job id and token live in localStorage so that after a reload
 * the page offers to resume; each batch is all-or-nothing on the server.
 */
export function BulkImport() {
  const [file, setFile] = useState<File | null>(null);
  const [uploadPct, setUploadPct] = useState<number | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rules, setRules] = useState<RuleDraft[]>([{ kind: "all", match: "", value: "", app: "", version: "" }]);
  const [context, setContext] = useState({ environment: "", industry: "", organizationSize: "" });
  const [saved, setSaved] = useState<SavedJob | null>(null);
  const [job, setJob] = useState<ImportJobStatus | null>(null);
  const [running, setRunning] = useState(false);
  const [linksReady, setLinksReady] = useState(false);
  const [lastJob, setLastJob] = useState<SavedJob | null>(null);
  const [confirmImplausible, setConfirmImplausible] = useState(false);
  const stop = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const s = loadJob();
    if (!s) {
      const last = loadLastJob();
      setLastJob(last);
      setLinksReady(!!last || !!localStorage.getItem(LINKS_KEY));
      return;
    }
    setSaved(s);
    fetch(`/api/v1/imports/${s.id}`, { headers: { authorization: `Bearer ${s.token}` } })
      .then(async (res) => {
        if (res.ok) setJob((await res.json()) as ImportJobStatus);
        else if (res.status === 404) {
          localStorage.removeItem(JOB_KEY);
          setSaved(null);
        }
      })
      .catch(() => {});
  }, []);

  async function review(f: File) {
    setFile(f);
    setSummary(null);
    setError(null);
    if (f.size > MAX_UPLOAD_FILE_BYTES) return setError(uploadTooLargeMessage(f.name, f.size));
    setUploadPct(0);
    const form = new FormData();
    form.append("file", f, f.name);
    try {
      const r = await uploadForm<ImportSummary>("/api/v1/imports/preview", form, { onProgress: setUploadPct });
      if (r.status === 200) setSummary(r.body);
      else setError(errorMessage(r.body, r.status).message);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploadPct(null);
    }
  }

  const compiled = useMemo(() => rules.map(toRule), [rules]);
  const implausibleRows = useMemo(() => (summary?.rows ?? []).filter((r) => r.implausible?.length), [summary]);
  const tagged = useMemo(() => {
    if (!summary) return 0;
    const valid = compiled.filter((r): r is TagRule => r !== null);
    return summary.rows.filter((row) =>
      tagsFor({
        row: row.row,
        guestFamily: row.guestFamily,
        guestName: row.guestName,
        columns: Object.fromEntries(summary.columns.map((c, k) => [c.name, row.cells[k] >= 0 ? c.values[row.cells[k]].value : null])),
      }, valid).length > 0 && (confirmImplausible || !row.implausible?.length),
    ).length;
  }, [summary, compiled, confirmImplausible]);

  /**
   * One `next` call under a request id that is saved before it is sent: if
   * the answer is lost (network, reload), the retry sends the same id and the
   * server answers with the batch it already published instead of the next.
   */
  async function nextBatch(s: SavedJob): Promise<Response> {
    const requestId = s.pendingRequestId ?? newRequestId();
    s.pendingRequestId = requestId;
    localStorage.setItem(JOB_KEY, JSON.stringify(s));
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetch(`/api/v1/imports/${s.id}/next`, {
          method: "POST",
          headers: { authorization: `Bearer ${s.token}`, "content-type": "application/json" },
          body: JSON.stringify({ requestId }),
        });
      } catch (e) {
        if (attempt >= 3 || stop.current) throw e;
        await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      }
    }
  }

  async function drive(s: SavedJob) {
    stop.current = false;
    setRunning(true);
    setError(null);
    try {
      for (;;) {
        if (stop.current) break;
        const res = await nextBatch(s);
        if (res.ok || res.status < 500) {
          // Answered: this request id is used up either way.
          delete s.pendingRequestId;
          localStorage.setItem(JOB_KEY, JSON.stringify(s));
        }
        if (!res.ok) {
          const err = await readError(res);
          if (res.status === 429) {
            await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get("retry-after") ?? 5)));
            continue;
          }
          setError(err.message);
          break;
        }
        const body = (await res.json()) as { job: ImportJobStatus; created: { id: string; editUrl: string }[] };
        if (body.created.length) appendLinks(body.created.map((c) => `${c.id},${c.editUrl}`));
        setJob(body.job);
        if (body.job.status === "done") {
          localStorage.removeItem(JOB_KEY);
          localStorage.setItem(LAST_JOB_KEY, JSON.stringify({ id: s.id, token: s.token, fileName: s.fileName, total: s.total, leftOut: s.leftOut }));
          setLastJob(s);
          setLinksReady(true);
          break;
        }
      }
    } catch {
      setError("The connection was lost. Your progress is saved: press Resume import to continue.");
    } finally {
      setRunning(false);
    }
  }

  async function startImport() {
    if (!file) return;
    const valid = compiled.filter((r): r is TagRule => r !== null);
    setError(null);
    const form = new FormData();
    form.append("file", file, file.name);
    form.append("rules", JSON.stringify(valid));
    form.append("context", JSON.stringify(Object.fromEntries(Object.entries(context).filter(([, v]) => v !== ""))));
    if (confirmImplausible) form.append("confirmImplausible", "true");
    setUploadPct(0);
    try {
      const r = await uploadForm<{ job: ImportJobStatus; token: string }>("/api/v1/imports", form, { onProgress: setUploadPct });
      if (r.status !== 201) {
        setError(errorMessage(r.body, r.status).message);
        return;
      }
      const { job: j, token, untagged, implausibleSkipped } = r.body as { job: ImportJobStatus; token: string; untagged?: number; implausibleSkipped?: number };
      const leftOut = [
        ...(summary ? skippedRows(summary.problems, summary.fileName) : []),
        ...(untagged ? [`${formatInt(untagged)} VM${untagged === 1 ? "" : "s"} without an application: no rule gave ${untagged === 1 ? "it" : "them"} a tag.`] : []),
        ...(implausibleSkipped ? [`${formatInt(implausibleSkipped)} VM${implausibleSkipped === 1 ? "" : "s"} with implausible numbers, not confirmed in the summary.`] : []),
      ];
      const s = { id: j.id, token, fileName: file.name, total: j.total, leftOut };
      localStorage.setItem(JOB_KEY, JSON.stringify(s));
      localStorage.removeItem(LINKS_KEY);
      setSaved(s);
      setJob(j);
      setSummary(null);
      await drive(s);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setUploadPct(null);
    }
  }

  async function discard() {
    if (!saved) return;
    stop.current = true;
    await fetch(`/api/v1/imports/${saved.id}`, { method: "DELETE", headers: { authorization: `Bearer ${saved.token}` } }).catch(() => {});
    localStorage.removeItem(JOB_KEY);
    setSaved(null);
    setJob(null);
  }

  async function downloadLinks() {
    saveFile("vmcompare-edit-links.csv", new Blob([await linksCsv(saved ?? lastJob)], { type: "text/csv" }));
  }

  const setRule = (i: number, p: Partial<RuleDraft>) => setRules((rs) => rs.map((r, k) => (k === i ? { ...r, ...p } : r)));

  // ── An import in progress (or resumable after a reload) ──
  if (saved) {
    const pct = job ? Math.round(((job.imported + job.duplicates) / Math.max(1, job.total)) * 100) : 0;
    const done = job?.status === "done";
    return (
      <section className="card" aria-labelledby="import-progress-title">
        <h3 id="import-progress-title">{done ? "Import complete" : running ? "Importing…" : "Import paused"}</h3>
        <p className="small muted">{saved.fileName}</p>
        <div className={styles.progressLabel}>
          <span data-testid="import-count">{formatInt(job?.imported ?? 0)} of {formatInt(saved.total)} VMs imported</span>
          <span>{job?.batchesDone ?? 0} of {job?.batchCount ?? "?"} batches done</span>
        </div>
        <div className="progress" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <span style={{ width: `${pct}%` }} />
        </div>
        {done && job?.publicId && job.imported > 0 ? (
          <p className={styles.importedLink}>
            <a href={`/vms?import=${job.publicId}`} className="btn btn-primary" data-testid="imported-link">
              See the {formatInt(job.imported)} imported VM{job.imported === 1 ? "" : "s"}
            </a>
            <span className="small muted"> The link lists exactly this import&apos;s VMs; it cannot edit them and names nobody.</span>
          </p>
        ) : null}
        <LeftOut
          title={done ? "Not imported" : "Left out of this import"}
          lines={[
            ...(saved.leftOut ?? []),
            ...(job && job.duplicates > 0 ? [`${formatInt(job.duplicates)} VM${job.duplicates === 1 ? " was" : "s were"} already published (the same configuration from the same source): skipped.`] : []),
          ]}
        />
        {error ? <div className="alert alert-error" role="alert">{error}</div> : null}
        <div className={styles.actions} style={{ marginTop: "1rem" }}>
          {done ? (
            <>
              <button type="button" className="btn btn-primary" onClick={downloadLinks}>Download edit links (CSV)</button>
              <button type="button" className="btn" onClick={() => { setSaved(null); setJob(null); setFile(null); }}>Import another workbook</button>
            </>
          ) : running ? (
            <button type="button" className="btn" onClick={() => { stop.current = true; }}>Pause</button>
          ) : (
            <>
              <button type="button" className="btn btn-primary" onClick={() => drive(saved)}>Resume import</button>
              <button type="button" className="btn btn-danger" onClick={discard}>Discard the rest</button>
            </>
          )}
        </div>
        {!done && !running && (job?.batchesDone ?? 0) > 0 ? (
          <p className="small">
            <button type="button" className="btn btn-sm" onClick={downloadLinks}>Download the edit links so far (CSV)</button>
          </p>
        ) : null}
        {done ? (
          <p className="small muted">
            The CSV holds one secret edit link per VM. This browser keeps the import&apos;s token, so the links can be
            downloaded again for a week; the server stores no link.
          </p>
        ) : null}
      </section>
    );
  }

  return (
    <div>
      <div className="field">
        <label htmlFor="rvtools-file">RVTools export</label>
        <input
          ref={inputRef}
          id="rvtools-file"
          type="file"
          accept=".xlsx,.zip,.csv"
          aria-describedby="rvtools-file-hint"
          onChange={(e) => e.target.files?.[0] && review(e.target.files[0])}
        />
        <span id="rvtools-file-hint" className="field-hint">
          The .xlsx from RVTools (“Export all to xlsx”), a .zip of its “Export all to csv” files, or its vInfo .csv; up to 10,000 VMs and {UPLOAD_LIMIT_TEXT}. Names, addresses, UUIDs,
          paths and network names are removed on the server.
        </span>
      </div>
      {linksReady ? (
        <p className="small">
          {lastJob ? `Edit links of your last import (${lastJob.fileName}) can be downloaded again.` : "Edit links of your last import are still in this browser."}{" "}
          <button type="button" className="btn btn-sm" onClick={downloadLinks}>Download them</button>
        </p>
      ) : null}
      {uploadPct !== null ? (
        <div>
          <div className={styles.progressLabel}><span>{uploadPct < 1 ? `Uploading ${Math.round(uploadPct * 100)}%` : "Reading the workbook…"}</span></div>
          <div className="progress" role="progressbar" aria-label="Upload" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(uploadPct * 100)}>
            <span style={{ width: `${Math.round(uploadPct * 100)}%` }} />
          </div>
        </div>
      ) : null}
      {error ? <div className="alert alert-error" role="alert">{error}</div> : null}

      {summary ? (
        <div data-testid="import-summary">
          <h3>Summary</h3>
          <div className="grid grid-4">
            <div className="card stat"><span className="stat-value">{formatInt(summary.vmCount)}</span><span className="stat-label">VMs found</span></div>
            <div className="card stat"><span className="stat-value">{formatInt(summary.problems.length)}</span><span className="stat-label">problems</span></div>
            <div className="card stat"><span className="stat-value">{formatInt(summary.guestFamilies.length)}</span><span className="stat-label">guest OS families</span></div>
            <div className="card stat"><span className="stat-value" data-testid="tagged-count">{formatInt(tagged)}</span><span className="stat-label">VMs tagged by your rules</span></div>
          </div>
          <LeftOut title="Left out: these rows are not VMs this site takes" lines={skippedRows(summary.problems, summary.fileName)} />
          {summary.problems.length > 0 ? (
            <details className={styles.details} style={{ marginTop: "1rem" }}>
              <summary>Every message from reading the workbook ({summary.problems.length})</summary>
              <ul className={styles.scroll}>{summary.problems.map((p, i) => <li key={i} className="small">{p}</li>)}</ul>
            </details>
          ) : null}
          <p className="small muted">
            Guest OS: {summary.guestFamilies.map((g) => `${label(g.value)} ${formatInt(g.count)}`).join(" · ") || "unknown"}
          </p>
          {implausibleRows.length > 0 ? (
            <div className="alert alert-warn" role="group" aria-labelledby="implausible-rows-title" data-testid="implausible-rows">
              <strong id="implausible-rows-title">
                {formatInt(implausibleRows.length)} VM{implausibleRows.length === 1 ? " looks" : "s look"} implausible
              </strong>
              <ul className={styles.scroll}>
                {implausibleRows.map((r) => <li key={r.row} className="small">Row {r.row} ({r.name}): {r.implausible.join(" ")}</li>)}
              </ul>
              <label className={styles.check}>
                <input type="checkbox" checked={confirmImplausible} onChange={(e) => setConfirmImplausible(e.target.checked)} />
                These numbers are right: import these VMs too, marked as implausible and left out of peer statistics until a
                moderator confirms them. Unticked, they are left out of the import.
              </label>
            </div>
          ) : null}

          <h3>Tag the VMs</h3>
          <p className="small muted">
            Rules give applications to VMs. The most specific rule that matches a VM gives its primary tag (one VM, then a
            column value, then a guest OS, then all VMs). VMs without a tag are not imported.
          </p>
          <datalist id="bulk-apps">{APPLICATIONS.map((a) => <option key={a.slug} value={a.name} />)}</datalist>
          {rules.map((r, i) => {
            const col = summary.columns.find((c) => c.name === r.match);
            const appOk = r.app === "" || slugOf(r.app) !== null;
            return (
              <fieldset key={i} className={styles.ruleRow} aria-label={`Rule ${i + 1}`}>
                <div className="field">
                  <label htmlFor={`rule-${i}-kind`}>Rule {i + 1}: VMs</label>
                  <select id={`rule-${i}-kind`} value={r.kind} onChange={(e) => setRule(i, { kind: e.target.value as TagRule["kind"], match: "", value: "" })}>
                    <option value="all">All VMs</option>
                    <option value="guest">By guest OS</option>
                    <option value="column">By a column&apos;s value</option>
                    <option value="vm">One VM</option>
                  </select>
                </div>
                <div className="field">
                  {r.kind === "all" ? <span className="muted small" style={{ paddingBottom: "0.5rem" }}>every VM</span> : null}
                  {r.kind === "guest" ? (
                    <>
                      <label htmlFor={`rule-${i}-match`}>Guest OS</label>
                      <select id={`rule-${i}-match`} value={r.match} onChange={(e) => setRule(i, { match: e.target.value })}>
                        <option value="">Choose…</option>
                        <optgroup label="Family">{summary.guestFamilies.map((g) => <option key={`f-${g.value}`} value={g.value}>{label(g.value)} ({g.count})</option>)}</optgroup>
                        <optgroup label="Exact name">{summary.guestNames.map((g) => <option key={`n-${g.value}`} value={g.value}>{g.value} ({g.count})</option>)}</optgroup>
                      </select>
                    </>
                  ) : null}
                  {r.kind === "column" ? (
                    <>
                      <label htmlFor={`rule-${i}-match`}>Column</label>
                      <select id={`rule-${i}-match`} value={r.match} onChange={(e) => setRule(i, { match: e.target.value, value: "" })}>
                        <option value="">Choose…</option>
                        {summary.columns.map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
                      </select>
                    </>
                  ) : null}
                  {r.kind === "vm" ? (
                    <>
                      <label htmlFor={`rule-${i}-match`}>VM</label>
                      <select id={`rule-${i}-match`} value={r.match} onChange={(e) => setRule(i, { match: e.target.value })}>
                        <option value="">Choose…</option>
                        {summary.rows.map((row) => <option key={row.row} value={row.row}>{row.name}</option>)}
                      </select>
                    </>
                  ) : null}
                </div>
                <div className="field">
                  {r.kind === "column" && col ? (
                    <>
                      <label htmlFor={`rule-${i}-value`}>Value</label>
                      <select id={`rule-${i}-value`} value={r.value} onChange={(e) => setRule(i, { value: e.target.value })}>
                        <option value="">Choose…</option>
                        {col.values.map((v) => <option key={v.value} value={v.value}>{v.value} ({v.count})</option>)}
                      </select>
                    </>
                  ) : (
                    <>
                      <label htmlFor={`rule-${i}-app`}>Application</label>
                      <input
                        id={`rule-${i}-app`}
                        type="text"
                        list="bulk-apps"
                        value={r.app}
                        aria-invalid={!appOk || undefined}
                        aria-describedby={!appOk ? `rule-${i}-app-error` : undefined}
                        onChange={(e) => setRule(i, { app: e.target.value })}
                      />
                      {!appOk ? <span id={`rule-${i}-app-error`} className="field-error">choose an application from the list</span> : null}
                    </>
                  )}
                </div>
                <div className="field">
                  {r.kind === "column" && col ? (
                    <>
                      <label htmlFor={`rule-${i}-app`}>Application</label>
                      <input id={`rule-${i}-app`} type="text" list="bulk-apps" value={r.app} aria-invalid={!appOk || undefined} onChange={(e) => setRule(i, { app: e.target.value })} />
                    </>
                  ) : (
                    <>
                      <label htmlFor={`rule-${i}-version`}>Version</label>
                      <input id={`rule-${i}-version`} type="text" placeholder="optional" value={r.version} onChange={(e) => setRule(i, { version: e.target.value })} />
                    </>
                  )}
                </div>
                <button type="button" className={`btn btn-sm ${styles.removeBtn}`} aria-label={`Remove rule ${i + 1}`} onClick={() => setRules((rs) => rs.filter((_, k) => k !== i))}>Remove</button>
              </fieldset>
            );
          })}
          <button type="button" className="btn btn-sm" onClick={() => setRules((rs) => [...rs, { kind: "guest", match: "", value: "", app: "", version: "" }])}>Add rule</button>

          <h3>Context for all VMs (optional)</h3>
          <div className={styles.row}>
            {([["environment", "Environment", ENVIRONMENTS], ["industry", "Industry", INDUSTRIES], ["organizationSize", "Organization size", ORG_SIZES]] as const).map(([k, l, opts]) => (
              <div className="field" key={k}>
                <label htmlFor={`bulk-${k}`}>{l}</label>
                <select id={`bulk-${k}`} value={context[k]} onChange={(e) => setContext((c) => ({ ...c, [k]: e.target.value }))}>
                  <option value="">Not given</option>
                  {opts.map((o) => <option key={o} value={o}>{k === "organizationSize" ? `${o} employees` : label(o)}</option>)}
                </select>
              </div>
            ))}
          </div>

          <div className={styles.actions}>
            <button type="button" className="btn btn-primary" disabled={tagged === 0 || uploadPct !== null} onClick={startImport}>
              Import {formatInt(tagged)} VM{tagged === 1 ? "" : "s"}
            </button>
            {summary.vmCount - tagged > 0 ? <span className="small muted">{formatInt(summary.vmCount - tagged)} VMs without a tag{implausibleRows.length && !confirmImplausible ? " or unconfirmed as implausible" : ""} will be left out.</span> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}

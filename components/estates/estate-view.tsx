"use client";

import Link from "next/link";
import { vmLabel } from "@/lib/vm/label";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { EstateView as EstateData, ImportDiff } from "@/lib/estates/views";
import { describeChanges } from "@/lib/estates/describe";
import { formatDate, formatDiskTotals, formatGiB, formatInt, formatMemory, plural } from "@/lib/text/display";
import { EstateTimeline } from "./estate-timeline";
import { ImportDiffView, TotalsStats } from "./import-diff-view";
import { appendTagChoice, TagChoiceFields, type AppOption, type TagChoiceValue } from "./tag-choice-fields";
import { errorMessage, uploadForm } from "@/components/upload-form";
import { ACCEPT } from "./accept";
import { UploadProgress } from "./upload-progress";
import styles from "./estates.module.css";

type Load = { kind: "loading" } | { kind: "no-token" } | { kind: "error"; status: number; message: string } | { kind: "ready"; data: EstateData };

/** The token travels in the URL fragment (never sent to the server in a request line or logs). */
function tokenFromHash(): string | null {
  const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  return m ? m[1] : null;
}

function tokenFromInput(text: string): string | null {
  const t = text.trim();
  const m = /token=([A-Za-z0-9_-]+)/.exec(t);
  if (m) return m[1];
  return /^[A-Za-z0-9_-]{20,}$/.test(t) ? t : null;
}

export function EstateView({ id, apps }: { id: string; apps: AppOption[] }) {
  const [token, setToken] = useState<string | null>(null);
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [diff, setDiff] = useState<ImportDiff | null>(null);

  const refresh = useCallback(async (t: string) => {
    try {
      const res = await fetch(`/api/v1/estates/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${t}` }, cache: "no-store" });
      const body = await res.json().catch(() => null);
      if (!res.ok) return setLoad({ kind: "error", status: res.status, ...errorMessage(body, res.status) });
      setLoad({ kind: "ready", data: body as EstateData });
    } catch {
      setLoad({ kind: "error", status: 0, message: "The server could not be reached." });
    }
  }, [id]);

  useEffect(() => {
    const t = tokenFromHash();
    // Reading the fragment is only possible after hydration; the first render shows the loading state.
    setToken(t);
    if (t) void refresh(t);
    else setLoad({ kind: "no-token" });
  }, [refresh]);

  if (load.kind === "loading") {
    return (
      <div aria-busy="true" aria-live="polite">
        <p className="sr-only">Loading the estate…</p>
        <div className="skeleton" style={{ height: 90, marginBottom: 12 }} />
        <div className="skeleton" style={{ height: 240 }} />
      </div>
    );
  }
  if (load.kind === "no-token" || (load.kind === "error" && (load.status === 401 || load.status === 403))) {
    return (
      <TokenPrompt
        error={load.kind === "error" ? "This edit link does not belong to this estate." : undefined}
        onToken={(t) => {
          window.history.replaceState(null, "", `#token=${t}`);
          setToken(t);
          setLoad({ kind: "loading" });
          void refresh(t);
        }}
      />
    );
  }
  if (load.kind === "error") {
    return (
      <div className="alert alert-error" role="alert">
        {load.status === 404 ? "There is no estate at this address: it may have been deleted." : load.message}
      </div>
    );
  }

  const data = load.data;
  const latest = data.imports[data.imports.length - 1];
  return (
    <>
      <div className="page-header">
        <div>
          <p className={`muted small ${styles.crumbs}`}><Link href="/estates">Estates</Link> / {data.id}</p>
          <h1>{data.name}</h1>
          <p className="muted">
            {plural(data.imports.length, "import")} since {formatDate(data.createdAt)}
            {latest ? `; last on ${formatDate(latest.createdAt)}` : ""}.
          </p>
        </div>
        <div className={styles.actions}>
          <a className="btn btn-sm" href="#import">Import a newer export</a>
          <a className="btn btn-sm" href={`/estates/report#estate=${encodeURIComponent(id)}&token=${token}`}>Estate report</a>
          <Link className="btn btn-sm" href="/tools/redact-workbook">Redact a workbook for sharing</Link>
        </div>
      </div>

      {diff ? <ImportDiffView diff={diff} headingId="diff" /> : <TotalsStats totals={data.totals} />}

      <section className={`card ${styles.section}`} aria-labelledby="import">
        <h2 id="import">Import a newer export</h2>
        <ImportForm id={id} token={token!} apps={apps} onDone={(d) => { setDiff(d); void refresh(token!); requestAnimationFrame(() => document.getElementById("diff")?.focus()); }} />
      </section>

      <div className={`grid grid-2 ${styles.section}`}>
        <section className="card" aria-labelledby="timeline">
          <h2 id="timeline">Totals per import</h2>
          <EstateTimeline
            points={data.imports.map((i) => ({ seq: i.seq, date: formatDate(i.createdAt), ...i.totals }))}
          />
        </section>
        <section className="card" aria-labelledby="history">
          <h2 id="history">Import history</h2>
          <History data={data} />
        </section>
      </div>

      <section className={styles.section} aria-labelledby="vms">
        <h2 id="vms">VMs in the latest import ({formatInt(data.memberCount)})</h2>
        <Members data={data} apps={apps} />
      </section>

      <DeleteEstate id={id} token={token!} count={data.memberCount} />
    </>
  );
}

function TokenPrompt({ onToken, error }: { onToken: (t: string) => void; error?: string }) {
  const uid = useId();
  const [text, setText] = useState("");
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      className={`card ${styles.form}`}
      onSubmit={(e) => {
        e.preventDefault();
        const t = tokenFromInput(text);
        if (!t) return setInvalid(true);
        onToken(t);
      }}
    >
      <h1>Open an estate</h1>
      {error ? <div className="alert alert-error" role="alert">{error}</div> : null}
      <div className="field">
        <label htmlFor={`${uid}-t`}>Edit link</label>
        <input id={`${uid}-t`} type="text" value={text} onChange={(e) => { setText(e.target.value); setInvalid(false); }} aria-invalid={invalid || undefined} aria-describedby={`${uid}-h${invalid ? ` ${uid}-e` : ""}`} />
        <span id={`${uid}-h`} className="field-hint">Paste the link you were shown when the estate was saved (it ends in #token=…).</span>
        {invalid ? <span id={`${uid}-e`} className="field-error">That does not look like an edit link.</span> : null}
      </div>
      <button className="btn btn-primary" type="submit">Open</button>
    </form>
  );
}

function ImportForm({ id, token, apps, onDone }: { id: string; token: string; apps: AppOption[]; onDone: (d: ImportDiff) => void }) {
  const uid = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [tags, setTags] = useState<TagChoiceValue>({ default: "", windows: "", linux: "" });
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (files.length === 0) return setError({ message: "Choose the newer workbook or snapshot files.", field: "files" });
    const form = new FormData();
    appendTagChoice(form, tags);
    for (const f of files) form.append("files", f, f.name);
    setError(null);
    setProgress(0);
    try {
      const res = await uploadForm<ImportDiff>(`/api/v1/estates/${encodeURIComponent(id)}/imports`, form, { token, onProgress: setProgress });
      setProgress(null);
      if (!res.ok) return setError(errorMessage(res.body, res.status));
      setFiles([]);
      if (fileRef.current) fileRef.current.value = "";
      onDone(res.body);
    } catch (err) {
      setProgress(null);
      setError({ message: (err as Error).message });
    }
  }

  const filesErr = error?.field === "files" ? error.message : undefined;
  const tagErr = error?.field?.startsWith("tag") ? error.message : undefined;
  return (
    <form onSubmit={submit} noValidate aria-busy={progress !== null}>
      <p className="muted small">
        VMs are matched to the last import by keyed hashes of their UUIDs and names. VMs missing from the new export are
        deleted from the site; changed ones are updated; new ones are published.
      </p>
      <div className="field">
        <label htmlFor={`${uid}-files`}>Newer export</label>
        <input
          id={`${uid}-files`}
          ref={fileRef}
          className={styles.fileInput}
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => setFiles([...(e.target.files ?? [])])}
          aria-invalid={!!filesErr || undefined}
          aria-describedby={filesErr ? `${uid}-err` : undefined}
        />
        {filesErr ? <span id={`${uid}-err`} className="field-error">{filesErr}</span> : null}
      </div>
      <TagChoiceFields apps={apps} value={tags} onChange={setTags} error={tagErr} legend="Application for new VMs" />
      {progress !== null ? <UploadProgress label="Importing" fraction={progress} /> : null}
      {error && !filesErr && !tagErr ? <div className="alert alert-error" role="alert">{error.message}</div> : null}
      <div className={styles.actions}>
        <button className="btn btn-primary" type="submit" disabled={progress !== null}>Import and show changes</button>
      </div>
    </form>
  );
}

function History({ data }: { data: EstateData }) {
  const rows = [...data.imports].reverse();
  return (
    <>
      <div className="table-wrap">
        <table className="data compact" data-testid="history-table">
          <caption className="sr-only">Imports, newest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th><th scope="col">Date</th><th scope="col" className="num">VMs</th><th scope="col" className="num">vCPUs</th>
              <th scope="col" className="num">Memory</th><th scope="col" className="num">Disk</th><th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id}>
                <td>{i.seq}</td>
                <td>{formatDate(i.createdAt)}</td>
                <td className="num">{formatInt(i.totals.vms)}</td>
                <td className="num">{formatInt(i.totals.vcpus)}</td>
                <td className="num">{formatMemory(i.totals.memoryMiB)}</td>
                <td className="num">{formatDiskTotals(i.totals)}</td>
                <td>
                  {i.seq === 1 ? "first import" : `+${i.summary.added} −${i.summary.removed} ~${i.summary.changed}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.filter((i) => i.summary.changes.length).map((i) => (
        <details key={i.id} className={styles.historyDetails}>
          <summary>Changed VMs in import #{i.seq} ({i.summary.changes.length}{i.summary.changesTruncated ? "+" : ""})</summary>
          <ul className={`${styles.changeList} small`}>
            {i.summary.changes.map((c, k) => (
              <li key={k}>{c.vmId ? <Link href={`/vms/${c.vmId}`}>{c.vmId}</Link> : "deleted VM"}: {describeChanges(c.changes)}</li>
            ))}
          </ul>
        </details>
      ))}
    </>
  );
}

const PAGE = 100;

function Members({ data, apps }: { data: EstateData; apps: AppOption[] }) {
  const [shown, setShown] = useState(PAGE);
  const appName = new Map(apps.map((a) => [a.slug, a.name]));
  if (data.members.length === 0) return <p className="empty">No VMs in this estate.</p>;
  return (
    <>
      <div className={`table-wrap ${styles.tableScroll}`}>
        <table className="data compact">
          <caption className="sr-only">VMs of the latest import</caption>
          <thead>
            <tr><th scope="col">VM</th><th scope="col">Application</th><th scope="col" className="num">vCPUs</th><th scope="col" className="num">Memory</th><th scope="col" className="num">Disk</th><th scope="col">Guest OS</th></tr>
          </thead>
          <tbody>
            {data.members.slice(0, shown).map((m, i) => (
              <tr key={m.vmId ?? i}>
                <td>
                  {m.vmId ? (
                    <>
                      <Link href={`/vms/${m.vmId}`}>{vmLabel({ appName: m.primaryApp ? appName.get(m.primaryApp) ?? m.primaryApp : null, vcpus: m.vcpus, memoryMib: m.memoryMiB })}</Link>{" "}
                      <span className="muted">{m.vmId}</span>
                    </>
                  ) : <span className="muted">deleted</span>}
                </td>
                <td>{m.primaryApp ? appName.get(m.primaryApp) ?? m.primaryApp : "—"}</td>
                <td className="num">{m.vcpus}</td>
                <td className="num">{formatMemory(m.memoryMiB)}</td>
                <td className="num">{formatGiB(m.diskGiB)}</td>
                <td>{m.guestOs ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.actions}>
        {shown < data.members.length ? (
          <button type="button" className="btn btn-sm" onClick={() => setShown((s) => s + PAGE * 5)}>
            Show more ({formatInt(data.members.length - shown)} more)
          </button>
        ) : null}
        {data.membersTruncated ? <span className="muted small">The list stops at {formatInt(data.members.length)} VMs.</span> : null}
      </div>
    </>
  );
}

function DeleteEstate({ id, token, count }: { id: string; token: string; count: number }) {
  const [state, setState] = useState<"idle" | "confirm" | "busy" | "done" | string>("idle");
  async function del() {
    setState("busy");
    const res = await fetch(`/api/v1/estates/${encodeURIComponent(id)}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    if (res.ok) setState("done");
    else setState(errorMessage(await res.json().catch(() => null), res.status).message);
  }
  return (
    <section className={`card ${styles.section}`} aria-labelledby="delete">
      <h2 id="delete">Delete the estate</h2>
      {state === "done" ? (
        <p className="alert alert-ok" role="status">The estate and its VMs have been deleted.</p>
      ) : (
        <>
          <p className="muted small">Removes the estate, its history and the {plural(count, "VM")} it published. This cannot be undone.</p>
          {state === "confirm" ? (
            <div className={styles.actions}>
              <button type="button" className="btn btn-danger" onClick={del}>Yes, delete {plural(count, "VM")}</button>
              <button type="button" className="btn" onClick={() => setState("idle")}>Cancel</button>
            </div>
          ) : (
            <button type="button" className="btn btn-danger" disabled={state === "busy"} onClick={() => setState("confirm")}>Delete estate…</button>
          )}
          {!["idle", "confirm", "busy"].includes(state) ? <p className="alert alert-error" role="alert">{state}</p> : null}
        </>
      )}
    </section>
  );
}

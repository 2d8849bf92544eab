"use client";

import { useEffect, useId, useRef, useState } from "react";
import { formatInt } from "@/lib/text/display";
import { errorMessage, uploadForm } from "@/components/upload-form";
import { UploadProgress } from "./upload-progress";
import styles from "./estates.module.css";
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT, uploadTooLargeMessage } from "@/lib/formats/types";

interface SummaryItem {
  kind: string;
  count: number;
}

const KIND_LABELS: Record<string, string> = {
  vm: "VM names", host: "Host and server names", cluster: "Clusters", dc: "Datacenters", dns: "DNS names", net: "Networks and switches",
  ip: "IP addresses", mac: "MAC addresses", uuid: "UUIDs and IDs", path: "Paths", ds: "Datastores", folder: "Folders",
  note: "Annotations", pool: "Resource pools and vApps",
};

const DEFAULT_NAME = "rvtools-redacted.xlsx";

/** The server names the download by what came in (.xlsx, .zip of per-tab CSVs, or .csv); keep that name. */
function downloadName(disposition: string | null): string {
  const name = /filename="([^"]+)"/.exec(disposition ?? "")?.[1];
  return name && /^[\w.-]+$/.test(name) ? name : DEFAULT_NAME;
}

/** Upload an RVTools workbook, get it back with every identifying value pseudonymized. Nothing is stored. */
export function RedactWorkbookForm() {
  const uid = useId();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ url: string; name: string; summary: SummaryItem[]; size: number } | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => () => { if (result) URL.revokeObjectURL(result.url); }, [result]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (!file) return setError("Choose an RVTools workbook (.xlsx) or a .zip of its per-tab CSV files.");
    if (file.size > MAX_UPLOAD_FILE_BYTES) return setError(uploadTooLargeMessage(file.name, file.size));
    const form = new FormData();
    form.append("file", file, file.name);
    setProgress(0);
    setResult(null);
    try {
      const res = await uploadForm<Blob>("/api/v1/workbooks/redact", form, { as: "blob", onProgress: setProgress });
      setProgress(null);
      if (!res.ok) return setError(errorMessage(res.body, res.status).message);
      const summary = JSON.parse(res.headers("X-Redaction-Summary") ?? "[]") as SummaryItem[];
      setResult({ url: URL.createObjectURL(res.body), name: downloadName(res.headers("Content-Disposition")), summary, size: res.body.size });
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (err) {
      setProgress(null);
      setError((err as Error).message);
    }
  }

  const total = result?.summary.reduce((s, i) => s + i.count, 0) ?? 0;
  return (
    <>
      <form className={`card ${styles.form}`} onSubmit={submit} noValidate aria-busy={progress !== null}>
        <div className="field">
          <label htmlFor={`${uid}-file`}>RVTools workbook</label>
          <input
            id={`${uid}-file`}
            className={styles.fileInput}
            type="file"
            accept=".xlsx,.zip,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setError(null); }}
            aria-invalid={!!error || undefined}
            aria-describedby={`${uid}-hint${error ? ` ${uid}-err` : ""}`}
          />
          <span id={`${uid}-hint`} className="field-hint">An .xlsx export from RVTools, or a .zip of its “Export all to csv” files, up to {UPLOAD_LIMIT_TEXT}. It is processed in memory and not kept.</span>
          {error ? <span id={`${uid}-err`} className="field-error" role="alert">{error}</span> : null}
        </div>
        {progress !== null ? <UploadProgress label="Redacting" fraction={progress} /> : null}
        <div className={styles.actions}>
          <button type="submit" className="btn btn-primary" disabled={progress !== null}>Redact workbook</button>
        </div>
      </form>

      {result ? (
        <section className={`card ${styles.section} ${styles.form}`} aria-labelledby={`${uid}-done`}>
          <h2 id={`${uid}-done`} ref={resultRef} tabIndex={-1}>Redacted workbook ready</h2>
          <p>
            {formatInt(total)} distinct values were replaced with stable pseudonyms (the same value gets the same
            pseudonym everywhere in the workbook). Sheets, columns and rows are unchanged.
          </p>
          <div className="table-wrap">
            <table className="data compact" data-testid="redaction-summary">
              <caption className="sr-only">What was replaced</caption>
              <thead><tr><th scope="col">Replaced</th><th scope="col" className="num">Distinct values</th></tr></thead>
              <tbody>
                {result.summary.map((s) => (
                  <tr key={s.kind}><td>{KIND_LABELS[s.kind] ?? s.kind}</td><td className="num">{formatInt(s.count)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className={styles.actions}>
            <a className="btn btn-primary" href={result.url} download={result.name}>Download {result.name}</a>
            <span className="muted small">{formatInt(Math.round(result.size / 1024))} KiB</span>
          </div>
        </section>
      ) : null}
    </>
  );
}

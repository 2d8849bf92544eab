"use client";

import { useEffect, useId, useState } from "react";
import styles from "./export-buttons.module.css";
import { saveFile } from "@/components/save-file";

/**
 * Downloads (CSV, JSON, PDF) and a permalink for any comparison. Published
 * things download by plain links; a private configuration is sent in a POST
 * body (it has no URL) and comes back as a file, after the user has chosen
 * what of it the report may hold.
 */
export interface PrivateExportInput {
  vm: unknown;
  tags?: unknown[];
  context?: unknown;
}

export type ExportButtonsProps =
  | { kind: "vm"; source: { id: string } }
  | { kind: "workload"; source: { slug: string } }
  | { kind: "side-by-side"; source: { ids: string[]; base?: string | null } }
  | { kind: "private"; source: PrivateExportInput }
  | { kind: "permalink"; source: { id: string } };

const FORMATS = [
  { ext: "csv", label: "CSV" },
  { ext: "json", label: "JSON" },
  { ext: "pdf", label: "PDF" },
] as const;

function downloadHref(p: ExportButtonsProps, ext: string): string | null {
  switch (p.kind) {
    case "vm":
      return `/api/v1/reports/vm/${encodeURIComponent(p.source.id)}.${ext}`;
    case "workload":
      return `/api/v1/reports/workload/${encodeURIComponent(p.source.slug)}.${ext}`;
    case "side-by-side": {
      const q = new URLSearchParams({ ids: p.source.ids.join(",") });
      if (p.source.base) q.set("base", p.source.base);
      return `/api/v1/reports/compare.${ext}?${q}`;
    }
    case "permalink":
      return `/api/v1/reports/${encodeURIComponent(p.source.id)}.${ext}`;
    case "private":
      return null;
  }
}

function permalinkBody(p: ExportButtonsProps, include: Include): unknown {
  switch (p.kind) {
    case "vm":
      return { kind: "vm", id: p.source.id };
    case "workload":
      return { kind: "workload", slug: p.source.slug };
    case "side-by-side":
      return { kind: "side-by-side", ids: p.source.ids, base: p.source.base ?? null };
    case "private":
      return { kind: "private", ...p.source, include };
    case "permalink":
      return null;
  }
}

interface Include {
  values: boolean;
  configuration: boolean;
  checks: boolean;
}

async function errorText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${res.status}.`;
  } catch {
    return `The server answered ${res.status}.`;
  }
}

export function ExportButtons(props: ExportButtonsProps) {
  const id = useId();
  const [include, setInclude] = useState<Include>({ values: true, configuration: false, checks: false });
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [permalink, setPermalink] = useState<string | null>(props.kind === "permalink" ? `/reports/${props.source.id}` : null);
  const [permalinkLink, setPermalinkLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  async function downloadPrivate(ext: string) {
    if (props.kind !== "private") return;
    setBusy(ext);
    setError(null);
    try {
      const res = await fetch(`/api/v1/reports/private.${ext}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...props.source, include }),
      });
      if (!res.ok) throw new Error(await errorText(res));
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `vmcompare-private.${ext}`;
      saveFile(name, await res.blob());
    } catch (e) {
      setError(`Could not make the ${ext.toUpperCase()} file: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function createPermalink() {
    setBusy("permalink");
    setError(null);
    try {
      const res = await fetch("/api/v1/reports", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(permalinkBody(props, include)),
      });
      if (!res.ok) throw new Error(await errorText(res));
      const body = (await res.json()) as { url: string; link?: string };
      setPermalink(body.url);
      // The server's public address (PUBLIC_URL, or the host the request came to): the link is for sharing.
      setPermalinkLink(body.link ?? null);
    } catch (e) {
      setError(`Could not create the permalink: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  }

  async function copy(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }

  // The origin is only known in the browser; reading it after hydration keeps server and client markup equal.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const absolute = permalinkLink ?? (permalink ? `${origin}${permalink}` : null);

  return (
    <div className={styles.root} data-testid="export-buttons" data-ready={origin ? "true" : undefined}>
      {props.kind === "private" ? (
        <fieldset className={styles.include}>
          <legend>What the report may hold of your configuration</legend>
          <label>
            <input type="checkbox" checked={include.values} onChange={(e) => setInclude({ ...include, values: e.target.checked })} />
            Its sizes (vCPUs, memory, disk, counts)
          </label>
          <label>
            <input type="checkbox" checked={include.configuration} onChange={(e) => setInclude({ ...include, configuration: e.target.checked })} />
            Guest OS, hypervisor, firmware, NIC models
          </label>
          <label>
            <input type="checkbox" checked={include.checks} onChange={(e) => setInclude({ ...include, checks: e.target.checked })} />
            Configuration checks
          </label>
        </fieldset>
      ) : null}
      <div className={styles.row} role="group" aria-labelledby={`${id}-dl`}>
        <span id={`${id}-dl`} className={styles.label}>Download</span>
        {FORMATS.map((f) => {
          const href = downloadHref(props, f.ext);
          return href ? (
            <a key={f.ext} className="btn btn-sm" href={href} download data-format={f.ext}>
              {f.label}
            </a>
          ) : (
            <button key={f.ext} type="button" className="btn btn-sm" data-format={f.ext} disabled={busy !== null} onClick={() => downloadPrivate(f.ext)}>
              {busy === f.ext ? `${f.label}…` : f.label}
            </button>
          );
        })}
        {props.kind !== "permalink" ? (
          <button type="button" className="btn btn-sm btn-primary" onClick={createPermalink} disabled={busy !== null} aria-describedby={`${id}-pl-hint`}>
            {busy === "permalink" ? "Creating…" : "Permalink"}
          </button>
        ) : null}
      </div>
      {props.kind !== "permalink" ? (
        <p id={`${id}-pl-hint`} className="small muted" style={{ margin: 0 }}>
          A permalink freezes today&apos;s numbers so the report reads the same later.
          {props.kind === "private" ? " Private permalinks are unguessable and never listed." : ""}
        </p>
      ) : null}
      <div aria-live="polite">
        {permalink ? (
          <div className={styles.permalink}>
            <label htmlFor={`${id}-url`} className="small">Permalink</label>
            <input id={`${id}-url`} type="text" readOnly value={absolute ?? ""} onFocus={(e) => e.currentTarget.select()} data-testid="permalink-url" />
            <button type="button" className="btn btn-sm" onClick={() => copy(absolute ?? "")}>{copied ? "Copied" : "Copy"}</button>
            {props.kind !== "permalink" ? <a href={permalink} className="small">Open</a> : null}
          </div>
        ) : null}
        {error ? <p className="alert alert-error small" role="alert">{error}</p> : null}
      </div>
    </div>
  );
}

"use client";

import { useCallback, useEffect, useState } from "react";
import styles from "./data.module.css";

export interface DumpPanelStatus {
  manifest: { generatedAt: string; rows: number; files: { name: string; format: string; bytes: number }[] } | null;
  progress: { state: "idle" | "running" | "failed"; done: number; total: number; startedAt: string | null; error: string | null };
  stale: boolean;
  /** The live count beside the dumped one (lib/db/dump-schedule.ts). */
  freshness?: { live: number; dumped: number | null; current: boolean };
  /** A regeneration waits for writes to go quiet. */
  scheduled?: boolean;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const FORMAT_NAMES: Record<string, string> = { csv: "CSV (gzip)", jsonl: "JSON Lines (gzip)" };

/** The dump's state, its files, and a button that regenerates it with a progress bar. */
export function DumpPanel({ initial }: { initial: DumpPanelStatus }) {
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const running = status.progress.state === "running";

  const refresh = useCallback(async () => {
    try {
      const res = await fetch("/api/v1/data", { cache: "no-store" });
      if (res.ok) setStatus((await res.json()) as DumpPanelStatus);
    } catch {
      /* keep the last known state; the next poll retries */
    }
  }, []);

  const waiting = !running && status.scheduled === true;
  useEffect(() => {
    if (!running && !waiting) return;
    const t = setInterval(refresh, running ? 1000 : 5000);
    return () => clearInterval(t);
  }, [running, waiting, refresh]);

  async function regenerate() {
    setError(null);
    try {
      const res = await fetch("/api/v1/data", { method: "POST" });
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `The server answered ${res.status}.`);
      setStatus(body as DumpPanelStatus);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const { manifest, progress } = status;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <div>
      {manifest ? (
        <>
          <p>
            Generated <time dateTime={manifest.generatedAt}>{manifest.generatedAt.slice(0, 16).replace("T", " ")} UTC</time> with{" "}
            <strong data-testid="dump-rows">{manifest.rows.toLocaleString("en-US")}</strong> published VMs
            {status.freshness ? (
              <>; the site has <strong data-testid="live-rows">{status.freshness.live.toLocaleString("en-US")}</strong> now</>
            ) : null}
            .
            {status.stale
              ? " It is over a day old; a new one is being made."
              : status.freshness && !status.freshness.current
                ? running || waiting
                  ? " The site has changed since; a new dump follows within minutes."
                  : " The site has changed since."
                : ""}
          </p>
          <div className={styles.downloads}>
            {manifest.files.map((f) => (
              <a key={f.name} className="btn btn-primary" href={`/api/v1/data/${f.name}`} download data-format={f.format}>
                {FORMAT_NAMES[f.format] ?? f.name} · {size(f.bytes)}
              </a>
            ))}
          </div>
        </>
      ) : (
        <p className="muted">No dump has been made yet{running ? "; the first one is being written now." : "."}</p>
      )}

      <div aria-live="polite">
        {running ? (
          <div className={styles.progressRow}>
            <div
              className={`progress ${styles.bar}`}
              role="progressbar"
              aria-label="Writing the dump"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
            >
              <span style={{ width: `${pct}%` }} />
            </div>
            <span className="small">
              {progress.total ? `${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} VMs` : "Counting VMs…"}
            </span>
          </div>
        ) : null}
        {progress.state === "failed" ? <p className="alert alert-error" role="alert">The last regeneration failed: {progress.error}</p> : null}
        {error ? <p className="alert alert-error" role="alert">Could not start a regeneration: {error}</p> : null}
      </div>
      <button type="button" className="btn" onClick={regenerate} disabled={running}>
        {running ? "Regenerating…" : "Regenerate now"}
      </button>
    </div>
  );
}

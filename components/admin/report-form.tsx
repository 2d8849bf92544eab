"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { readError } from "@/components/contribute/api-client";
import { REPORT_REASON_IDS, REPORT_REASONS, type ReportReason } from "@/lib/contribute/moderation-schemas";
import styles from "./admin.module.css";

/** A visitor tells the moderators what is wrong with a VM. Nothing about the visitor is kept. */
export function ReportForm({ vmId }: { vmId: string }) {
  const [reason, setReason] = useState<ReportReason | "">("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const done = useRef<HTMLDivElement>(null);
  // The form is replaced by the thanks: move the focus there, not to the page's start.
  useEffect(() => {
    if (sent) done.current?.focus();
  }, [sent]);

  if (sent) {
    return (
      <div ref={done} className="alert alert-ok" role="status" tabIndex={-1} data-testid="report-sent">
        Thank you. The moderators will look at this VM. <Link href={`/vms/${vmId}`}>Back to the VM</Link>
      </div>
    );
  }
  return (
    <form className="card" style={{ maxWidth: "36rem" }} noValidate onSubmit={async (e) => {
      e.preventDefault();
      if (!reason) return setError("Choose what is wrong.");
      setBusy(true);
      setError(null);
      const res = await fetch(`/api/v1/vms/${vmId}/reports`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason, note: note.trim() || undefined }),
      }).catch(() => null);
      setBusy(false);
      if (res?.ok) setSent(true);
      else setError(res ? (await readError(res)).message : "Could not reach the server.");
    }}>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }} aria-describedby={error ? "report-error" : undefined}>
        <legend><strong>What is wrong with this VM?</strong></legend>
        {REPORT_REASON_IDS.map((r) => (
          <div key={r}>
            <label><input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} /> {REPORT_REASONS[r]}</label>
          </div>
        ))}
      </fieldset>
      <div className="field" style={{ marginTop: "0.8rem" }}>
        <label htmlFor="report-note">Note for the moderators <span className="muted">(optional)</span></label>
        <textarea id="report-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby="report-note-hint" className={styles.detail} />
        <span id="report-note-hint" className="field-hint">Up to 500 characters. Do not include personal details: nothing about you is stored.</span>
      </div>
      {error ? <p id="report-error" className="field-error" role="alert">{error}</p> : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>Send report</button>
    </form>
  );
}

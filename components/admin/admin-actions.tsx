"use client";

import { useId, useState } from "react";
import { useAdmin } from "./admin-console";
import styles from "./admin.module.css";

/** Approve (optionally respelled), merge into an application, or reject one proposed name. */
export function NameActions({ slug, name, targets }: { slug: string; name: string; targets: { slug: string; name: string }[] }) {
  const { run, busy } = useAdmin();
  const id = useId();
  const [spelling, setSpelling] = useState(name);
  const [into, setInto] = useState("");
  return (
    <div className={styles.actions}>
      <form className={styles.inline} onSubmit={(e) => { e.preventDefault(); void run({ action: "name.approve", slug, name: spelling.trim() || undefined }); }}>
        <label htmlFor={`${id}-name`} className="sr-only">Name to approve for {slug}</label>
        <input id={`${id}-name`} type="text" value={spelling} onChange={(e) => setSpelling(e.target.value)} maxLength={80} className={styles.nameInput} />
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>Approve</button>
      </form>
      <form className={styles.inline} onSubmit={(e) => { e.preventDefault(); if (into) void run({ action: "name.merge", slug, into }); }}>
        <label htmlFor={`${id}-into`} className="sr-only">Merge {slug} into</label>
        <select id={`${id}-into`} value={into} onChange={(e) => setInto(e.target.value)} className={styles.select}>
          <option value="">Merge into…</option>
          {targets.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
        </select>
        <button type="submit" className="btn btn-sm" disabled={busy || !into}>Merge</button>
      </form>
      <button type="button" className="btn btn-sm btn-danger" disabled={busy} onClick={() => void run({ action: "name.reject", slug })}>Reject</button>
    </div>
  );
}

/** Delete with a second, explicit confirmation: it cannot be undone. */
export function DeleteVmButton({ id, label = "Delete VM" }: { id: string; label?: string }) {
  const { run, busy } = useAdmin();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) return <button type="button" className="btn btn-sm btn-danger" disabled={busy} onClick={() => setConfirming(true)}>{label}</button>;
  return (
    <span className={styles.inline} role="group" aria-label={`Confirm deleting VM ${id}`}>
      <button type="button" className="btn btn-sm btn-danger" disabled={busy} autoFocus onClick={() => void run({ action: "vm.delete", id })}>Delete {id} for good</button>
      <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>Cancel</button>
    </span>
  );
}

/** Keep a flagged VM: confirm its numbers as real, or dismiss its reports. */
export function FlaggedActions({ id, implausible, reported }: { id: string; implausible: boolean; reported: boolean }) {
  const { run, busy } = useAdmin();
  return (
    <div className={styles.actions}>
      {implausible ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run({ action: "vm.confirm", id })}>Numbers are real</button> : null}
      {reported && !implausible ? <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void run({ action: "report.dismiss", id })}>Dismiss reports</button> : null}
      <DeleteVmButton id={id} />
    </div>
  );
}

/** Delete any VM by its id (from its page's address). */
export function DeleteByIdForm() {
  const { run, busy } = useAdmin();
  const [vmId, setVmId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const valid = /^[a-z0-9]{4,40}$/.test(vmId.trim());
  return (
    <form className={styles.inline} onSubmit={async (e) => {
      e.preventDefault();
      if (!valid) return;
      if (!confirming) return setConfirming(true);
      if (await run({ action: "vm.delete", id: vmId.trim() })) setVmId("");
      setConfirming(false);
    }}>
      <div className="field" style={{ marginBottom: 0 }}>
        <label htmlFor="delete-vm-id">VM id</label>
        <input id="delete-vm-id" type="text" value={vmId} onChange={(e) => { setVmId(e.target.value); setConfirming(false); }} placeholder="e.g. k3m9x2p7q4rt" autoComplete="off" spellCheck={false} aria-describedby="delete-vm-hint" />
        <span id="delete-vm-hint" className="field-hint">The id is the last part of the VM page&apos;s address.</span>
      </div>
      <button type="submit" className="btn btn-danger" disabled={busy || !valid}>{confirming ? `Delete ${vmId.trim()} for good` : "Delete VM…"}</button>
      {confirming ? <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button> : null}
    </form>
  );
}

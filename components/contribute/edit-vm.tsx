"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { formFromVm, type ContributionForm } from "@/lib/contribute/form-schema";
import type { VmRecord } from "@/lib/vm/record";
import { publishContribution, readError } from "./api-client";
import { VmForm } from "./vm-form";
import styles from "./contribute.module.css";

function formOf(rec: VmRecord): ContributionForm {
  const f = formFromVm(rec.vm, rec.context);
  f.tags = rec.tags.map((t) => ({ slug: t.slug, name: t.name, version: t.version ?? "", primary: t.primary }));
  return f;
}

/**
 * The owner's edit page. The token arrives in the URL fragment, which
 * browsers never send to the server, and is sent only as a Bearer header.
 */
export function EditVm({ record }: { record: VmRecord }) {
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const read = () => {
      const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
      setToken(m ? m[1] : null);
    };
    read();
    // Opening the edit link while already on this page changes only the fragment: no reload.
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);

  async function remove() {
    setError(null);
    const res = await fetch(`/api/v1/vms/${record.id}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (!res) setError("Could not reach the server.");
    else if (res.status === 204) setDeleted(true);
    else setError((await readError(res)).message);
    setConfirming(false);
  }

  if (token === undefined) return <div className="skeleton" style={{ height: "12rem" }} aria-busy="true" aria-label="Loading" />;
  if (deleted) {
    return (
      <div className="alert alert-ok" role="status">
        VM {record.id} was deleted, together with its statistics. <Link href="/vms" className={styles.inlineLink}>Browse VMs</Link>
      </div>
    );
  }
  if (!token) {
    return (
      <div className="alert alert-error" role="alert">
        <strong>This page needs the secret edit link.</strong> Open the link you were given when you published this VM
        (it ends in <code>#token=…</code>). Without it nobody can change or delete the VM.
      </div>
    );
  }
  return (
    <>
      {error ? <div className="alert alert-error" role="alert">{error}</div> : null}
      <VmForm
        idPrefix="edit"
        initial={formOf(record)}
        submitLabel="Save changes"
        onSubmit={async (c) => {
          const out = await publishContribution(c, "PATCH", `/api/v1/vms/${record.id}`, token);
          // Confirmed beside the button the user pressed (VmForm moves focus there), not at the top of the page.
          if (out.kind === "created") return { error: null, done: "Saved." };
          return { error: out.message, fieldErrors: out.kind === "error" ? out.fieldErrors : undefined };
        }}
      />
      <section className="card" aria-labelledby="delete-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="delete-title">Delete this VM</h2>
        <p className="small muted">The VM disappears from browsing, comparisons and statistics. This cannot be undone.</p>
        {confirming ? (
          <div role="group" aria-label="Confirm deletion" style={{ display: "flex", gap: "0.5rem" }}>
            <button type="button" className="btn btn-danger" onClick={remove} autoFocus>Yes, delete VM {record.id}</button>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
          </div>
        ) : (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>Delete…</button>
        )}
      </section>
    </>
  );
}

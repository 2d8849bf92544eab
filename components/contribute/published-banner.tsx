"use client";

import { useEffect, useRef, useState } from "react";
import type { CreatedVm } from "@/lib/contribute/api-schemas";
import styles from "./contribute.module.css";

/**
 * After publishing, the contributor lands on the new VM's page and the
 * once-only edit link waits there in a banner. It travels in this tab's
 * sessionStorage, never in the URL: an address is written to server logs,
 * history and Referer headers, and the link is the only key to the VM.
 */
const KEY_PREFIX = "vmcompare.published.";

export function handOffPublished(created: CreatedVm): void {
  try {
    sessionStorage.setItem(KEY_PREFIX + created.id, JSON.stringify({ editUrl: created.editUrl }));
  } catch {
    /* storage refused (private mode): the page simply shows no banner */
  }
}

export function PublishedBanner({ id }: { id: string }) {
  const [editUrl, setEditUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    try {
      const raw = sessionStorage.getItem(KEY_PREFIX + id);
      const url = raw ? (JSON.parse(raw) as { editUrl?: string }).editUrl : null;
      if (url) setEditUrl(url);
    } catch {
      /* nothing handed over */
    }
  }, [id]);
  useEffect(() => {
    if (editUrl) ref.current?.focus();
  }, [editUrl]);

  if (!editUrl) return null;
  async function copy() {
    try {
      await navigator.clipboard.writeText(editUrl!);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  function dismiss() {
    sessionStorage.removeItem(KEY_PREFIX + id);
    setEditUrl(null);
  }
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-ok no-print" role="status" aria-labelledby="published-title" data-testid="publish-result">
      <h2 id="published-title" style={{ marginTop: 0, fontSize: "1.15rem" }}>Published: this is your VM&apos;s page</h2>
      <p><strong>Keep this edit link.</strong> It is the only way to change or delete this VM, and it is shown only once — we store just a hash of it.</p>
      <div className={styles.secret}>
        <code data-testid="edit-url">{editUrl}</code>
        <button type="button" className="btn btn-sm" onClick={copy}>{copied ? "Copied" : "Copy link"}</button>
        <button type="button" className="btn btn-sm" onClick={dismiss}>I have saved it</button>
      </div>
      <span className="sr-only" aria-live="polite">{copied ? "Edit link copied to the clipboard" : ""}</span>
    </div>
  );
}

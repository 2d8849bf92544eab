"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { CreatedVm } from "@/lib/contribute/api-schemas";
import styles from "./contribute.module.css";

/** The secret edit link, shown once right after publishing. */
export function PublishResult({ created, onAnother }: { created: CreatedVm; onAnother?: () => void }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.editUrl);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-ok" role="status" data-testid="publish-result">
      <h3 style={{ marginTop: 0 }}>Published</h3>
      <p>
        Your VM is live: <Link href={`/vms/${created.id}`} className={styles.inlineLink}>view VM {created.id}</Link>.
      </p>
      <p><strong>Keep this edit link.</strong> It is the only way to change or delete this VM, and it is shown only once — we store just a hash of it.</p>
      <div className={styles.secret}>
        <code data-testid="edit-url">{created.editUrl}</code>
        <button type="button" className="btn btn-sm" onClick={copy}>{copied ? "Copied" : "Copy link"}</button>
      </div>
      <span className="sr-only" aria-live="polite">{copied ? "Edit link copied to the clipboard" : ""}</span>
      {onAnother ? (
        <p style={{ marginTop: "0.8rem" }}>
          <button type="button" className="btn btn-sm" onClick={onAnother}>Contribute another VM</button>
        </p>
      ) : null}
    </div>
  );
}

export function DuplicateNotice({ existingId, message }: { existingId: string; message: string }) {
  return (
    <div className="alert alert-warn" role="alert" data-testid="duplicate">
      <strong>Already published.</strong> {message}{" "}
      <Link href={`/vms/${existingId}`} className={styles.inlineLink}>See the existing record</Link>.
    </div>
  );
}

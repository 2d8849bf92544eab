"use client";

import Link from "next/link";
import { useId, useRef, useState } from "react";
import type { EstateTotals } from "@/lib/estates/diff";
import type { ImportDiff } from "@/lib/estates/views";
import { formatDiskTotals, formatInt, formatMemory, label, plural } from "@/lib/text/display";
import { appendTagChoice, TagChoiceFields, type AppOption, type TagChoiceValue } from "./tag-choice-fields";
import { errorMessage, uploadForm } from "@/components/upload-form";
import { ACCEPT } from "./accept";
import { UploadProgress } from "./upload-progress";
import styles from "./estates.module.css";

interface Preview {
  files: number;
  totals: EstateTotals;
  byFamily: Record<string, number>;
  warnings: string[];
}

interface Created {
  id: string;
  editToken: string;
  editUrl: string;
  import: ImportDiff;
}

type Phase = { kind: "idle" } | { kind: "uploading"; what: string; fraction: number } | { kind: "error"; message: string; field?: string };

/** /estates/new: name, files and tag; a preview of the counts; Save shows the edit link once. */
export function NewEstateForm({ apps }: { apps: AppOption[] }) {
  const uid = useId();
  const [name, setName] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [tags, setTags] = useState<TagChoiceValue>({ default: "", windows: "", linux: "" });
  const [preview, setPreview] = useState<Preview | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  const busy = phase.kind === "uploading";
  const fieldError = (f: string) => (phase.kind === "error" && phase.field === f ? phase.message : undefined);

  async function runPreview(chosen: File[]) {
    setPreview(null);
    if (chosen.length === 0) return;
    const form = new FormData();
    for (const f of chosen) form.append("files", f, f.name);
    setPhase({ kind: "uploading", what: "Reading the files", fraction: 0 });
    try {
      const res = await uploadForm<Preview>("/api/v1/estates/preview", form, { onProgress: (fraction) => setPhase({ kind: "uploading", what: "Reading the files", fraction }) });
      if (!res.ok) {
        const e = errorMessage(res.body, res.status);
        setPhase({ kind: "error", message: e.message, field: "files" });
        return;
      }
      setPreview(res.body);
      setPhase({ kind: "idle" });
    } catch (e) {
      setPhase({ kind: "error", message: (e as Error).message, field: "files" });
    }
  }

  async function save(ev: React.FormEvent) {
    ev.preventDefault();
    if (!name.trim()) return setPhase({ kind: "error", message: "Give the estate a name.", field: "name" });
    if (files.length === 0) return setPhase({ kind: "error", message: "Choose a workbook or snapshot files.", field: "files" });
    if (!tags.default) return setPhase({ kind: "error", message: "Choose the application these VMs run.", field: "tag" });
    const form = new FormData();
    form.append("name", name.trim());
    appendTagChoice(form, tags);
    for (const f of files) form.append("files", f, f.name);
    setPhase({ kind: "uploading", what: "Saving the estate", fraction: 0 });
    try {
      const res = await uploadForm<Created>("/api/v1/estates", form, { onProgress: (fraction) => setPhase({ kind: "uploading", what: "Saving the estate", fraction }) });
      if (!res.ok) {
        const e = errorMessage(res.body, res.status);
        return setPhase({ kind: "error", message: e.message, field: e.field?.startsWith("tag") ? "tag" : e.field });
      }
      setCreated(res.body);
      setPhase({ kind: "idle" });
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch (e) {
      setPhase({ kind: "error", message: (e as Error).message });
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(created!.editUrl);
      setCopied(true);
    } catch {
      linkRef.current?.select();
    }
  }

  if (created) {
    const s = created.import.summary;
    return (
      <section className="card" aria-labelledby={`${uid}-done`}>
        <h2 id={`${uid}-done`} ref={resultRef} tabIndex={-1}>Estate saved</h2>
        <p>{plural(s.added, "VM")} published. They appear in Browse and Compare like any contributed VM, without names.</p>
        <div className="alert alert-warn" role="note">
          <strong>Keep this edit link: it is shown only once.</strong> It is the only way to import a newer export into
          this estate, and anyone who has it can change or delete the estate. We keep no copy of it.
        </div>
        <div className={styles.linkBox}>
          <label htmlFor={`${uid}-link`} className="sr-only">Edit link</label>
          <input id={`${uid}-link`} ref={linkRef} type="text" readOnly value={created.editUrl} onFocus={(e) => e.target.select()} />
          <button type="button" className="btn btn-sm" onClick={copy}>{copied ? "Copied" : "Copy link"}</button>
        </div>
        <p aria-live="polite" className="sr-only">{copied ? "Edit link copied to the clipboard." : ""}</p>
        <div className={styles.actions}>
          <a className="btn btn-primary" href={created.editUrl}>Open the estate</a>
          <Link className="btn" href="/vms">Browse all VMs</Link>
        </div>
      </section>
    );
  }

  return (
    <form className={`card ${styles.form}`} onSubmit={save} noValidate aria-busy={busy}>
      <div className="field">
        <label htmlFor={`${uid}-name`}>Estate name</label>
        <input
          id={`${uid}-name`}
          type="text"
          name="name"
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!fieldError("name") || undefined}
          aria-describedby={`${uid}-name-hint${fieldError("name") ? ` ${uid}-name-err` : ""}`}
        />
        <span id={`${uid}-name-hint`} className="field-hint">Only you see it, with the edit link, e.g. “Lab cluster” or “Production vCenter”.</span>
        {fieldError("name") ? <span id={`${uid}-name-err`} className="field-error">{fieldError("name")}</span> : null}
      </div>

      <div className="field">
        <label htmlFor={`${uid}-files`}>RVTools workbook or snapshot files</label>
        <input
          id={`${uid}-files`}
          className={styles.fileInput}
          type="file"
          name="files"
          multiple
          accept={ACCEPT}
          disabled={busy}
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            setFiles(chosen);
            void runPreview(chosen);
          }}
          aria-invalid={!!fieldError("files") || undefined}
          aria-describedby={`${uid}-files-hint${fieldError("files") ? ` ${uid}-files-err` : ""}`}
        />
        <span id={`${uid}-files-hint`} className="field-hint">
          One RVTools export (.xlsx, or a .zip of its per-tab CSV files), or several .vmx, OVF, libvirt, Proxmox, .vbox, govc or Hyper-V files. Up to 60 MiB in total.
        </span>
        {fieldError("files") ? <span id={`${uid}-files-err`} className="field-error">{fieldError("files")}</span> : null}
      </div>

      {preview ? <PreviewSummary preview={preview} /> : null}

      <TagChoiceFields apps={apps} value={tags} onChange={setTags} required error={fieldError("tag")} />

      {phase.kind === "uploading" ? <UploadProgress label={phase.what} fraction={phase.fraction} /> : null}
      {phase.kind === "error" && !["name", "files", "tag"].includes(phase.field ?? "") ? (
        <div className="alert alert-error" role="alert">{phase.message}</div>
      ) : null}
      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary" disabled={busy}>Save estate and publish VMs</button>
        <span className="muted small">Names, UUIDs, addresses and paths are removed before anything is stored.</span>
      </div>
    </form>
  );
}

function PreviewSummary({ preview }: { preview: Preview }) {
  const t = preview.totals;
  return (
    <section className="alert alert-ok" aria-live="polite" aria-label="Preview">
      <strong>{plural(t.vms, "VM")}</strong> found in {plural(preview.files, "file")}: {formatInt(t.vcpus)} vCPUs,{" "}
      {formatMemory(t.memoryMiB)} memory, {formatDiskTotals(t)} disk.
      <span className="muted small">
        {" "}
        {Object.entries(preview.byFamily)
          .sort((a, b) => b[1] - a[1])
          .map(([f, n]) => `${label(f)} ${formatInt(n)}`)
          .join(" · ")}
      </span>
      {preview.warnings.length ? (
        <details>
          <summary>{plural(preview.warnings.length, "warning")}</summary>
          <ul className="small">
            {preview.warnings.slice(0, 50).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

"use client";

import { useRef, useState } from "react";
import type { CreatedVm, SnapshotFilePreview, SnapshotVmPreview } from "@/lib/contribute/api-schemas";
import { formFromVm } from "@/lib/contribute/form-schema";
import { formatMemory, label } from "@/lib/text/display";
import { shortTotalDisk } from "@/lib/vm/disk-text";
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT, uploadTooLargeMessage } from "@/lib/formats/types";
import { splitCompanions } from "@/lib/formats/util/companions";
import { publishFromForm } from "./api-client";
import { DuplicateNotice, PublishResult } from "./publish-result";
import { VmForm } from "./vm-form";
import { DefaultedNote } from "@/components/vm/vm-notes";
import { errorMessage, uploadForm } from "@/components/upload-form";
import styles from "./contribute.module.css";

interface Upload {
  key: string;
  name: string;
  size: number;
  phase: "uploading" | "parsing" | "done" | "error";
  progress: number;
  error?: string;
  preview?: SnapshotFilePreview;
}

async function send(files: File[], onProgress: (fraction: number) => void, onUploaded: () => void): Promise<SnapshotFilePreview[]> {
  const form = new FormData();
  for (const f of files) form.append("files", f, f.name);
  const r = await uploadForm<{ files?: SnapshotFilePreview[] }>("/api/v1/snapshots", form, { onProgress, onUploaded });
  if (r.ok && r.body?.files) return r.body.files;
  throw new Error(errorMessage(r.body, r.status).message);
}

/**
 * Upload of snapshot files: each file is sent on its own request (with any
 * .vmdk descriptors of the same selection) so it gets its own progress bar;
 * the server parses and redacts, and nothing is stored until Publish.
 */
export function SnapshotUpload() {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [drag, setDrag] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const counter = useRef(0);

  const patch = (key: string, p: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...p } : u)));

  function start(list: FileList | File[]) {
    const chosen = [...list];
    if (chosen.length === 0) return;
    // Checked before anything is sent: the server would refuse the same files with 413 at the same number.
    const tooLarge = chosen.filter((f) => f.size > MAX_UPLOAD_FILE_BYTES);
    const files = chosen.filter((f) => !tooLarge.includes(f));
    setNotice(tooLarge.length ? tooLarge.map((f) => uploadTooLargeMessage(f.name, f.size)).join(" ") : null);
    if (files.length === 0) return;
    const { main: mains, companions } = splitCompanions(files, (f) => f.name, (f) => f.size);
    if (mains.length === 0) {
      if (tooLarge.length) return;
      setNotice("Only .vmdk descriptors were chosen: add the .vmx they belong to.");
      return;
    }
    for (const f of mains) {
      const key = `u${++counter.current}`;
      setUploads((all) => [...all, { key, name: f.name, size: f.size, phase: "uploading", progress: 0 }]);
      send(
        /\.vmx$/i.test(f.name) ? [f, ...companions] : [f],
        (p) => patch(key, { progress: p }),
        () => patch(key, { progress: 1, phase: "parsing" }),
      ).then(
        (previews) => {
          const preview = previews[0];
          if (preview?.error) patch(key, { phase: "error", error: preview.error.message, progress: 1 });
          else patch(key, { phase: "done", progress: 1, preview });
        },
        (e: Error) => patch(key, { phase: "error", error: e.message }),
      );
    }
  }

  return (
    <div>
      <div
        className={`${styles.dropzone} ${drag ? styles.dropzoneActive : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDrag(true);
        }}
        onDragLeave={() => setDrag(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDrag(false);
          start(e.dataTransfer.files);
        }}
        data-testid="dropzone"
      >
        <p style={{ marginTop: 0 }}><strong>Drop snapshot files here</strong> or</p>
        <button type="button" className="btn btn-primary" aria-describedby="snapshot-files-hint" onClick={() => inputRef.current?.click()}>
          Choose files…
        </button>
        <input
          ref={inputRef}
          id="snapshot-files"
          type="file"
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-label="Snapshot files"
          onChange={(e) => {
            if (e.target.files) start(e.target.files);
            e.target.value = "";
          }}
        />
        <p id="snapshot-files-hint" className="small muted" style={{ marginBottom: 0 }}>
          .vmx (with its .vmdk descriptors), .ovf or .ova, libvirt .xml, Proxmox .conf, VirtualBox .vbox, govc / vSphere
          JSON, Hyper-V JSON. Up to {UPLOAD_LIMIT_TEXT} per file. Nothing is stored until you press Publish.
        </p>
      </div>
      {notice ? <div className="alert alert-error" role="alert">{notice}</div> : null}

      {uploads.length > 0 ? (
        <ul className={styles.fileList} aria-label="Uploaded files">
          {uploads.map((u) => (
            <li key={u.key} className="card">
              <div className={styles.fileItem}>
                <span className={styles.fileName}>{u.name}</span>
                <span className="small muted" aria-live="polite">
                  {u.phase === "uploading" ? `Uploading ${Math.round(u.progress * 100)}%` : u.phase === "parsing" ? "Parsing…" : u.phase === "error" ? "Failed" : `${u.preview?.vms.length ?? 0} VM${u.preview?.vms.length === 1 ? "" : "s"} found`}
                </span>
                <div
                  className="progress"
                  role="progressbar"
                  aria-label={`${u.name} upload`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(u.progress * 100)}
                  aria-valuetext={u.phase === "parsing" ? "parsing" : undefined}
                  style={{ gridColumn: "1 / -1" }}
                >
                  <span style={{ width: `${Math.round(u.progress * 100)}%` }} />
                </div>
              </div>
              {u.error ? <div className="alert alert-error" role="alert">{u.error}</div> : null}
              {u.preview ? <FilePreview preview={u.preview} uploadKey={u.key} /> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function FilePreview({ preview, uploadKey }: { preview: SnapshotFilePreview; uploadKey: string }) {
  return (
    <div>
      {preview.warnings.length > 0 ? (
        <div className="alert alert-warn">
          <strong>Warnings</strong>
          <ul style={{ margin: "0.3rem 0 0" }}>{preview.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </div>
      ) : null}
      {preview.vms.length === 0 ? <p className="muted">No VM found in this file.</p> : null}
      {preview.vms.map((vm, i) => (
        <VmPreview key={i} preview={vm} idPrefix={`${uploadKey}-vm${i}`} title={preview.vms.length > 1 ? `VM ${i + 1} of ${preview.vms.length}` : "VM"} format={preview.format} />
      ))}
    </div>
  );
}

function VmPreview({ preview, idPrefix, title, format }: { preview: SnapshotVmPreview; idPrefix: string; title: string; format: string | null }) {
  const [created, setCreated] = useState<CreatedVm | null>(null);
  const [dup, setDup] = useState<{ existingId: string; message: string } | null>(null);
  const vm = preview.vm;
  if (created) return <PublishResult created={created} />;
  return (
    <section className={styles.previewCard} aria-label={`${title} preview`}>
      <div className={styles.previewHead}>
        <h3>{title}: what will be published</h3>
        <span className="small muted">
          {label(format)} · {vm.cpu.vcpus} vCPU · {formatMemory(vm.memoryMiB)} · {shortTotalDisk(vm)} · {vm.nics.length} NIC{vm.nics.length === 1 ? "" : "s"}
        </span>
      </div>
      <div className="alert alert-ok" data-testid="removed">
        <strong>Removed before anything is stored:</strong>{" "}
        {preview.removed.length === 0 ? "nothing identifying was found." : preview.summary + "."}
        {preview.removed.length > 0 ? (
          <ul className={styles.removedList} aria-label="Removed values">
            {preview.removed.map((r, i) => <li key={i} className="badge">{r.label}</li>)}
          </ul>
        ) : null}
        <span className="small muted">Network names became labels (net-1, net-2 …). Review every field below, add applications, then publish.</span>
      </div>
      <DefaultedNote vm={vm} />
      {dup ? <DuplicateNotice {...dup} /> : null}
      <VmForm
        idPrefix={idPrefix}
        initial={formFromVm(vm, { networkRoles: preview.networkRoles }, preview.identityKey)}
        submitLabel="Publish"
        onSubmit={(c) => publishFromForm(c, { created: setCreated, duplicate: setDup }, "This VM is already published.")}
      />
    </section>
  );
}

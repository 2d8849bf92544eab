"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useEffect, useRef, useState } from "react";
import type { CreatedVm, SnapshotFilePreview, SnapshotVmPreview } from "@/lib/contribute/api-schemas";
import { formFromVm, parseContributionForm, toMiB, type ContributionForm, type TagForm } from "@/lib/contribute/form-schema";
import { vmLabel } from "@/lib/vm/label";
import { formatMemory, label } from "@/lib/text/display";
import { shortTotalDisk } from "@/lib/vm/disk-text";
import { MAX_UPLOAD_FILE_BYTES, UPLOAD_LIMIT_TEXT, uploadTooLargeMessage } from "@/lib/formats/types";
import { publishContribution, publishFromForm } from "./api-client";
import { AppTagPicker } from "./app-tag-picker";
import { DuplicateNotice } from "./publish-result";
import { handOffPublished } from "./published-banner";
import { splitCompanions } from "@/lib/formats/util/companions";
import { VmForm } from "./vm-form";
import { DefaultedNote } from "@/components/vm/vm-notes";
import { errorMessage, uploadForm } from "@/components/upload-form";
import styles from "./contribute.module.css";
import { saveFile } from "@/components/save-file";

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
              {u.preview?.warnings.length ? (
                <div className="alert alert-warn">
                  <strong>Warnings</strong>
                  <ul style={{ margin: "0.3rem 0 0" }}>{u.preview.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
                </div>
              ) : null}
              {u.preview && u.preview.vms.length === 0 ? <p className="muted">No VM found in this file.</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <UploadedVms uploads={uploads} />
    </div>
  );
}

/** One VM of the uploaded files, as the multi-VM table holds it. */
interface Entry {
  key: string;
  fileName: string;
  format: string | null;
  preview: SnapshotVmPreview;
  form: ContributionForm;
  status: "ready" | "publishing" | "published" | "duplicate" | "fix" | "error";
  message?: string;
  created?: CreatedVm;
  existingId?: string;
  open: boolean;
  /** Bumped to have the row's form show its errors. */
  validate: number;
}

function entryKey(uploadKey: string, i: number): string {
  return `${uploadKey}-vm${i}`;
}

function formLabel(f: ContributionForm): string {
  const tag = f.tags.find((t) => t.primary) ?? f.tags[0];
  const memory = Number(f.vm.memory.replace(",", "."));
  return vmLabel({
    appName: tag?.name ?? null, appVersion: tag?.version ?? null,
    vcpus: Number(f.vm.vcpus) || null,
    memoryMib: Number.isFinite(memory) && memory > 0 ? toMiB(memory, f.vm.memoryUnit) : null,
    hypervisorVendor: f.vm.hypervisorVendor || null, hypervisorProduct: f.vm.hypervisorProduct || null, hypervisorVersion: f.vm.hypervisorVersion || null,
  });
}

const STATUS_TEXT: Record<Entry["status"], string> = {
  ready: "Ready", publishing: "Publishing…", published: "Published", duplicate: "Already published", fix: "Needs fixing", error: "Failed",
};

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** label, id, page, edit link: one row per published VM. */
function editLinksCsv(entries: Entry[]): string {
  const rows = entries.filter((e) => e.created).map((e) => {
    const edit = e.created!.editUrl;
    const page = edit ? new URL(`/vms/${e.created!.id}`, edit).toString() : `/vms/${e.created!.id}`;
    return [formLabel(e.form), e.created!.id, page, edit].map(csvCell).join(",");
  });
  return "label,id,page_url,edit_url\n" + rows.map((r) => r + "\n").join("");
}

/**
 * Every VM of the uploaded files. One VM gets its form, and publishing it
 * opens its page (with the edit link). Several VMs get one compact table,
 * each row expandable to its full form, and "Publish all", which ends with
 * one edit link per VM and a CSV of them.
 */
function UploadedVms({ uploads }: { uploads: Upload[] }) {
  const router = useRouter();
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [common, setCommon] = useState<TagForm[]>([]);
  const [running, setRunning] = useState(false);
  const [finished, setFinished] = useState<string | null>(null);
  const finishedRef = useRef<HTMLDivElement>(null);
  // The result takes the focus once it is on screen.
  useEffect(() => {
    if (finished) finishedRef.current?.focus();
  }, [finished]);

  // New previews become entries; entries keep their edits when later files arrive.
  useEffect(() => {
    setEntries((prev) => {
      let changed = false;
      const next = { ...prev };
      for (const u of uploads) {
        u.preview?.vms.forEach((vm, i) => {
          const key = entryKey(u.key, i);
          if (next[key]) return;
          changed = true;
          next[key] = {
            key, fileName: u.name, format: u.preview!.format, preview: vm,
            form: formFromVm(vm.vm, { networkRoles: vm.networkRoles }, vm.identityKey),
            status: "ready", open: false, validate: 0,
          };
        });
      }
      return changed ? next : prev;
    });
  }, [uploads]);

  const list = uploads.flatMap((u) => (u.preview?.vms ?? []).map((_, i) => entries[entryKey(u.key, i)]).filter((e): e is Entry => !!e));
  const patch = (key: string, p: Partial<Entry>) => setEntries((all) => ({ ...all, [key]: { ...all[key], ...p } }));

  if (list.length === 0) return null;
  if (list.length === 1) {
    const e = list[0];
    return (
      <VmPreview
        entry={e}
        title="VM"
        onFormChange={(form) => patch(e.key, { form })}
        onCreated={(v) => {
          handOffPublished(v);
          router.push(`/vms/${v.id}`);
        }}
      />
    );
  }

  const pending = list.filter((e) => e.status !== "published" && e.status !== "duplicate");
  const untagged = pending.filter((e) => !e.form.tags.some((t) => t.slug || t.name));

  async function publishAll() {
    setRunning(true);
    setFinished(null);
    let firstFix: string | null = null;
    for (const e of pending) {
      const r = parseContributionForm(e.form);
      if (!r.ok) {
        const n = Object.keys(r.errors).length;
        patch(e.key, { status: "fix", message: `${n} field${n === 1 ? "" : "s"} to fix`, open: firstFix === null ? true : e.open, validate: e.validate + 1 });
        firstFix ??= e.key;
        continue;
      }
      patch(e.key, { status: "publishing", message: undefined });
      const out = await publishContribution(r.contribution);
      if (out.kind === "created") patch(e.key, { status: "published", created: out.created, open: false });
      else if (out.kind === "duplicate") patch(e.key, { status: "duplicate", existingId: out.existingId, message: out.message, open: false });
      else patch(e.key, { status: "error", message: out.message });
    }
    setRunning(false);
    setEntries((all) => {
      const done = Object.values(all).filter((x) => x.status === "published").length;
      const fix = Object.values(all).filter((x) => x.status === "fix" || x.status === "error").length;
      setFinished(`${done} of ${Object.keys(all).length} VMs published.${fix ? ` ${fix} need${fix === 1 ? "s" : ""} fixing: open ${fix === 1 ? "its" : "their"} row${fix === 1 ? "" : "s"} below.` : ""}`);
      return all;
    });
  }

  function downloadCsv() {
    saveFile("vmcompare-edit-links.csv", new Blob([editLinksCsv(list)], { type: "text/csv" }));
  }

  const published = list.filter((e) => e.created);
  return (
    <section className="card" aria-labelledby="multi-title" data-testid="multi-vms">
      <h3 id="multi-title" style={{ marginTop: 0 }}>{list.length} VMs found: review, then publish them all</h3>
      <p className="small muted">
        Names, addresses, UUIDs and paths were removed on the server. Open a row to see what was removed and to edit every field.
      </p>
      <fieldset>
        <legend>Applications for every VM without one ({untagged.length})</legend>
        <AppTagPicker idPrefix="multi-common" tags={common} onChange={setCommon} fieldErrors={{}} />
        <button
          type="button"
          className="btn btn-sm"
          disabled={common.length === 0 || untagged.length === 0}
          onClick={() => setEntries((all) => Object.fromEntries(Object.entries(all).map(([k, e]) => [
            k, untagged.some((u) => u.key === k) ? { ...e, form: { ...e.form, tags: common.map((t) => ({ ...t })) } } : e,
          ])))}
        >
          Give to {untagged.length} VM{untagged.length === 1 ? "" : "s"} without an application
        </button>
      </fieldset>
      <div className="table-wrap">
        <table className="data compact" data-testid="multi-table">
          <caption className="sr-only">The VMs of the uploaded files, one row each</caption>
          <thead>
            <tr>
              <th scope="col">VM</th><th scope="col" className="num">vCPU</th><th scope="col" className="num">Memory</th>
              <th scope="col" className="num">Disk</th><th scope="col">Guest OS</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Details</span></th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => {
              const vm = e.preview.vm;
              return (
                <Fragment key={e.key}>
                  <tr data-testid="multi-row" data-status={e.status}>
                    <td>
                      {e.created ? <Link href={`/vms/${e.created.id}`}>{formLabel(e.form)}</Link> : formLabel(e.form)}
                      <span className="muted small"> · {e.created ? e.created.id : e.fileName}</span>
                    </td>
                    <td className="num">{e.form.vm.vcpus || "—"}</td>
                    <td className="num">{e.form.vm.memory ? `${e.form.vm.memory} ${e.form.vm.memoryUnit}` : "—"}</td>
                    <td className="num">{shortTotalDisk(vm)}</td>
                    <td>{e.form.vm.guestName || (e.form.vm.guestFamily ? label(e.form.vm.guestFamily) : "—")}</td>
                    <td>
                      <span className={`badge ${e.status === "published" ? "badge-accent" : e.status === "fix" || e.status === "error" ? "badge-warn" : ""}`}>{STATUS_TEXT[e.status]}</span>
                      {e.message ? <span className="small muted"> {e.message}</span> : null}
                      {e.existingId ? <> <Link href={`/vms/${e.existingId}`} className="small">see it</Link></> : null}
                    </td>
                    <td>
                      {e.status === "published" ? null : (
                        <button type="button" className="btn btn-sm" aria-expanded={e.open} aria-controls={`${e.key}-details`} onClick={() => patch(e.key, { open: !e.open })}>
                          {e.open ? "Close" : "Edit"}<span className="sr-only"> {formLabel(e.form)}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                  {e.open && e.status !== "published" ? (
                    <tr id={`${e.key}-details`}>
                      <td colSpan={7}>
                        <VmPreview
                          entry={e}
                          title={e.fileName}
                          onFormChange={(form) => patch(e.key, { form, ...(e.status === "fix" ? { status: "ready", message: undefined } : {}) })}
                          onCreated={(v) => patch(e.key, { status: "published", created: v, open: false, message: undefined })}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.actions}>
        <button type="button" className="btn btn-primary" onClick={publishAll} disabled={running || pending.length === 0} aria-busy={running || undefined}>
          {running ? "Publishing…" : `Publish all (${pending.length})`}
        </button>
        {published.length ? (
          <button type="button" className="btn" onClick={downloadCsv}>Download edit links (CSV)</button>
        ) : null}
      </div>
      {finished ? (
        <div ref={finishedRef} tabIndex={-1} className={`alert ${published.length ? "alert-ok" : "alert-warn"}`} role="status" data-testid="publish-all-result" style={{ marginTop: "1rem" }}>
          <strong>{finished}</strong>
          {published.length ? (
            <>
              <p style={{ margin: "0.4rem 0" }}>
                <strong>Keep these edit links.</strong> Each is the only way to change or delete its VM, and they are shown only once. Download them as CSV above.
              </p>
              <ul className={styles.scroll} aria-label="Edit links">
                {published.map((e) => (
                  <li key={e.key} className="small">
                    <Link href={`/vms/${e.created!.id}`}>{formLabel(e.form)}</Link>: <code data-testid="edit-url">{e.created!.editUrl}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function VmPreview({ entry, title, onFormChange, onCreated }: {
  entry: Entry; title: string; onFormChange: (f: ContributionForm) => void; onCreated: (v: CreatedVm) => void;
}) {
  const [dup, setDup] = useState<{ existingId: string; message: string } | null>(null);
  const { preview, format } = entry;
  const vm = preview.vm;
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
        idPrefix={entry.key}
        initial={entry.form}
        form={entry.form}
        onFormChange={onFormChange}
        validateSignal={entry.validate}
        submitLabel="Publish"
        onSubmit={(c) => publishFromForm(c, { created: onCreated, duplicate: setDup }, "This VM is already published.")}
      />
    </section>
  );
}

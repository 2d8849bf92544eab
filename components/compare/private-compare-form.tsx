"use client";

import { ExportButtons } from "@/components/reports/export-buttons";
import { useId, useMemo, useRef, useState } from "react";
import { ComparisonView } from "@/components/compare/comparison-view";
import type { VmComparison } from "@/lib/compare/report-model";
import { searchApplications } from "@/lib/taxonomy/resolve";
import styles from "./compare.module.css";

type Mode = "file" | "paste" | "numbers";

const FAMILIES = [
  ["", "Unknown"], ["windows", "Windows"], ["linux", "Linux"], ["bsd", "BSD"], ["solaris", "Solaris"], ["macos", "macOS"], ["other", "Other"],
] as const;
const NIC_MODELS = ["vmxnet3", "e1000e", "e1000", "virtio", "netvsc", "rtl8139"] as const;

interface ApiError {
  error?: { code?: string; message?: string; field?: string };
}

function AppTagField({ value, onChange }: { value: { slug: string; name: string } | null; onChange(v: { slug: string; name: string } | null): void }) {
  const id = useId();
  const [text, setText] = useState(value?.name ?? "");
  const matches = useMemo(() => searchApplications(text, 8), [text]);
  return (
    <div className="field">
      <label htmlFor={`${id}-app`}>Application (optional)</label>
      <input
        id={`${id}-app`} type="text" list={`${id}-apps`} value={text} autoComplete="off" aria-describedby={`${id}-app-hint`}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const exact = searchApplications(t, 20).find((s) => s.application.name.toLowerCase() === t.trim().toLowerCase() || s.matched.toLowerCase() === t.trim().toLowerCase());
          onChange(exact ? { slug: exact.application.slug, name: exact.application.name } : null);
        }}
      />
      <datalist id={`${id}-apps`}>
        {matches.map((m) => (
          <option key={m.application.slug} value={m.application.name}>
            {m.matched !== m.application.name ? m.matched : m.application.category}
          </option>
        ))}
      </datalist>
      <span id={`${id}-app-hint`} className="field-hint">
        {value ? `Peers: VMs tagged ${value.name}.` : text.trim() ? "Pick a suggestion to use it; otherwise VMs of the same guest OS family are the peers." : "Type to search, e.g. Exchange, SQL Server, nginx."}
      </span>
    </div>
  );
}

/** Compares a configuration with the published VMs through POST /api/v1/compare; nothing is stored. */
export function PrivateCompareForm() {
  const [mode, setMode] = useState<Mode>("file");
  const [app, setApp] = useState<{ slug: string; name: string } | null>(null);
  const [version, setVersion] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<VmComparison | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    const form = new FormData(e.currentTarget);
    let init: RequestInit;
    if (mode === "numbers") {
      const vcpus = Number(form.get("vcpus"));
      const memoryGiB = Number(form.get("memoryGiB"));
      // "?" is a disk of unknown size (null); 0 is refused, as everywhere, because it would read as a size.
      const sizes = String(form.get("disks") ?? "").split(/[,\s]+/).filter(Boolean).map((s) => (s === "?" ? null : Number(s)));
      const nicCount = Number(form.get("nics") ?? 0);
      if (!Number.isInteger(vcpus) || vcpus < 1) return setError("vCPUs: enter a whole number of 1 or more.");
      if (!(memoryGiB > 0)) return setError("Memory: enter the memory in GiB, e.g. 16 or 0.5.");
      if (sizes.some((s) => s === 0)) return setError("Disks: a disk cannot be 0 GiB; write ? for a disk of unknown size.");
      if (sizes.some((s) => s !== null && !(s > 0))) return setError("Disks: enter sizes in GiB separated by commas, e.g. 100, 250 (? when unknown).");
      if (!Number.isInteger(nicCount) || nicCount < 0 || nicCount > 64) return setError("NICs: enter a whole number from 0 to 64.");
      const family = String(form.get("family") ?? "") || null;
      const model = String(form.get("nicModel") ?? "") || null;
      const vm = {
        name: null,
        source: { format: "manual" },
        hypervisor: { vendor: null, product: null, version: null },
        hardwareVersion: null,
        firmware: (String(form.get("firmware") ?? "") || null),
        guestOs: { id: null, family, name: null },
        cpu: { vcpus, coresPerSocket: null },
        memoryMiB: Math.round(memoryGiB * 1024),
        disks: sizes.map((s) => ({ sizeGiB: s, bus: null, provisioning: null })),
        nics: Array.from({ length: nicCount }, () => ({ model, network: null })),
      };
      const tags = app ? [{ slug: app.slug, version: version.trim() || null, primary: true }] : [];
      init = { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ vm, tags }) };
    } else {
      const body = new FormData();
      if (mode === "file") {
        const file = fileRef.current?.files?.[0];
        if (!file) return setError("Choose a snapshot file first.");
        body.set("file", file, file.name);
      } else {
        const text = String(form.get("config") ?? "");
        if (!text.trim()) return setError("Paste a configuration first.");
        body.set("file", new File([text], "pasted-configuration.txt", { type: "text/plain" }));
      }
      if (app) {
        body.set("tag", app.slug);
        if (version.trim()) body.set("version", version.trim());
      }
      init = { method: "POST", body };
    }
    setBusy(true);
    try {
      const res = await fetch("/api/v1/compare", init);
      const json = (await res.json().catch(() => ({}))) as VmComparison & ApiError;
      if (!res.ok) {
        setResult(null);
        setError(json.error?.message ?? `The comparison failed (HTTP ${res.status}).`);
        return;
      }
      setResult(json);
      requestAnimationFrame(() => resultRef.current?.focus());
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form onSubmit={submit} className="card" aria-describedby={`${ids}-privacy`} noValidate>
        <fieldset>
          <legend>What to compare</legend>
          <div className={styles.modes} role="radiogroup" aria-label="Input">
            {([["file", "Upload a snapshot file"], ["paste", "Paste a configuration"], ["numbers", "Enter the numbers"]] as const).map(([m, text]) => (
              <label key={m} className={styles.mode}>
                <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {text}
              </label>
            ))}
          </div>
          {mode === "file" ? (
            <div className="field">
              <label htmlFor={`${ids}-file`}>Snapshot file</label>
              <input id={`${ids}-file`} ref={fileRef} type="file" name="file" aria-describedby={`${ids}-file-hint`} />
              <span id={`${ids}-file-hint`} className="field-hint">
                .vmx, OVF/OVA, libvirt XML, Proxmox .conf, .vbox, govc/vSphere JSON, Hyper-V JSON or an RVTools workbook (the first VM is compared).
              </span>
            </div>
          ) : null}
          {mode === "paste" ? (
            <div className="field">
              <label htmlFor={`${ids}-config`}>Configuration text</label>
              <textarea id={`${ids}-config`} name="config" rows={10} spellCheck={false} aria-describedby={`${ids}-config-hint`} />
              <span id={`${ids}-config-hint`} className="field-hint">The contents of a .vmx, libvirt XML, Proxmox .conf, OVF or JSON file.</span>
            </div>
          ) : null}
          {mode === "numbers" ? (
            <div className="grid grid-3">
              <div className="field">
                <label htmlFor={`${ids}-vcpus`}>vCPUs</label>
                <input id={`${ids}-vcpus`} name="vcpus" type="number" min={1} max={1024} step={1} defaultValue={4} required />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-mem`}>Memory (GiB)</label>
                <input id={`${ids}-mem`} name="memoryGiB" type="number" min={0.25} step={0.25} defaultValue={16} required />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-disks`}>Disk sizes (GiB)</label>
                <input id={`${ids}-disks`} name="disks" type="text" defaultValue="100" aria-describedby={`${ids}-disks-hint`} />
                <span id={`${ids}-disks-hint`} className="field-hint">One size per disk, separated by commas; ? for a disk of unknown size.</span>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-nics`}>NICs</label>
                <input id={`${ids}-nics`} name="nics" type="number" min={0} max={64} step={1} defaultValue={1} />
              </div>
              <div className="field">
                <label htmlFor={`${ids}-nicmodel`}>NIC model</label>
                <select id={`${ids}-nicmodel`} name="nicModel" defaultValue="">
                  <option value="">Unknown</option>
                  {NIC_MODELS.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-family`}>Guest OS family</label>
                <select id={`${ids}-family`} name="family" defaultValue="">
                  {FAMILIES.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${ids}-fw`}>Firmware</label>
                <select id={`${ids}-fw`} name="firmware" defaultValue="">
                  <option value="">Unknown</option>
                  <option value="efi">EFI</option>
                  <option value="bios">BIOS</option>
                </select>
              </div>
            </div>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Workload</legend>
          <div className="grid grid-2">
            <AppTagField value={app} onChange={setApp} />
            <div className="field">
              <label htmlFor={`${ids}-version`}>Version (optional)</label>
              <input id={`${ids}-version`} type="text" value={version} onChange={(e) => setVersion(e.target.value)} maxLength={40} placeholder="e.g. 2019" />
            </div>
          </div>
        </fieldset>
        <p id={`${ids}-privacy`} className="small muted">
          Private: the configuration is compared in memory and not stored or published. Names, addresses and paths are removed before comparing.
        </p>
        {error ? <p className="alert alert-error" role="alert">{error}</p> : null}
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy}>
          {busy ? "Comparing…" : "Compare with peers"}
        </button>
      </form>

      <div ref={resultRef} tabIndex={-1} aria-live="polite" className={styles.result}>
        {busy && !result ? <div className="skeleton" style={{ height: 200, marginTop: 16 }} aria-hidden="true" /> : null}
        {result ? (
          <>
            <h2 id="your-result">Your configuration: {result.vm.summary}</h2>
            <p className="alert alert-ok small" role="status">
              Compared privately: nothing was stored. {result.app ? `Workload: ${result.app.name}${result.app.version ? ` ${result.app.version}` : ""}.` : "No application given."}
            </p>
            <ComparisonView comparison={result} />
            <ExportButtons
              kind="private"
              source={{
                vm: { ...result.vm.config, name: null },
                tags: result.vm.tags.map(({ slug, version, primary }) => ({ slug, version, primary })),
                context: result.vm.context,
              }}
            />
          </>
        ) : null}
      </div>
    </>
  );
}

"use client";

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import {
  MAX_DISKS, MAX_NICS, NETWORK_LABELS, NETWORK_ROLES, USAGE_PERIOD_LABELS, USAGE_PERIODS, emptyDisk, emptyNic, manualUtilization, parseContributionForm,
  type ContributionForm, type FieldErrors,
} from "@/lib/contribute/form-schema";
import { DATASTORE_TYPES, ENVIRONMENTS, INDUSTRIES, ORG_SIZES } from "@/lib/vm/context";
import { DISK_BUSES, FIRMWARES, GUEST_FAMILIES, HYPERVISOR_VENDORS } from "@/lib/vm/model";
import type { Contribution } from "@/lib/vm/record";
import { label } from "@/lib/text/display";
import { utilizationText } from "@/lib/vm/utilization-text";
import type { ImplausibleReason } from "@/lib/vm/plausibility";
import { COMMON_NIC_MODELS } from "@/lib/taxonomy/nic-models";
import { AppTagPicker } from "./app-tag-picker";
import styles from "./contribute.module.css";

const HYPERVISOR_PRODUCT_NAMES = [
  "VMware ESXi", "VMware Workstation", "Microsoft Hyper-V", "Proxmox VE", "Oracle VirtualBox", "Nutanix AHV",
  "XCP-ng", "Citrix Hypervisor", "KVM (libvirt)",
];
const ROLE_LABELS: Record<string, string> = {
  management: "Management network", "service-console": "Service console", vmotion: "vMotion", storage: "Storage (iSCSI/NFS)",
};

export interface SubmitOutcome {
  /** A message for the error summary, or null on success. */
  error: string | null;
  fieldErrors?: FieldErrors;
  /** On success, a confirmation shown beside the submit button, where the user is, and focused. */
  done?: string;
}

/** The value of a form path ("vm.disks.0.sizeGiB"), to tell whether a field changed since the server judged it. */
function valueAt(form: ContributionForm, path: string): string {
  let v: unknown = form;
  for (const k of path.split(".")) v = v == null ? undefined : (v as Record<string, unknown>)[k];
  return JSON.stringify(v ?? null);
}

/** Field paths in the order the inputs appear, so the error summary lists them top to bottom. */
function orderedErrors(errors: FieldErrors): [string, string][] {
  const order = ["vm.vcpus", "vm.coresPerSocket", "vm.memory", "vm.firmware", "vm.hardwareVersion", "vm.guest", "vm.hyper", "vm.disks", "vm.nics", "tags", "context"];
  const rank = (k: string) => {
    const i = order.findIndex((o) => k.startsWith(o));
    return i < 0 ? order.length : i;
  };
  return Object.entries(errors).sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0], undefined, { numeric: true }));
}

const FIELD_NAMES: Record<string, string> = {
  "vm.vcpus": "vCPUs", "vm.coresPerSocket": "Cores per socket", "vm.memory": "Memory", "vm.firmware": "Firmware",
  "vm.hardwareVersion": "Hardware version", "vm.guestFamily": "Guest OS family", "vm.guestName": "Guest OS name",
  "vm.guestId": "Guest OS identifier", "vm.hypervisorVendor": "Hypervisor vendor", "vm.hypervisorProduct": "Hypervisor product",
  "vm.hypervisorVersion": "Hypervisor version", tags: "Applications", "context.environment": "Environment",
  "context.industry": "Industry", "context.organizationSize": "Organization size", "context.hostVendor": "Host vendor",
  "context.hostModel": "Host model", "context.hostCpuModel": "Host CPU", "context.datastoreType": "Datastore type",
  "context.datastoreVersion": "Datastore version", "context.datastoreBlockSizeMB": "Block size",
  "context.cpuAvgPct": "Average CPU", "context.cpuPeakPct": "Peak CPU", "context.memoryPct": "Memory used", "context.iops": "Disk IOPS", "context.usagePeriod": "Period of the usage figures",
};

function fieldName(path: string): string {
  if (FIELD_NAMES[path]) return FIELD_NAMES[path];
  const m = /^vm\.(disks|nics)\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `${m[1] === "disks" ? "Disk" : "NIC"} ${Number(m[2]) + 1} ${m[3] === "sizeGiB" ? "size" : m[3]}`;
  const t = /^tags\.(\d+)\./.exec(path);
  if (t) return `Application ${Number(t[1]) + 1}`;
  return path;
}

interface FieldCtx {
  idPrefix: string;
  errors: FieldErrors;
}

const fieldId = (ctx: FieldCtx, path: string) => `${ctx.idPrefix}-${path.replace(/\./g, "-")}`;

function a11y(ctx: FieldCtx, path: string, hint?: boolean) {
  const err = ctx.errors[path];
  const id = fieldId(ctx, path);
  const describedBy = [hint ? `${id}-hint` : "", err ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-invalid": err ? true : undefined, "aria-describedby": describedBy || undefined } as const;
}

function Err({ ctx, path }: { ctx: FieldCtx; path: string }) {
  return ctx.errors[path] ? <span id={`${fieldId(ctx, path)}-error`} className="field-error">{ctx.errors[path]}</span> : null;
}

// Declared outside the form so that React keeps the same input elements
// between renders (a component declared inside would remount on each keystroke).
function TextField(p: { ctx: FieldCtx; path: string; label: string; value: string; onChange: (v: string) => void; hint?: string; list?: string; inputMode?: "numeric" | "decimal"; required?: boolean; className?: string }) {
  const id = fieldId(p.ctx, p.path);
  return (
    <div className={`field ${p.className ?? ""}`}>
      <label htmlFor={id}>{p.label}{p.required ? <span aria-hidden="true"> *</span> : null}</label>
      <input
        {...a11y(p.ctx, p.path, !!p.hint)}
        type="text"
        inputMode={p.inputMode}
        list={p.list}
        required={p.required}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.hint ? <span id={`${id}-hint`} className="field-hint">{p.hint}</span> : null}
      <Err ctx={p.ctx} path={p.path} />
    </div>
  );
}

function SelectField(p: { ctx: FieldCtx; path: string; label: string; value: string; onChange: (v: string) => void; options: readonly string[]; labels?: (v: string) => string; hint?: string; empty?: string }) {
  const id = fieldId(p.ctx, p.path);
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select {...a11y(p.ctx, p.path, !!p.hint)} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">{p.empty ?? "Unknown / not given"}</option>
        {p.options.map((o) => <option key={o} value={o}>{p.labels ? p.labels(o) : label(o)}</option>)}
      </select>
      {p.hint ? <span id={`${id}-hint`} className="field-hint">{p.hint}</span> : null}
      <Err ctx={p.ctx} path={p.path} />
    </div>
  );
}

/** What the usage fields will be published as, with their provenance, as the contributor types. */
function UsagePreview({ context }: { context: ContributionForm["context"] }) {
  const n = (v: string) => {
    const x = v.trim() === "" ? NaN : Number(v.trim().replace(",", "."));
    return Number.isFinite(x) && x >= 0 ? x : null;
  };
  const figures = manualUtilization({ cpuAvgPct: n(context.cpuAvgPct), cpuPeakPct: n(context.cpuPeakPct), memoryPct: n(context.memoryPct), iops: n(context.iops), usagePeriod: context.usagePeriod });
  if (figures.length === 0) return <p className="small muted">Usage figures are compared with peers that have the same kind of figure over the same kind of period.</p>;
  return (
    <div className="small" data-testid="usage-preview" aria-live="polite">
      Will be published as:
      <ul>{figures.map((u) => <li key={`${u.metric} ${u.statistic}`}>{utilizationText(u)}</li>)}</ul>
    </div>
  );
}

/**
 * The whole normalized model as a form, validated with the same schema the
 * server uses. Used for manual entry, for editing an upload preview, and on
 * the owner's edit page.
 */
export function VmForm(props: {
  initial: ContributionForm;
  idPrefix: string;
  submitLabel: string;
  onSubmit: (c: Contribution) => Promise<SubmitOutcome>;
  /** Shown above the form fields, e.g. the redaction summary of an upload. */
  children?: React.ReactNode;
  /** Controlled use (the multi-file table keeps every VM's form to publish them all at once). */
  form?: ContributionForm;
  onFormChange?: (f: ContributionForm) => void;
  /** Changed by the owner to have the form show its errors without a submit (after "Publish all"). */
  validateSignal?: number;
}) {
  const { idPrefix } = props;
  const [inner, setInner] = useState<ContributionForm>(props.initial);
  const form = props.form ?? inner;
  const latest = useRef(form);
  useLayoutEffect(() => {
    latest.current = form;
  });
  const setForm = (u: ContributionForm | ((f: ContributionForm) => ContributionForm)) => {
    const next = typeof u === "function" ? u(latest.current) : u;
    latest.current = next;
    if (props.onFormChange) props.onFormChange(next);
    else setInner(next);
  };
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Errors the server gave, with the field's value then: each clears once its field is changed. */
  const serverValues = useRef<Record<string, string>>({});
  /** A message that is not about one field (the server unreachable, a duplicate), kept until the next submit. */
  const [note, setNote] = useState<string | null>(null);
  const [onlyImplausible, setOnlyImplausible] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLSpanElement>(null);
  const [busy, setBusy] = useState(false);
  // The reasons the contributor confirmed, so that a confirmation never carries over to other numbers.
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const implausible: ImplausibleReason[] | null = useMemo(() => {
    const r = parseContributionForm({ ...form, confirmImplausible: false });
    return !r.ok && r.implausible ? r.implausible : null;
  }, [form]);
  const reasonsKey = implausible?.map((r) => r.message).join("\n") ?? null;
  const confirmed = reasonsKey !== null && confirmedFor === reasonsKey;

  const ctx: FieldCtx = { idPrefix, errors };
  const id = (path: string) => fieldId(ctx, path);
  const setVm = (patch: Partial<ContributionForm["vm"]>) => setForm((f) => ({ ...f, vm: { ...f.vm, ...patch } }));
  const setCtx = (patch: Partial<ContributionForm["context"]>) => setForm((f) => ({ ...f, context: { ...f.context, ...patch } }));

  // Each error shown clears as soon as its field is fixed (the whole form is checked again on every
  // change); new errors wait for the next submit, so nobody is scolded while still typing.
  useEffect(() => {
    setDone(null);
    setErrors((prev) => {
      const keys = Object.keys(prev);
      if (!keys.length) return prev;
      const fresh = parseContributionForm({ ...form, confirmImplausible: confirmed });
      const now: FieldErrors = fresh.ok ? {} : fresh.errors;
      const next: FieldErrors = {};
      for (const k of keys) {
        if (k in serverValues.current) {
          if (valueAt(form, k) === serverValues.current[k]) next[k] = prev[k];
        } else if (k in now) next[k] = now[k];
      }
      return keys.length === Object.keys(next).length && keys.every((k) => next[k] === prev[k]) ? prev : next;
    });
  }, [form, confirmed]);

  /** Shows every error of the form; returns the valid contribution when there is none. */
  function showErrors(): Contribution | null {
    serverValues.current = {};
    const r = parseContributionForm({ ...latest.current, confirmImplausible: confirmed });
    if (r.ok) return r.contribution;
    setErrors(r.errors);
    setNote(null);
    setOnlyImplausible(!!r.implausible && Object.values(r.errors).every((m) => r.implausible!.some((x) => m.includes(x.message))));
    requestAnimationFrame(() => summaryRef.current?.focus());
    return null;
  }

  useEffect(() => {
    if (props.validateSignal) showErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the owner asks
  }, [props.validateSignal]);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    serverValues.current = {};
    const r = parseContributionForm({ ...form, confirmImplausible: confirmed });
    if (!r.ok) {
      setErrors(r.errors);
      setNote(null);
      setOnlyImplausible(!!r.implausible && Object.values(r.errors).every((m) => r.implausible!.some((x) => m.includes(x.message))));
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setErrors({});
    setNote(null);
    setBusy(true);
    try {
      const out = await props.onSubmit(r.contribution);
      if (out.error) {
        const fieldErrors = out.fieldErrors ?? {};
        serverValues.current = Object.fromEntries(Object.keys(fieldErrors).map((k) => [k, valueAt(latest.current, k)]));
        setErrors(fieldErrors);
        setOnlyImplausible(false);
        setNote(out.error);
        requestAnimationFrame(() => summaryRef.current?.focus());
      } else if (out.done) {
        setDone(out.done);
        requestAnimationFrame(() => doneRef.current?.focus());
      }
    } finally {
      setBusy(false);
    }
  }

  const listed = orderedErrors(errors);
  const summary = note ?? (listed.length === 0 ? null
    : onlyImplausible ? "These numbers look implausible. Correct them, or confirm below that they are right:"
    : `Please correct ${listed.length === 1 ? "1 field" : `${listed.length} fields`}:`);
  return (
    <form onSubmit={submit} noValidate className={styles.form} aria-label={props.submitLabel}>
      {summary ? (
        <div ref={summaryRef} tabIndex={-1} className="alert alert-error" role="alert" aria-labelledby={`${idPrefix}-summary-title`}>
          <strong id={`${idPrefix}-summary-title`}>{summary}</strong>
          {listed.length > 0 ? (
            <ul className={styles.errorList}>
              {listed.map(([path, msg]) => (
                <li key={path}>
                  <a href={`#${path.startsWith("tags") && !path.includes(".") ? `${idPrefix}-tags` : id(path)}`}>{fieldName(path)}: {msg}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      {props.children}

      <fieldset>
        <legend>Applications</legend>
        <p className="small muted">What runs on this VM. Peers are found by these tags.</p>
        <AppTagPicker
          idPrefix={idPrefix}
          tags={form.tags}
          onChange={(tags) => setForm((f) => ({ ...f, tags }))}
          error={errors.tags}
          fieldErrors={errors}
        />
      </fieldset>

      <fieldset>
        <legend>CPU and memory</legend>
        <div className={styles.row}>
          <TextField ctx={ctx} path="vm.vcpus" label="vCPUs" inputMode="numeric" required value={form.vm.vcpus} onChange={(v) => setVm({ vcpus: v })} />
          <TextField ctx={ctx} path="vm.coresPerSocket" label="Cores per socket" inputMode="numeric" value={form.vm.coresPerSocket} onChange={(v) => setVm({ coresPerSocket: v })} hint="Leave empty if unknown" />
          <div className="field">
            <label htmlFor={id("vm.memory")}>Memory<span aria-hidden="true"> *</span></label>
            <div className={styles.unitInput}>
              <input {...a11y(ctx, "vm.memory")} type="text" inputMode="decimal" required value={form.vm.memory} onChange={(e) => setVm({ memory: e.target.value })} />
              <label htmlFor={id("vm.memoryUnit")} className="sr-only">Memory unit</label>
              <select id={id("vm.memoryUnit")} value={form.vm.memoryUnit} onChange={(e) => setVm({ memoryUnit: e.target.value as "GiB" | "MiB" })}>
                <option value="GiB">GiB</option>
                <option value="MiB">MiB</option>
              </select>
            </div>
            <Err ctx={ctx} path="vm.memory" />
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>Platform</legend>
        <div className={styles.row}>
          <SelectField ctx={ctx} path="vm.hypervisorVendor" label="Hypervisor vendor" value={form.vm.hypervisorVendor} options={HYPERVISOR_VENDORS} onChange={(v) => setVm({ hypervisorVendor: v })} />
          <TextField ctx={ctx} path="vm.hypervisorProduct" label="Hypervisor product" list={`${idPrefix}-products`} value={form.vm.hypervisorProduct} onChange={(v) => setVm({ hypervisorProduct: v })} />
          <TextField ctx={ctx} path="vm.hypervisorVersion" label="Hypervisor version" value={form.vm.hypervisorVersion} onChange={(v) => setVm({ hypervisorVersion: v })} hint='e.g. "8.0 U2"' />
        </div>
        <div className={styles.row}>
          <TextField ctx={ctx} path="vm.hardwareVersion" label="Virtual hardware version" value={form.vm.hardwareVersion} onChange={(v) => setVm({ hardwareVersion: v })} hint='e.g. "vmx-19", "pc-q35-8.2"' />
          <SelectField
            ctx={ctx} path="vm.firmware" label="Firmware" value={form.vm.firmware} options={FIRMWARES} onChange={(v) => setVm({ firmware: v })}
            hint={form.vm.defaults?.firmware !== undefined && form.vm.defaults.firmware === form.vm.firmware
              ? `${label(form.vm.firmware)} (platform default: the file does not say)` : undefined}
          />
        </div>
        <datalist id={`${idPrefix}-products`}>{HYPERVISOR_PRODUCT_NAMES.map((p) => <option key={p} value={p} />)}</datalist>
      </fieldset>

      <fieldset>
        <legend>Guest operating system</legend>
        <div className={styles.row}>
          <SelectField ctx={ctx} path="vm.guestFamily" label="Family" value={form.vm.guestFamily} options={GUEST_FAMILIES} onChange={(v) => setVm({ guestFamily: v })} />
          <TextField ctx={ctx} path="vm.guestName" label="Name" value={form.vm.guestName} onChange={(v) => setVm({ guestName: v })} hint='e.g. "Microsoft Windows Server 2022 (64-bit)"' className={styles.wide} />
          <TextField ctx={ctx} path="vm.guestId" label="Identifier" value={form.vm.guestId} onChange={(v) => setVm({ guestId: v })} hint='The hypervisor&apos;s own id, e.g. "windows2019srv-64"' />
        </div>
      </fieldset>

      <fieldset>
        <legend>Disks</legend>
        {form.vm.disks.length === 0 ? <p className="muted small">No disks.</p> : null}
        {form.vm.disks.map((d, i) => {
          const set = (patch: Partial<typeof d>) => setVm({ disks: form.vm.disks.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
          return (
            <div key={i} className={styles.itemRow} role="group" aria-label={`Disk ${i + 1}`}>
              <span className={styles.itemNo} aria-hidden="true">{i + 1}</span>
              <TextField ctx={ctx} path={`vm.disks.${i}.sizeGiB`} label={`Disk ${i + 1} size (GiB)`} inputMode="decimal" value={d.sizeGiB} onChange={(v) => set({ sizeGiB: v })} hint="Leave empty if unknown" />
              <SelectField ctx={ctx} path={`vm.disks.${i}.bus`} label="Bus" value={d.bus} options={DISK_BUSES} onChange={(v) => set({ bus: v })} />
              <SelectField ctx={ctx} path={`vm.disks.${i}.provisioning`} label="Provisioning" value={d.provisioning} options={["thin", "thick"]} onChange={(v) => set({ provisioning: v })} />
              <button type="button" className={`btn btn-sm ${styles.removeBtn}`} aria-label={`Remove disk ${i + 1}`} onClick={() => setVm({ disks: form.vm.disks.filter((_, k) => k !== i) })}>Remove</button>
            </div>
          );
        })}
        <button type="button" className="btn btn-sm" disabled={form.vm.disks.length >= MAX_DISKS} onClick={() => setVm({ disks: [...form.vm.disks, emptyDisk()] })}>Add disk</button>
      </fieldset>

      <fieldset>
        <legend>Network adapters</legend>
        <p className="small muted">Networks are labels (net-1, net-2): adapters on the same network share a label. Real network names are never published.</p>
        {form.vm.nics.length === 0 ? <p className="muted small">No network adapters.</p> : null}
        {form.vm.nics.map((n, i) => {
          const set = (patch: Partial<typeof n>) => setVm({ nics: form.vm.nics.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
          return (
            <div key={i} className={`${styles.itemRow} ${styles.nicRow}`} role="group" aria-label={`Network adapter ${i + 1}`}>
              <span className={styles.itemNo} aria-hidden="true">{i + 1}</span>
              <TextField ctx={ctx} path={`vm.nics.${i}.model`} label={`NIC ${i + 1} model`} list={`${idPrefix}-nic-models`} value={n.model} onChange={(v) => set({ model: v })} />
              <SelectField ctx={ctx} path={`vm.nics.${i}.network`} label="Network" value={n.network} options={NETWORK_LABELS.slice(0, Math.max(8, form.vm.nics.length))} labels={(v) => v} onChange={(v) => set({ network: v })} />
              <button type="button" className={`btn btn-sm ${styles.removeBtn}`} aria-label={`Remove network adapter ${i + 1}`} onClick={() => setVm({ nics: form.vm.nics.filter((_, k) => k !== i) })}>Remove</button>
            </div>
          );
        })}
        <button type="button" className="btn btn-sm" disabled={form.vm.nics.length >= MAX_NICS} onClick={() => setVm({ nics: [...form.vm.nics, { ...emptyNic(), network: `net-${Math.min(form.vm.nics.length + 1, 8)}` }] })}>Add network adapter</button>
        <datalist id={`${idPrefix}-nic-models`}>{COMMON_NIC_MODELS.map((m) => <option key={m} value={m} />)}</datalist>
      </fieldset>

      <details className={styles.details} open={Object.keys(errors).some((k) => k.startsWith("context")) || undefined}>
        <summary>Context (optional): environment, organization, host hardware, storage, utilization</summary>
        <fieldset>
          <legend>Organization</legend>
          <div className={styles.row}>
            <SelectField ctx={ctx} path="context.environment" label="Environment" value={form.context.environment} options={ENVIRONMENTS} onChange={(v) => setCtx({ environment: v })} empty="Not given" />
            <SelectField ctx={ctx} path="context.industry" label="Industry" value={form.context.industry} options={INDUSTRIES} onChange={(v) => setCtx({ industry: v })} empty="Not given" />
            <SelectField ctx={ctx} path="context.organizationSize" label="Organization size" value={form.context.organizationSize} options={ORG_SIZES} labels={(v) => `${v} employees`} onChange={(v) => setCtx({ organizationSize: v })} empty="Not given" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Host hardware</legend>
          <div className={styles.row}>
            <TextField ctx={ctx} path="context.hostVendor" label="Server vendor" value={form.context.hostVendor} onChange={(v) => setCtx({ hostVendor: v })} hint="e.g. Dell, HPE, Lenovo" />
            <TextField ctx={ctx} path="context.hostModel" label="Server model" value={form.context.hostModel} onChange={(v) => setCtx({ hostModel: v })} hint="e.g. PowerEdge R750" />
            <TextField ctx={ctx} path="context.hostCpuModel" label="CPU model" value={form.context.hostCpuModel} onChange={(v) => setCtx({ hostCpuModel: v })} className={styles.wide} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Datastore</legend>
          <div className={styles.row}>
            <SelectField ctx={ctx} path="context.datastoreType" label="Type" value={form.context.datastoreType} options={DATASTORE_TYPES} labels={(v) => (v.length <= 5 ? v.toUpperCase() : label(v))} onChange={(v) => setCtx({ datastoreType: v })} empty="Not given" />
            <TextField ctx={ctx} path="context.datastoreVersion" label="Version" value={form.context.datastoreVersion} onChange={(v) => setCtx({ datastoreVersion: v })} hint='e.g. "6" for VMFS 6' />
            <TextField ctx={ctx} path="context.datastoreBlockSizeMB" label="Block size (MB)" inputMode="numeric" value={form.context.datastoreBlockSizeMB} onChange={(v) => setCtx({ datastoreBlockSizeMB: v })} hint="VMFS 1–8 MB" />
          </div>
        </fieldset>
        <fieldset>
          <legend>Utilization</legend>
          <div className={styles.row}>
            <TextField ctx={ctx} path="context.cpuAvgPct" label="Average CPU (%)" inputMode="decimal" value={form.context.cpuAvgPct} onChange={(v) => setCtx({ cpuAvgPct: v })} />
            <TextField ctx={ctx} path="context.cpuPeakPct" label="Peak CPU (%)" inputMode="decimal" value={form.context.cpuPeakPct} onChange={(v) => setCtx({ cpuPeakPct: v })} />
            <TextField ctx={ctx} path="context.memoryPct" label="Memory used (%)" inputMode="decimal" value={form.context.memoryPct} onChange={(v) => setCtx({ memoryPct: v })} />
            <TextField ctx={ctx} path="context.iops" label="Disk IOPS (average)" inputMode="decimal" value={form.context.iops} onChange={(v) => setCtx({ iops: v })} />
            <SelectField ctx={ctx} path="context.usagePeriod" label="Period these figures cover" value={form.context.usagePeriod} options={USAGE_PERIODS} labels={(v) => USAGE_PERIOD_LABELS[v as keyof typeof USAGE_PERIOD_LABELS]} onChange={(v) => setCtx({ usagePeriod: v })} empty="Not given" />
          </div>
          <UsagePreview context={form.context} />
        </fieldset>
        <fieldset>
          <legend>Networks the VM is connected to</legend>
          <p className="small muted">Infrastructure networks a guest should normally not reach (used by the security-zone check).</p>
          <div className={styles.checks}>
            {NETWORK_ROLES.map((r) => (
              <label key={r} className={styles.check}>
                <input
                  type="checkbox"
                  checked={form.context.networkRoles.includes(r)}
                  onChange={(e) => setCtx({ networkRoles: e.target.checked ? [...form.context.networkRoles, r] : form.context.networkRoles.filter((x) => x !== r) })}
                />
                {ROLE_LABELS[r]}
              </label>
            ))}
          </div>
        </fieldset>
      </details>

      {implausible ? (
        <div className="alert alert-warn" role="group" aria-labelledby={`${idPrefix}-implausible-title`} data-testid="implausible-confirm">
          <strong id={`${idPrefix}-implausible-title`}>These numbers are far outside what VMs run with</strong>
          <ul className={styles.errorList}>
            {implausible.map((r, i) => <li key={i}>{r.message}</li>)}
          </ul>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmedFor(e.target.checked ? reasonsKey : null)}
            />
            These numbers are right: publish this VM marked as implausible. It is left out of peer statistics until a moderator confirms it.
          </label>
        </div>
      ) : null}

      <div className={styles.actions}>
        <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined}>
          {busy ? (props.submitLabel === "Publish" ? "Publishing…" : "Saving…") : props.submitLabel}
        </button>
        <span ref={doneRef} tabIndex={-1} role="status" className={done ? styles.done : undefined} data-testid="form-done">{done}</span>
        {done ? null : <span className="small muted">Fields marked * are required.</span>}
      </div>
    </form>
  );
}

"use client";

import { useId } from "react";
import styles from "./estates.module.css";

export interface AppOption {
  slug: string;
  name: string;
  category: string;
}

export interface TagChoiceValue {
  default: string;
  windows: string;
  linux: string;
}

function AppSelect(props: { id: string; name: string; value: string; onChange: (v: string) => void; apps: AppOption[]; placeholder: string; invalid?: boolean; describedBy?: string }) {
  const groups = new Map<string, AppOption[]>();
  for (const a of props.apps) groups.set(a.category, [...(groups.get(a.category) ?? []), a]);
  return (
    <select
      id={props.id}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      aria-invalid={props.invalid || undefined}
      aria-describedby={props.describedBy}
    >
      <option value="">{props.placeholder}</option>
      {[...groups].map(([cat, apps]) => (
        <optgroup key={cat} label={cat}>
          {apps.map((a) => (
            <option key={a.slug} value={a.slug}>{a.name}</option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/**
 * The application tag for the estate's VMs: one for all, optionally another
 * for Windows and for Linux guests. Field names match the API (tag, tag.windows, tag.linux).
 */
export function TagChoiceFields(props: {
  apps: AppOption[];
  value: TagChoiceValue;
  onChange: (v: TagChoiceValue) => void;
  error?: string;
  required?: boolean;
  legend?: string;
}) {
  const uid = useId();
  const { value, onChange, apps } = props;
  const errId = `${uid}-err`;
  const hintId = `${uid}-hint`;
  return (
    <fieldset className={styles.tagFieldset}>
      <legend>{props.legend ?? "What do these VMs run?"}</legend>
      <div className="field">
        <label htmlFor={`${uid}-default`}>Application for all VMs{props.required ? "" : " (optional)"}</label>
        <AppSelect
          id={`${uid}-default`}
          name="tag"
          value={value.default}
          onChange={(v) => onChange({ ...value, default: v })}
          apps={apps}
          placeholder={props.required ? "Choose an application…" : "Same as the last import"}
          invalid={!!props.error}
          describedBy={`${hintId}${props.error ? ` ${errId}` : ""}`}
        />
        <span id={hintId} className="field-hint">A workbook does not say what a VM runs: the tag is how peers find your VMs.</span>
        {props.error ? <span id={errId} className="field-error">{props.error}</span> : null}
      </div>
      <details className={styles.byFamily}>
        <summary>Different application by guest OS</summary>
        <div className="grid grid-2">
          <div className="field">
            <label htmlFor={`${uid}-windows`}>Windows guests</label>
            <AppSelect id={`${uid}-windows`} name="tag.windows" value={value.windows} onChange={(v) => onChange({ ...value, windows: v })} apps={apps} placeholder="Same as all VMs" />
          </div>
          <div className="field">
            <label htmlFor={`${uid}-linux`}>Linux guests</label>
            <AppSelect id={`${uid}-linux`} name="tag.linux" value={value.linux} onChange={(v) => onChange({ ...value, linux: v })} apps={apps} placeholder="Same as all VMs" />
          </div>
        </div>
      </details>
    </fieldset>
  );
}

export function appendTagChoice(form: FormData, v: TagChoiceValue): void {
  if (v.default) form.append("tag", v.default);
  if (v.windows) form.append("tag.windows", v.windows);
  if (v.linux) form.append("tag.linux", v.linux);
}

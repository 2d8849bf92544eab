"use client";

import { useState, type FormEvent } from "react";
import { NUMERIC_FILTERS, TEXT_FILTERS, type BrowseQueryError, type NumericFilterKey, type TextFilterKey } from "@/lib/browse/query";
import { facetSelection, setFacetExclude, toggleFacetValue } from "@/lib/browse/view";
import { formatInt, label } from "@/lib/format";
import styles from "./vm-table.module.css";

export interface FacetOption {
  value: string;
  label: string;
  count: number;
}

type Change = Record<string, string | null>;

/** Facets whose values are codes that read better through lib/format's labels. */
const LABELLED = new Set<TextFilterKey>(["vendor", "family", "firmware", "env", "format", "industry"]);
const OPEN_BY_DEFAULT = new Set<TextFilterKey>(["app", "vendor", "family"]);
const SHOWN = 8;

function optionLabel(key: TextFilterKey, o: FacetOption): string {
  if (o.value === "none") return "Unknown";
  return LABELLED.has(key) ? label(o.value) : o.label;
}

const NUMERIC_HINT = "e.g. 8, >=4, <16, 2..8 or 4,8,16";

export function NumericFilters({ values, errors, onApply }: { values: Record<string, string>; errors: BrowseQueryError[]; onApply: (c: Change) => void }) {
  const keys = Object.keys(NUMERIC_FILTERS) as NumericFilterKey[];
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const changes: Change = {};
    for (const k of keys) {
      const v = String(data.get(k) ?? "").trim();
      if (v !== (values[k] ?? "")) changes[k] = v || null;
    }
    if (Object.keys(changes).length) onApply(changes);
  }
  // Keyed by the URL so the inputs show the URL again after back/forward.
  const formKey = keys.map((k) => values[k] ?? "").join("|");
  return (
    <form key={formKey} onSubmit={submit} className={styles.numeric} aria-labelledby="numeric-filters">
      <h3 id="numeric-filters" className={styles.groupTitle}>Sizes</h3>
      <p className="field-hint" id="numeric-hint">{NUMERIC_HINT}</p>
      {keys.map((k) => {
        const err = errors.find((e) => e.field === k);
        const id = `f-${k}`;
        return (
          <div key={k} className={styles.numField}>
            <label htmlFor={id}>{NUMERIC_FILTERS[k].label}</label>
            <input
              id={id}
              name={k}
              type="text"
              inputMode="text"
              autoComplete="off"
              spellCheck={false}
              defaultValue={values[k] ?? ""}
              aria-invalid={err ? true : undefined}
              aria-describedby={err ? `${id}-error` : "numeric-hint"}
            />
            {err ? <p id={`${id}-error`} className="field-error" role="alert">{err.message}</p> : null}
          </div>
        );
      })}
      <button type="submit" className="btn btn-sm">Apply</button>
    </form>
  );
}

export function FacetGroup({ name, options, raw, onChange }: { name: TextFilterKey; options: FacetOption[]; raw: string | undefined; onChange: (c: Change) => void }) {
  const sel = facetSelection(raw);
  const [showAll, setShowAll] = useState(false);
  // A ticked value may not be among the top values counted; keep it visible so it can be unticked.
  const missing = sel.values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v, count: 0 }));
  const all = [...options, ...missing];
  const visible = showAll ? all : all.filter((o, i) => i < SHOWN || sel.values.includes(o.value));
  const title = TEXT_FILTERS[name].label;
  const groupId = `facet-${name}`;
  return (
    <details className={styles.facet} open={sel.values.length > 0 || OPEN_BY_DEFAULT.has(name)}>
      <summary>
        <span>{title}</span>
        {sel.values.length ? <span className="badge badge-accent">{sel.exclude ? "not " : ""}{sel.values.length}</span> : null}
      </summary>
      <fieldset className={styles.facetList} aria-describedby={sel.exclude ? `${groupId}-ex` : undefined}>
        <legend className="sr-only">{title}</legend>
        {all.length === 0 ? <p className="muted small">No values under these filters.</p> : null}
        {visible.map((o) => {
          const checked = sel.values.includes(o.value);
          return (
            <label key={o.value} className={styles.facetOption} data-facet={name} data-value={o.value}>
              <input type="checkbox" checked={checked} onChange={() => onChange({ [name]: toggleFacetValue(raw, o.value) })} />
              <span className={styles.facetLabel}>{optionLabel(name, o)}</span>
              <span className={styles.facetCount} data-testid="facet-count">{o.count ? formatInt(o.count) : "–"}</span>
            </label>
          );
        })}
        {all.length > SHOWN ? (
          <button type="button" className={styles.linkButton} aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
            {showAll ? "Show fewer" : `Show all ${all.length}`}
          </button>
        ) : null}
        {sel.values.length ? (
          <label className={styles.exclude} id={`${groupId}-ex`}>
            <input type="checkbox" checked={sel.exclude} onChange={(e) => onChange({ [name]: setFacetExclude(raw, e.target.checked) })} />
            Exclude ticked values
          </label>
        ) : null}
      </fieldset>
    </details>
  );
}

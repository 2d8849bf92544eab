"use client";

import { use, useEffect, type FormEvent } from "react";
import { NUMERIC_FILTERS, TEXT_FILTERS, type BrowseQueryError, type NumericFilterKey, type TextFilterKey } from "@/lib/browse/query";
import { facetSelection, setFacetExclude, toggleFacetValue } from "@/lib/browse/view";
import { formatInt, label } from "@/lib/text/display";
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

/** Short labels, the same as the column headers, so a pair fits the panel's width. */
const NUMERIC_LABELS: Record<NumericFilterKey, string> = {
  vcpus: "vCPUs", memory: "Memory (GiB)", disk: "Disk (GiB)", memPerVcpu: "GiB / vCPU",
  disks: "Disks", nics: "NICs", vcpuPerSocket: "Cores/socket", sockets: "Sockets",
};
const NUMERIC_ORDER: NumericFilterKey[] = ["vcpus", "memory", "disk", "memPerVcpu", "vcpuPerSocket", "sockets", "disks", "nics"];

const NUMERIC_HINT = "e.g. 8, >=4, <16, 2..8 or 4,8,16";

export function NumericFilters({ values, errors, onApply }: { values: Record<string, string>; errors: BrowseQueryError[]; onApply: (c: Change) => void }) {
  const keys = NUMERIC_ORDER.filter((k) => k in NUMERIC_FILTERS);
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
      <div className={styles.numGrid}>
      {keys.map((k) => {
        const err = errors.find((e) => e.field === k);
        const id = `f-${k}`;
        return (
          <div key={k} className={styles.numField}>
            <label htmlFor={id} title={NUMERIC_FILTERS[k].label}>{NUMERIC_LABELS[k]}</label>
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
      </div>
      <button type="submit" className="btn btn-sm">Apply</button>
    </form>
  );
}

export type FacetCounts = Record<string, FacetOption[]>;

/** Which facet groups are open or fully shown; kept above the streamed part so it survives a new page. */
export interface FacetUi {
  open: Partial<Record<TextFilterKey, boolean>>;
  showAll: Partial<Record<TextFilterKey, boolean>>;
}

interface FacetGroupsProps {
  values: Record<string, string>;
  ui: FacetUi;
  setUi: (f: (ui: FacetUi) => FacetUi) => void;
  onChange: (c: Change) => void;
}

export function FacetGroups({ facets, stale, ...rest }: FacetGroupsProps & { facets: FacetCounts; stale: boolean }) {
  const { values, ui, setUi, onChange } = rest;
  return (
    <div data-facets={stale ? "stale" : "ready"} aria-busy={stale || undefined} className={stale ? styles.stale : undefined}>
      {(Object.keys(TEXT_FILTERS) as TextFilterKey[]).map((k) => (
        <FacetGroup
          key={k}
          name={k}
          options={facets[k] ?? []}
          raw={values[k]}
          onChange={onChange}
          open={ui.open[k] ?? (Boolean(values[k]) || OPEN_BY_DEFAULT.has(k))}
          onOpenChange={(open) => setUi((u) => (u.open[k] === open ? u : { ...u, open: { ...u.open, [k]: open } }))}
          showAll={ui.showAll[k] ?? false}
          onShowAll={(all) => setUi((u) => ({ ...u, showAll: { ...u.showAll, [k]: all } }))}
        />
      ))}
    </div>
  );
}

/**
 * Facet counts arrive after the rows (they scan every match, the rows only a
 * page), so the table never waits for them.
 */
export function StreamedFacets({ promise, onResolved, ...rest }: FacetGroupsProps & { promise: Promise<FacetCounts | null>; onResolved: (f: FacetCounts) => void }) {
  const facets = use(promise);
  useEffect(() => {
    if (facets) onResolved(facets);
  }, [facets, onResolved]);
  if (!facets) {
    return (
      <>
        <p className="alert alert-warn small" role="status">Counts are unavailable right now; filters still work.</p>
        <FacetGroups facets={{}} stale={false} {...rest} />
      </>
    );
  }
  return <FacetGroups facets={facets} stale={false} {...rest} />;
}

interface FacetGroupProps {
  name: TextFilterKey;
  options: FacetOption[];
  raw: string | undefined;
  onChange: (c: Change) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  showAll: boolean;
  onShowAll: (all: boolean) => void;
}

function FacetGroup({ name, options, raw, onChange, open, onOpenChange, showAll, onShowAll }: FacetGroupProps) {
  const sel = facetSelection(raw);
  // A ticked value may not be among the top values counted; keep it visible so it can be unticked.
  const missing = sel.values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: v, count: 0 }));
  const all = [...options, ...missing];
  const visible = showAll ? all : all.filter((o, i) => i < SHOWN || sel.values.includes(o.value));
  const title = TEXT_FILTERS[name].label;
  const groupId = `facet-${name}`;
  return (
    <details className={styles.facet} open={open} onToggle={(e) => onOpenChange(e.currentTarget.open)}>
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
              <span className={styles.facetLabel} title={optionLabel(name, o)}>{optionLabel(name, o)}</span>
              <span className={styles.facetCount} data-testid="facet-count">{o.count ? formatInt(o.count) : "–"}</span>
            </label>
          );
        })}
        {all.length > SHOWN ? (
          <button type="button" className={styles.linkButton} aria-expanded={showAll} onClick={() => onShowAll(!showAll)}>
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

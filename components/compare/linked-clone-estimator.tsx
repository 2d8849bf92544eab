"use client";

import { useMemo, useState } from "react";
import { estimateLinkedClones, OVERCOMMIT_FACTORS, OVERCOMMIT_LEVELS, type OvercommitLevel } from "@/lib/checks/linked-clones";
import styles from "@/app/checks/checks.module.css";

const RISK_TEXT = { none: "None", low: "Low", medium: "Medium", high: "High" } as const;

interface FieldDef {
  key: "datastoreGiB" | "parentDiskGiB" | "deltaGrowthPct" | "swapGiB" | "reservePct" | "overheadGiB";
  label: string;
  hint: string;
  step: string;
}

const FIELDS: FieldDef[] = [
  { key: "datastoreGiB", label: "Datastore capacity (GiB)", hint: "The datastore the clones live on.", step: "1" },
  { key: "parentDiskGiB", label: "Parent (replica) disk size (GiB)", hint: "View counts every clone at this size.", step: "1" },
  { key: "deltaGrowthPct", label: "Expected delta growth (%)", hint: "How much each clone grows between refreshes, as % of the parent.", step: "1" },
  { key: "swapGiB", label: "Swap per clone (GiB)", hint: "Configured memory minus the reservation; 0 when memory is fully reserved.", step: "0.5" },
  { key: "reservePct", label: "Free space kept (%)", hint: "View warns at 95% used and suspends clones at 99%.", step: "1" },
  { key: "overheadGiB", label: "Other files per clone (GiB)", hint: "vmx, logs and View Composer's internal disk.", step: "0.1" },
];

/** The linked clone estimator of lib/checks, computed in the browser as the numbers change. */
export function LinkedCloneEstimator() {
  const [values, setValues] = useState<Record<FieldDef["key"], string>>({
    datastoreGiB: "1024", parentDiskGiB: "40", deltaGrowthPct: "10", swapGiB: "2", reservePct: "10", overheadGiB: "0.1",
  });
  const [overcommit, setOvercommit] = useState<OvercommitLevel>("conservative");
  const outcome = useMemo(() => {
    try {
      const n = (k: FieldDef["key"]) => (values[k].trim() === "" ? undefined : Number(values[k]));
      return {
        estimate: estimateLinkedClones({
          datastoreGiB: n("datastoreGiB") ?? NaN, parentDiskGiB: n("parentDiskGiB") ?? NaN, deltaGrowthPct: n("deltaGrowthPct") ?? NaN,
          overcommit, swapGiB: n("swapGiB"), reservePct: n("reservePct"), overheadGiB: n("overheadGiB"),
        }),
        error: null as { field: string; message: string } | null,
      };
    } catch (e) {
      const err = e as Error & { field?: string };
      const def = FIELDS.find((f) => f.key === err.field);
      // The library names the field by its key; people know it by its label.
      const message = def ? `${def.label}: ${err.message.replace(/^.*?: [A-Za-z]+: /, "")}` : err.message;
      return { estimate: null, error: { field: err.field ?? "", message } };
    }
  }, [values, overcommit]);

  return (
    <>
      <form className="card" onSubmit={(e) => e.preventDefault()} aria-describedby="estimator-help">
        <p id="estimator-help" className="small muted">The estimate updates as you type.</p>
        <div className={styles.form}>
          {FIELDS.map((f) => {
            const invalid = outcome.error?.field === f.key;
            return (
              <div className="field" key={f.key}>
                <label htmlFor={`lc-${f.key}`}>{f.label}</label>
                <input
                  id={`lc-${f.key}`} type="number" inputMode="decimal" min={0} step={f.step} value={values[f.key]}
                  aria-invalid={invalid || undefined} aria-describedby={`lc-${f.key}-hint${invalid ? ` lc-error` : ""}`}
                  onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                />
                <span id={`lc-${f.key}-hint`} className="field-hint">{f.hint}</span>
              </div>
            );
          })}
          <div className="field">
            <label htmlFor="lc-overcommit">Storage overcommit level</label>
            <select id="lc-overcommit" value={overcommit} onChange={(e) => setOvercommit(e.target.value as OvercommitLevel)}>
              {OVERCOMMIT_LEVELS.map((l) => (
                <option key={l} value={l}>{l[0].toUpperCase() + l.slice(1)} ({OVERCOMMIT_FACTORS[l]}×)</option>
              ))}
            </select>
          </div>
        </div>
        {outcome.error ? <p id="lc-error" className="field-error" role="alert">{outcome.error.message}</p> : null}
      </form>

      {outcome.estimate ? (
        <section className={`card ${styles.result}`} aria-labelledby="lc-result" aria-live="polite">
          <h2 id="lc-result">Plan for {outcome.estimate.clones.toLocaleString("en-US")} clones</h2>
          <p>
            {outcome.estimate.limitedBy === "space"
              ? `Limited by space: at ${values.deltaGrowthPct}% growth only ${outcome.estimate.fitAtExpectedGrowth} clones fit in the ${outcome.estimate.usableGiB} GiB usable.`
              : `View's ${overcommit} level places this many; ${outcome.estimate.fitAtExpectedGrowth} would fit at the expected growth.`}{" "}
            Each clone is expected to use {outcome.estimate.perCloneGiB} GiB ({outcome.estimate.perCloneFullGrowthGiB} GiB if it grows to the parent’s size).
          </p>
          <div className="table-wrap">
            <table className="data compact">
              <caption className="sr-only">Clones and space per overcommit level</caption>
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col" className="num">Clones</th>
                  <th scope="col" className="num">Expected use</th>
                  <th scope="col" className="num">Full growth</th>
                  <th scope="col">Risk</th>
                </tr>
              </thead>
              <tbody>
                {outcome.estimate.levels.map((l) => (
                  <tr key={l.level} className={l.level === overcommit ? styles.chosen : undefined} aria-current={l.level === overcommit ? "true" : undefined}>
                    <th scope="row">{l.level[0].toUpperCase() + l.level.slice(1)} ({l.factor}×){l.level === overcommit ? " · chosen" : ""}</th>
                    <td className="num">{l.clones.toLocaleString("en-US")}</td>
                    <td className="num">{l.expectedUseGiB.toLocaleString("en-US")} GiB ({l.expectedUsePct}%)</td>
                    <td className="num">{l.fullGrowthUseGiB.toLocaleString("en-US")} GiB ({l.fullGrowthUsePct}%)</td>
                    <td style={{ whiteSpace: "normal" }}>
                      <span className={styles[`risk-${l.risk}`]}>{RISK_TEXT[l.risk]}</span>: {l.riskText}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

"use client";

import { useId, useMemo, useRef, useState } from "react";
import { searchApplications } from "@/lib/taxonomy/resolve";
import type { TagForm } from "@/lib/contribute/form-schema";
import styles from "./contribute.module.css";

interface Option {
  id: string;
  slug: string;
  name: string;
  hint: string;
}

/**
 * Application tags: an ARIA 1.2 combobox over the taxonomy's names and
 * aliases (arrow keys, Enter, Escape, aria-activedescendant), then one row
 * per chosen application with its version and the primary choice. A name that
 * is not in the taxonomy can still be added; it is kept as a suggestion.
 */
export function AppTagPicker(props: {
  tags: TagForm[];
  onChange: (tags: TagForm[]) => void;
  error?: string;
  fieldErrors: Record<string, string>;
  idPrefix: string;
}) {
  const { tags, onChange, error, fieldErrors, idPrefix } = props;
  const uid = useId();
  const listId = `${uid}-list`;
  const inputId = `${idPrefix}-tags`;
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  const options = useMemo<Option[]>(() => {
    const q = query.trim();
    if (!q) return [];
    const found = searchApplications(q, 8)
      .filter((s) => !tags.some((t) => t.slug === s.application.slug))
      .map((s, i) => ({
        id: `${uid}-opt-${i}`,
        slug: s.application.slug,
        name: s.application.name,
        hint: s.matched !== s.application.name ? `matches “${s.matched}”` : s.application.vendor ?? "",
      }));
    const exact = found.some((o) => o.name.toLowerCase() === q.toLowerCase());
    if (!exact && q.length >= 2 && !tags.some((t) => t.name.toLowerCase() === q.toLowerCase())) {
      found.push({ id: `${uid}-opt-new`, slug: "", name: q, hint: "not in the list: suggest it as a new application" });
    }
    return found;
  }, [query, tags, uid]);

  function add(o: Option) {
    if (tags.length >= 10) return;
    onChange([...tags, { slug: o.slug, name: o.name, version: "", primary: tags.length === 0 }]);
    setQuery("");
    setOpen(false);
    setActive(-1);
    inputRef.current?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((a) => (options.length ? (a + 1) % options.length : -1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) setOpen(true);
      setActive((a) => (options.length ? (a <= 0 ? options.length - 1 : a - 1) : -1));
    } else if (e.key === "Enter") {
      if (open && options.length > 0) {
        e.preventDefault();
        add(options[active >= 0 ? active : 0]);
      } else if (query.trim()) {
        e.preventDefault();
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (query) {
        e.preventDefault();
        setQuery("");
      }
    }
  }

  function update(i: number, patch: Partial<TagForm>) {
    onChange(tags.map((t, k) => (k === i ? { ...t, ...patch } : patch.primary ? { ...t, primary: false } : t)));
  }

  function remove(i: number) {
    const next = tags.filter((_, k) => k !== i);
    if (next.length && !next.some((t) => t.primary)) next[0] = { ...next[0], primary: true };
    onChange(next);
    inputRef.current?.focus();
  }

  const expanded = open && options.length > 0;
  const describedBy = [`${inputId}-hint`, error ? `${inputId}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className={styles.tagPicker}>
      <div className="field">
        <label htmlFor={inputId}>Add an application</label>
        <div className={styles.comboWrap}>
          <input
            ref={inputRef}
            id={inputId}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? options[active]?.id : undefined}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            autoComplete="off"
            placeholder="e.g. SQL Server, domain controller, nginx"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onFocus={() => query && setOpen(true)}
            // Options take the mouse with preventDefault, so the input keeps focus
            // while one is clicked and a blur always means "left the combobox".
            onBlur={() => {
              setOpen(false);
              setActive(-1);
            }}
          />
          <ul id={listId} role="listbox" aria-label="Applications" className={styles.listbox} hidden={!expanded}>
            {options.map((o, i) => (
              <li
                key={o.id}
                id={o.id}
                role="option"
                aria-selected={i === active}
                className={i === active ? styles.optionActive : styles.option}
                onMouseDown={(e) => {
                  e.preventDefault();
                  add(o);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className={styles.optionName}>{o.slug ? o.name : `Suggest “${o.name}”`}</span>
                {o.hint ? <span className="muted small"> — {o.hint}</span> : null}
              </li>
            ))}
          </ul>
        </div>
        <span id={`${inputId}-hint`} className="field-hint">
          Type a name or alias; ↑ ↓ to choose, Enter to add, Escape to close. Up to 10; one is primary.
        </span>
        {error ? <span id={`${inputId}-error`} className="field-error">{error}</span> : null}
        <span className="sr-only" aria-live="polite">{expanded ? `${options.length} suggestions` : ""}</span>
      </div>

      {tags.length > 0 ? (
        <table className={`data compact ${styles.tagTable}`}>
          <caption className="sr-only">Chosen applications</caption>
          <thead>
            <tr><th scope="col">Application</th><th scope="col">Version</th><th scope="col">Primary</th><th scope="col"><span className="sr-only">Remove</span></th></tr>
          </thead>
          <tbody>
            {tags.map((t, i) => {
              const err = fieldErrors[`tags.${i}.name`];
              const vid = `${idPrefix}-tags-${i}-version`;
              return (
                <tr key={`${t.slug}|${t.name}`}>
                  <td>
                    <span id={`${idPrefix}-tags-${i}-name`}>{t.name}</span>
                    {t.slug ? null : <span className="badge badge-warn" style={{ marginLeft: "0.4rem" }}>suggestion</span>}
                    {err ? <div className="field-error">{err}</div> : null}
                  </td>
                  <td>
                    <label htmlFor={vid} className="sr-only">Version of {t.name}</label>
                    <input
                      id={vid}
                      type="text"
                      className={styles.versionInput}
                      placeholder="optional"
                      value={t.version}
                      aria-invalid={fieldErrors[`tags.${i}.version`] ? true : undefined}
                      onChange={(e) => update(i, { version: e.target.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name={`${idPrefix}-primary`}
                      aria-label={`${t.name} is the primary application`}
                      checked={t.primary}
                      onChange={() => update(i, { primary: true })}
                    />
                  </td>
                  <td>
                    <button type="button" className="btn btn-sm" onClick={() => remove(i)} aria-label={`Remove ${t.name}`}>Remove</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

"use client";

import { useEffect, useRef, useState } from "react";
import styles from "./contribute.module.css";

export interface TabDef {
  id: string;
  label: string;
  content: React.ReactNode;
}

/**
 * WAI-ARIA tabs: Left/Right/Home/End move between tabs, the chosen tab is
 * kept in the URL hash (#upload) so a link can open it. Panels stay mounted so
 * a half-filled form survives switching tabs.
 */
export function ContributeTabs({ tabs }: { tabs: TabDef[] }) {
  const [active, setActive] = useState(tabs[0].id);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  useEffect(() => {
    const fromHash = () => {
      const h = window.location.hash.slice(1);
      if (tabs.some((t) => t.id === h)) setActive(h);
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    return () => window.removeEventListener("hashchange", fromHash);
  }, [tabs]);

  function choose(id: string, focus = false) {
    setActive(id);
    history.replaceState(null, "", `#${id}`);
    if (focus) refs.current[id]?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent, i: number) {
    const n = tabs.length;
    const to = e.key === "ArrowRight" ? (i + 1) % n : e.key === "ArrowLeft" ? (i - 1 + n) % n : e.key === "Home" ? 0 : e.key === "End" ? n - 1 : -1;
    if (to >= 0) {
      e.preventDefault();
      choose(tabs[to].id, true);
    }
  }

  return (
    <div>
      <div role="tablist" aria-label="Ways to contribute" className={styles.tabs}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => { refs.current[t.id] = el; }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`panel-${t.id}`}
            aria-selected={active === t.id}
            tabIndex={active === t.id ? 0 : -1}
            className={styles.tab}
            onClick={() => choose(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`panel-${t.id}`} aria-labelledby={`tab-${t.id}`} hidden={active !== t.id} tabIndex={0}>
          {t.content}
        </div>
      ))}
    </div>
  );
}

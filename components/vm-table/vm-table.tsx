"use client";

import { Suspense, useCallback, useEffect, useMemo, useOptimistic, useRef, useState, useTransition, type MouseEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { BROWSE_COLUMNS, getColumn, type ColumnId } from "@/lib/browse/columns";
import { NUMERIC_FILTERS, PAGE_SIZES, type BrowseQueryError, type SortColumn } from "@/lib/browse/query";
import {
  MAX_COMPARE, activeFilterCount, clearFilters, compareHref, exportHref, filterValues, nextSort, pageList, parseBrowseView, sortChanges,
  toggleColumn, updateSearch,
} from "@/lib/browse/view";
import { formatInt } from "@/lib/text/display";
import type { VmRow } from "@/lib/vm/record";
import { CELLS } from "./cells";
import { FacetGroups, NumericFilters, StreamedFacets, type FacetCounts, type FacetUi } from "./filters";
import { rowLabel } from "@/lib/vm/label";
import styles from "./vm-table.module.css";

export interface VmTableProps {
  /** The current search string without "?", as the server read it. */
  search: string;
  rows: VmRow[];
  total: number;
  totalCapped: boolean;
  page: number;
  pages: number;
  size: number;
  sort: SortColumn;
  dir: "asc" | "desc";
  /** Streamed after the rows; null when counting failed. */
  facets: Promise<FacetCounts | null>;
  errors: BrowseQueryError[];
}

const SELECTION_KEY = "vmcompare:browse-selection";

export function VmTable(p: VmTableProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [facetUi, setFacetUi] = useState<FacetUi>({ open: {}, showAll: {} });
  // While new counts load, the last ones stay on screen, dimmed, instead of an empty panel.
  const lastFacets = useRef<FacetCounts>({});
  const rememberFacets = useCallback((f: FacetCounts) => {
    lastFacets.current = f;
  }, []);
  // Marks the table as interactive: e2e tests wait for it instead of sleeping.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  // The selection outlives paging and a visit to /compare and back.
  useEffect(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(SELECTION_KEY) ?? "{}");
      if (saved && typeof saved === "object") setSelection(saved);
    } catch {
      /* a corrupt entry is simply forgotten */
    }
  }, []);
  useEffect(() => {
    sessionStorage.setItem(SELECTION_KEY, JSON.stringify(selection));
  }, [selection]);

  // Controls show the new state at once (a ticked box stays ticked) while the
  // server renders the new rows; the table's rows and sort stay the server's.
  const [search, setSearch] = useOptimistic(p.search);
  const values = useMemo(() => filterValues(search), [search]);
  const view = useMemo(() => parseBrowseView(new URLSearchParams(search)), [search]);
  const navigate = (href: string) =>
    startTransition(() => {
      setSearch(href.split("?")[1] ?? "");
      router.push(href, { scroll: false });
    });
  const go = (changes: Record<string, string | number | null>) => navigate(`/vms${updateSearch(search, changes)}`);
  const hrefFor = (changes: Record<string, string | number | null>) => `/vms${updateSearch(search, changes)}`;
  const follow = (href: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(href);
  };

  const columns = useMemo<ColumnDef<VmRow>[]>(
    () => [
      {
        id: "select",
        header: ({ table }) => (
          <input
            type="checkbox"
            aria-label="Select all rows on this page"
            checked={table.getIsAllPageRowsSelected()}
            ref={(el) => {
              if (el) el.indeterminate = table.getIsSomePageRowsSelected();
            }}
            onChange={table.getToggleAllPageRowsSelectedHandler()}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${rowLabel(row.original)} (${row.original.id}) for comparison`}
            checked={row.getIsSelected()}
            onChange={row.getToggleSelectedHandler()}
          />
        ),
      },
      ...view.cols.map<ColumnDef<VmRow>>((id) => ({ id, header: getColumn(id).label, cell: ({ row }) => CELLS[id](row.original) })),
    ],
    [view.cols],
  );

  const table = useReactTable({
    data: p.rows,
    columns,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount: p.pages,
    enableRowSelection: true,
    state: {
      rowSelection: selection,
      sorting: [{ id: BROWSE_COLUMNS.find((c) => "sort" in c && c.sort === p.sort)?.id ?? p.sort, desc: p.dir === "desc" }],
      pagination: { pageIndex: p.page - 1, pageSize: p.size },
    },
    onRowSelectionChange: setSelection,
  });

  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  const tooMany = selectedIds.length > MAX_COMPARE;
  const filterCount = activeFilterCount(search);
  const totalText = `${formatInt(p.total)}${p.totalCapped ? "+" : ""}`;
  const first = p.total === 0 ? 0 : (p.page - 1) * p.size + 1;
  const last = Math.min(p.total, p.page * p.size);
  // Numeric filter errors are shown beside their fields and, linked to them, above the table.
  const generalErrors = p.errors.filter((e) => !(e.field in NUMERIC_FILTERS));
  const fieldErrors = p.errors.filter((e) => e.field in NUMERIC_FILTERS);

  return (
    <div className={styles.layout} data-hydrated={hydrated || undefined}>
      <div className={styles.filterBar}>
        <button type="button" className="btn btn-sm" aria-expanded={filtersOpen} aria-controls="browse-filters" onClick={() => setFiltersOpen(!filtersOpen)}>
          {filtersOpen ? "Hide filters" : "Filters"}{filterCount ? ` (${filterCount})` : ""}
        </button>
      </div>
      <aside id="browse-filters" className={styles.aside} data-open={filtersOpen} aria-label="Filters">
        <div className={styles.asideHead}>
          <h2 className={styles.asideTitle}>Filters</h2>
          {filterCount ? (
            <a href={`/vms${clearFilters(search)}`} onClick={follow(`/vms${clearFilters(search)}`)} className="small">Clear all ({filterCount})</a>
          ) : null}
        </div>
        <NumericFilters values={values} errors={p.errors} onApply={go} />
        <Suspense key={p.search} fallback={<FacetGroups facets={lastFacets.current} stale values={values} ui={facetUi} setUi={setFacetUi} onChange={go} />}>
          <StreamedFacets promise={p.facets} onResolved={rememberFacets} values={values} ui={facetUi} setUi={setFacetUi} onChange={go} />
        </Suspense>
      </aside>

      <section className={styles.main} aria-labelledby="results-heading">
        <div className={styles.toolbar}>
          <h2 id="results-heading" className={styles.resultCount} aria-live="polite">
            <span data-testid="total">{totalText}</span> {p.total === 1 ? "VM" : "VMs"}
            {p.total > 0 ? <span className="muted small"> · showing {formatInt(first)}–{formatInt(last)}</span> : null}
          </h2>
          <div className={styles.tools}>
            <ColumnPicker cols={view.cols} onToggle={(id) => go({ cols: toggleColumn(view.cols, id), page: p.page })} />
            <div role="group" aria-label="Row density" className={styles.segmented}>
              <button type="button" aria-pressed={view.density === "comfortable"} onClick={() => go({ density: null, page: p.page })}>Comfortable</button>
              <button type="button" aria-pressed={view.density === "compact"} onClick={() => go({ density: "compact", page: p.page })}>Compact</button>
            </div>
            <label className={styles.inline}>
              <span>Rows</span>
              <select value={p.size} onChange={(e) => go({ size: Number(e.target.value) === 25 ? null : e.target.value })}>
                {PAGE_SIZES.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </label>
            <a className="btn btn-sm" href={exportHref(search, false)} download data-testid="export-csv">Export CSV</a>
            <a className="btn btn-sm" href={exportHref(search, true)} download data-testid="export-csv-all">CSV, all columns</a>
          </div>
        </div>

        {generalErrors.map((e) => <div key={e.field} className="alert alert-error" role="alert">{e.message}</div>)}
        {fieldErrors.length ? (
          <div className="alert alert-error">
            {fieldErrors.length === 1 ? "A size filter was" : `${fieldErrors.length} size filters were`} not applied:{" "}
            {fieldErrors.map((e, i) => (
              <span key={e.field}>{i ? "; " : ""}<a className={styles.alertLink} href={`#f-${e.field}`}>{e.message}</a></span>
            ))}
          </div>
        ) : null}

        <div className={styles.selectionBar} aria-live="polite">
          {selectedIds.length ? (
            <>
              {tooMany ? (
                <button type="button" className="btn btn-sm" disabled data-testid="compare-selected">Compare selected ({selectedIds.length})</button>
              ) : (
                <a className="btn btn-sm btn-primary" href={compareHref(selectedIds)} data-testid="compare-selected">Compare selected ({selectedIds.length})</a>
              )}
              <button type="button" className="btn btn-sm" onClick={() => setSelection({})}>Clear selection</button>
              {tooMany ? <span className={styles.warn}>Compare takes up to {MAX_COMPARE} VMs: untick {selectedIds.length - MAX_COMPARE}.</span> : null}
            </>
          ) : (
            <span className="muted small">Tick up to {MAX_COMPARE} rows to compare them side by side.</span>
          )}
          {pending ? <span className={styles.pending} role="status">Updating…</span> : null}
        </div>

        {p.rows.length === 0 ? (
          <div className="card empty" data-testid="empty">
            <p><strong>No VMs match these filters.</strong></p>
            <p>
              <a className="btn btn-sm" href={`/vms${clearFilters(search)}`} onClick={follow(`/vms${clearFilters(search)}`)}>Clear filters</a>
            </p>
          </div>
        ) : (
          <div className={`table-wrap ${styles.tableWrap}`} aria-busy={pending}>
            <table className={`data ${view.density === "compact" ? "compact" : ""}`} data-density={view.density} data-testid="vm-table">
              <caption className="sr-only">Published VM configurations, page {p.page} of {formatInt(p.pages)}</caption>
              <thead>
                {table.getHeaderGroups().map((hg) => (
                  <tr key={hg.id}>
                    {hg.headers.map((h) => {
                      if (h.column.id === "select") return <th key={h.id} className={styles.selectCell}>{flexRender(h.column.columnDef.header, h.getContext())}</th>;
                      const col = getColumn(h.column.id as ColumnId);
                      const active = "sort" in col && col.sort === p.sort;
                      const to = nextSort({ sort: p.sort, dir: p.dir }, col);
                      return (
                        <th
                          key={h.id}
                          data-col={col.id}
                          className={col.numeric ? "num" : undefined}
                          aria-sort={to ? (active ? (p.dir === "asc" ? "ascending" : "descending") : "none") : undefined}
                        >
                          {to ? (
                            <button type="button" className={styles.sortButton} onClick={() => go(sortChanges(to))}>
                              {col.label}
                              <span aria-hidden="true" className={styles.sortMark}>{active ? (p.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                            </button>
                          ) : col.label}
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id} data-selected={row.getIsSelected() || undefined} data-id={row.id}>
                    {row.getVisibleCells().map((cell) => {
                      const numeric = cell.column.id !== "select" && getColumn(cell.column.id as ColumnId).numeric;
                      return (
                        <td key={cell.id} data-col={cell.column.id} className={numeric ? "num" : cell.column.id === "select" ? styles.selectCell : undefined}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {p.pages > 1 ? <Pagination page={p.page} pages={p.pages} hrefFor={(n) => hrefFor({ page: n === 1 ? null : n })} follow={follow} /> : null}
      </section>
    </div>
  );
}

function ColumnPicker({ cols, onToggle }: { cols: ColumnId[]; onToggle: (id: ColumnId) => void }) {
  const ref = useRef<HTMLDetailsElement>(null);
  // A menu closes on Escape and on a click elsewhere; <details> alone does neither.
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Escape") return;
        d.open = false;
        d.querySelector("summary")?.focus();
      } else if (!d.contains(e.target as Node)) {
        d.open = false;
      }
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details className={styles.picker} ref={ref}>
      <summary className="btn btn-sm">Columns ({cols.length})</summary>
      <fieldset className={styles.pickerMenu}>
        <legend className="sr-only">Visible columns</legend>
        {BROWSE_COLUMNS.map((c) => (
          <label key={c.id} className={styles.pickerItem}>
            <input
              type="checkbox"
              name="col"
              value={c.id}
              checked={cols.includes(c.id)}
              disabled={cols.length === 1 && cols.includes(c.id)}
              onChange={() => onToggle(c.id)}
            />
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}

function Pagination({ page, pages, hrefFor, follow }: { page: number; pages: number; hrefFor: (n: number) => string; follow: (href: string) => (e: MouseEvent<HTMLAnchorElement>) => void }) {
  const link = (n: number, children: ReactNode, label: string, current = false) => (
    <a href={hrefFor(n)} onClick={follow(hrefFor(n))} aria-label={label} aria-current={current ? "page" : undefined} className={`${styles.pageLink} ${current ? styles.currentPage : ""}`}>
      {children}
    </a>
  );
  return (
    <nav aria-label="Pagination" className={styles.pagination}>
      {page > 1 ? link(page - 1, "← Previous", "Previous page") : <span className={`${styles.pageLink} ${styles.disabled}`} aria-hidden="true">← Previous</span>}
      <ul>
        {pageList(page, pages).map((n, i) => (
          <li key={n ?? `gap-${i}`}>{n == null ? <span className={styles.gap} aria-hidden="true">…</span> : link(n, formatInt(n), `Page ${n}`, n === page)}</li>
        ))}
      </ul>
      {page < pages ? link(page + 1, "Next →", "Next page") : <span className={`${styles.pageLink} ${styles.disabled}`} aria-hidden="true">Next →</span>}
    </nav>
  );
}

"use client";

import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useTransition, type FormEvent, type MouseEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from "@tanstack/react-table";
import { BROWSE_COLUMNS, getColumn, type ColumnId } from "@/lib/browse/columns";
import { MAX_SELECTED, NUMERIC_FILTERS, PAGE_SIZES, parseBrowseQuery, type BrowseQueryError, type SortColumn } from "@/lib/browse/query";
import {
  MAX_COMPARE, activeFilterCount, clearFilters, compareHref, exportHref, filterValues, nextSort, pageList, parseBrowseView, selParam,
  selectedFrom, sortChanges, toggleColumn, toggleSelected, updateSearch,
} from "@/lib/browse/view";
import { formatInt } from "@/lib/text/display";
import type { VmRow } from "@/lib/vm/record";
import { facetsKey, loadFacets, loadRows, prefetchRows, type RowsData } from "./browse-client";
import { CELLS, appLabel, hypervisorName, osName, shortHypervisor, shortOs } from "./cells";
import { FacetGroups, NumericFilters, StreamedFacets, type FacetCounts, type FacetUi } from "./filters";
import { rowLabel } from "@/lib/vm/label";
import styles from "./vm-table.module.css";

/** The first page of rows as the server read it (search without "?"), and the facet counts. */
export interface VmTableProps extends RowsData {
  /** Streamed after the rows; null when counting failed. */
  facets: Promise<FacetCounts | null>;
}

type Changes = Record<string, string | number | null>;

const href = (search: string) => `/vms${search ? `?${search}` : ""}`;
const bare = (s: string) => (s.startsWith("?") ? s.slice(1) : s);

/** How long the previous rows stay as they were before they are dimmed: most answers come sooner. */
const DIM_AFTER_MS = 400;

export function VmTable(p: VmTableProps) {
  const router = useRouter();
  const [, startTransition] = useTransition();
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

  // The URL is the state. Controls follow `search` at once; the rows follow
  // when their answer arrives, and until then the previous rows stay.
  const fromServer = (): RowsData => ({ search: p.search, rows: p.rows, total: p.total, totalCapped: p.totalCapped, page: p.page, pages: p.pages, size: p.size, sort: p.sort, dir: p.dir, errors: p.errors });
  const [search, setSearch] = useState(p.search);
  const [data, setData] = useState<RowsData>(fromServer);
  const [facets, setFacets] = useState<{ key: string; promise: Promise<FacetCounts | null> }>(() => ({ key: facetsKey(p.search), promise: p.facets }));
  const [serverSearch, setServerSearch] = useState(p.search);
  if (serverSearch !== p.search) {
    // A server render of another URL (a link from elsewhere, a refresh): it wins.
    setServerSearch(p.search);
    setSearch(p.search);
    setData(fromServer());
    setFacets({ key: facetsKey(p.search), promise: p.facets });
  }
  const latest = useRef(p.search);
  const [loading, setLoading] = useState(false);

  const show = useCallback((next: string) => {
    latest.current = next;
    setSearch(next);
    const key = facetsKey(next);
    const rows = loadRows(next);
    // Counts after rows: on PGlite one query runs at a time, and the rows are what the user waits for.
    setFacets((f) => (f.key === key ? f : { key, promise: rows.catch(() => null).then(() => loadFacets(next)) }));
    setLoading(true);
    rows.then(
      (d) => {
        if (latest.current !== next) return;
        startTransition(() => {
          setData(d);
          setLoading(false);
        });
      },
      () => {
        // The API refused or could not be reached: let the server render the page and explain.
        if (latest.current === next) router.push(href(next), { scroll: false });
      },
    );
  }, [router]);

  const navigate = (nextHref: string, opts: { replace?: boolean } = {}) => {
    const next = bare(nextHref.split("?")[1] ?? "");
    if (next === search) return;
    // Next.js keeps its router in step with the History API: the URL changes
    // without a server render, and the rows come from the API.
    if (opts.replace) window.history.replaceState(null, "", href(next));
    else window.history.pushState(null, "", href(next));
    show(next);
  };
  // Back and forward: the URL changed under us; show what it asks for.
  useEffect(() => {
    const onPop = () => {
      const now = bare(window.location.search);
      if (window.location.pathname === "/vms" && now !== latest.current) show(now);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, [show]);

  const values = useMemo(() => filterValues(search), [search]);
  const view = useMemo(() => parseBrowseView(new URLSearchParams(search)), [search]);
  const pendingQuery = useMemo(() => parseBrowseQuery(new URLSearchParams(search)).query, [search]);
  const selected = useMemo(() => selectedFrom(search), [search]);
  const onlySelected = pendingQuery.onlySelected;
  const go = (changes: Changes, opts?: { replace?: boolean }) => navigate(`/vms${updateSearch(search, changes)}`, opts);
  const hrefFor = (changes: Changes) => `/vms${updateSearch(search, changes)}`;
  const follow = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  const warm = (changes: Changes) => () => prefetchRows(bare(updateSearch(search, changes)));

  // The next page is the likeliest next click: fetch it while the user reads this one.
  useEffect(() => {
    if (data.page >= data.pages) return;
    const id = window.setTimeout(() => prefetchRows(bare(updateSearch(data.search, { page: data.page + 1 }))), 300);
    return () => window.clearTimeout(id);
  }, [data]);

  // Ticks live in the URL (sel=), so a shared link shows the same selection.
  const [selectionNote, setSelectionNote] = useState<string | null>(null);
  const setSelected = (ids: string[], on: boolean) => {
    const next = toggleSelected(selected, ids, on);
    if (!next) {
      setSelectionNote(`At most ${MAX_SELECTED} rows can be ticked.`);
      return;
    }
    setSelectionNote(null);
    const changes: Changes = { sel: selParam(next), page: onlySelected ? null : data.page === 1 ? null : data.page };
    // Unticking the last row of "only selected" leaves nothing to show: back to every row.
    if (onlySelected && !next.length) changes.show = null;
    go(changes, { replace: true });
  };
  const rowSelection = useMemo<RowSelectionState>(() => Object.fromEntries(selected.map((id) => [id, true])), [selected]);
  // The column definitions stay stable while the selection changes; they call the latest handler.
  const setSelectedRef = useRef(setSelected);
  useEffect(() => {
    setSelectedRef.current = setSelected;
  });

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
            onChange={(e) => setSelectedRef.current(table.getRowModel().rows.map((r) => r.id), e.target.checked)}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={`Select ${rowLabel(row.original)} (${row.original.id}) for comparison`}
            checked={row.getIsSelected()}
            onChange={(e) => setSelectedRef.current([row.id], e.target.checked)}
          />
        ),
      },
      ...view.cols.map<ColumnDef<VmRow>>((id) => ({ id, header: getColumn(id).label, cell: ({ row }) => CELLS[id](row.original) })),
    ],
    [view.cols],
  );

  const table = useReactTable({
    data: data.rows,
    columns,
    getRowId: (r) => r.id,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount: data.pages,
    enableRowSelection: true,
    state: {
      rowSelection,
      sorting: [{ id: BROWSE_COLUMNS.find((c) => "sort" in c && c.sort === data.sort)?.id ?? data.sort, desc: data.dir === "desc" }],
      pagination: { pageIndex: data.page - 1, pageSize: data.size },
    },
  });

  const tooMany = selected.length > MAX_COMPARE;
  const filterCount = activeFilterCount(search);
  const totalText = `${formatInt(data.total)}${data.totalCapped ? "+" : ""}`;
  const first = data.total === 0 ? 0 : (data.page - 1) * data.size + 1;
  const last = Math.min(data.total, data.page * data.size);
  // Errors of the URL the user asked for (shown at once, before its rows arrive).
  const errors = useMemo(() => parseBrowseQuery(new URLSearchParams(search)).errors, [search]);
  // Numeric filter errors are shown beside their fields and, linked to them, above the table.
  const generalErrors = errors.filter((e) => !(e.field in NUMERIC_FILTERS) && e.field !== "q");
  const fieldErrors = errors.filter((e) => e.field in NUMERIC_FILTERS);
  const searchError = errors.find((e) => e.field === "q");
  const sortable = BROWSE_COLUMNS.filter((c) => "sort" in c);

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
            <a href={href(bare(clearFilters(search)))} onClick={follow(`/vms${clearFilters(search)}`)} className="small">Clear all ({filterCount})</a>
          ) : null}
        </div>
        <NumericFilters values={values} errors={errors} onApply={go} />
        <Suspense key={facets.key} fallback={<FacetGroups facets={lastFacets.current} stale values={values} ui={facetUi} setUi={setFacetUi} onChange={go} />}>
          <StreamedFacets promise={facets.promise} onResolved={rememberFacets} values={values} ui={facetUi} setUi={setFacetUi} onChange={go} />
        </Suspense>
      </aside>

      <section className={styles.main} aria-labelledby="results-heading">
        <SearchBox value={values.q ?? ""} error={searchError} onSearch={(q, replace) => go({ q: q || null }, { replace })} />
        <div className={styles.toolbar}>
          <h2 id="results-heading" className={styles.resultCount} aria-live="polite">
            <span data-testid="total">{totalText}</span> {data.total === 1 ? "VM" : "VMs"}
            {data.total > 0 ? <span className="muted small"> · showing {formatInt(first)}–{formatInt(last)}</span> : null}
          </h2>
          <div className={styles.tools}>
            <label className={`${styles.inline} ${styles.sortSelect}`}>
              <span>Sort</span>
              <select
                value={`${pendingQuery.sort}:${pendingQuery.dir}`}
                onChange={(e) => {
                  const [sort, dir] = e.target.value.split(":") as [SortColumn, "asc" | "desc"];
                  go(sortChanges({ sort, dir }));
                }}
              >
                {sortable.flatMap((c) => [
                  <option key={`${c.sort}:desc`} value={`${c.sort}:desc`}>{c.label} {c.numeric ? "↓ largest" : c.id === "created" ? "↓ newest" : "Z–A"}</option>,
                  <option key={`${c.sort}:asc`} value={`${c.sort}:asc`}>{c.label} {c.numeric ? "↑ smallest" : c.id === "created" ? "↑ oldest" : "A–Z"}</option>,
                ])}
              </select>
            </label>
            <ColumnPicker cols={view.cols} onToggle={(id) => go({ cols: toggleColumn(view.cols, id), page: data.page === 1 ? null : data.page })} />
            <div role="group" aria-label="Row density" className={styles.segmented}>
              <button type="button" aria-pressed={view.density === "comfortable"} onClick={() => go({ density: null, page: data.page === 1 ? null : data.page })}>Comfortable</button>
              <button type="button" aria-pressed={view.density === "compact"} onClick={() => go({ density: "compact", page: data.page === 1 ? null : data.page })}>Compact</button>
            </div>
            <label className={styles.inline}>
              <span>Rows</span>
              <select value={pendingQuery.size} onChange={(e) => go({ size: Number(e.target.value) === 25 ? null : e.target.value })}>
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
          {selected.length ? (
            <>
              {tooMany ? (
                <button type="button" className="btn btn-sm" disabled data-testid="compare-selected">Compare selected ({selected.length})</button>
              ) : (
                <Link className="btn btn-sm btn-primary" href={compareHref(selected)} data-testid="compare-selected">Compare selected ({selected.length})</Link>
              )}
              <button
                type="button"
                className="btn btn-sm"
                aria-pressed={onlySelected}
                data-testid="only-selected"
                onClick={() => go({ show: onlySelected ? null : "selected" })}
              >
                {onlySelected ? "Show all rows" : `Show only selected (${selected.length})`}
              </button>
              <button type="button" className="btn btn-sm" onClick={() => go({ sel: null, show: null }, { replace: !onlySelected })}>Clear selection</button>
              {tooMany ? <span className={styles.warn}>Compare takes up to {MAX_COMPARE} VMs: untick {selected.length - MAX_COMPARE}.</span> : null}
            </>
          ) : (
            <span className="muted small">Tick rows to compare up to {MAX_COMPARE} side by side, or to list only them.</span>
          )}
          {selectionNote ? <span className={styles.warn} role="alert">{selectionNote}</span> : null}
          {loading ? <span className="sr-only" role="status">Loading VMs…</span> : null}
        </div>

        {data.rows.length === 0 ? (
          <div className="card empty" data-testid="empty" data-rows-for={data.search}>
            {onlySelected && !selected.length ? <p><strong>No rows are ticked.</strong></p> : <p><strong>No VMs match these filters.</strong></p>}
            <p>
              <a className="btn btn-sm" href={href(bare(clearFilters(search)))} onClick={follow(`/vms${clearFilters(search)}`)}>Clear filters</a>
            </p>
          </div>
        ) : (
          <>
            <ScrollFrame loading={loading} colCount={view.cols.length}>
              <table
                className={`data ${view.density === "compact" ? "compact" : ""} ${styles.table}`}
                data-density={view.density}
                data-testid="vm-table"
                data-rows-for={data.search}
              >
                <caption className="sr-only">Published VM configurations, page {data.page} of {formatInt(data.pages)}</caption>
                <thead>
                  {table.getHeaderGroups().map((hg) => (
                    <tr key={hg.id}>
                      {hg.headers.map((h) => {
                        if (h.column.id === "select") return <th key={h.id} className={`${styles.selectCell} ${styles.sticky}`}>{flexRender(h.column.columnDef.header, h.getContext())}</th>;
                        const col = getColumn(h.column.id as ColumnId);
                        const active = "sort" in col && col.sort === data.sort;
                        const to = nextSort({ sort: data.sort, dir: data.dir }, col);
                        const cls = [col.numeric ? "num" : "", col.id === view.cols[0] ? `${styles.sticky} ${styles.labelCell}` : ""].join(" ").trim();
                        return (
                          <th
                            key={h.id}
                            data-col={col.id}
                            className={cls || undefined}
                            aria-sort={to ? (active ? (data.dir === "asc" ? "ascending" : "descending") : "none") : undefined}
                          >
                            {to ? (
                              <button type="button" className={styles.sortButton} onClick={() => go(sortChanges(to))} onPointerEnter={warm(sortChanges(to))} onFocus={warm(sortChanges(to))}>
                                {col.label}{" "}
                                <span aria-hidden="true" className={styles.sortMark}>{active ? (data.dir === "asc" ? "▲" : "▼") : "↕"}</span>
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
                        const id = cell.column.id;
                        const numeric = id !== "select" && getColumn(id as ColumnId).numeric;
                        const cls = id === "select" ? `${styles.selectCell} ${styles.sticky}` : [numeric ? "num" : "", id === view.cols[0] ? `${styles.sticky} ${styles.labelCell}` : ""].join(" ").trim();
                        return (
                          <td key={cell.id} data-col={id} className={cls || undefined}>
                            {flexRender(cell.column.columnDef.cell, cell.getContext())}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollFrame>
            <Cards rows={data.rows} selected={selected} onSelect={(id, on) => setSelected([id], on)} loading={loading} rowsFor={data.search} />
          </>
        )}

        {data.pages > 1 ? (
          <Pagination page={data.page} pages={data.pages} hrefFor={(n) => hrefFor({ page: n === 1 ? null : n })} follow={follow} warm={(n) => warm({ page: n === 1 ? null : n })} />
        ) : null}
      </section>
    </div>
  );
}

/** Searches as the user types (after a pause, replacing the history entry) and at once on Enter. */
function SearchBox({ value, error, onSearch }: { value: string; error?: BrowseQueryError; onSearch: (q: string, replace: boolean) => void }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The URL changed from elsewhere (back, "Clear all"): show it.
    setShown(value);
    setText(value);
  }
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.clearTimeout(timer.current);
    onSearch(text.trim(), false);
  };
  return (
    <form role="search" className={styles.search} onSubmit={submit} aria-label="Search VMs">
      <label htmlFor="vm-search" className="sr-only">Search VMs</label>
      <input
        id="vm-search"
        name="q"
        type="search"
        value={text}
        maxLength={200}
        autoComplete="off"
        spellCheck={false}
        placeholder="Search applications, OS, hypervisor, NIC…"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "vm-search-error" : undefined}
        onChange={(e) => {
          const v = e.target.value;
          setText(v);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => onSearch(v.trim(), true), 350);
        }}
      />
      <button type="submit" className="btn btn-sm">Search</button>
      {error ? <p id="vm-search-error" className="field-error" role="alert">{error.message}</p> : null}
    </form>
  );
}

/**
 * The table's horizontal scroller. The label column stays put; a shadow on
 * the side that has more columns (and a sentence for screen readers) says
 * that the table scrolls.
 */
function ScrollFrame({ children, loading, colCount }: { children: ReactNode; loading: boolean; colCount: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const left = el.scrollLeft > 1;
      const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setEdges((e) => (e.left === left && e.right === right ? e : { left, right }));
    };
    update();
    el.addEventListener("scroll", update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", update);
      ro.disconnect();
    };
  }, [colCount]);
  const more = edges.right ? (edges.left ? "More columns on both sides: scroll sideways." : "More columns to the right: scroll sideways.") : edges.left ? "More columns to the left: scroll sideways." : "";
  return (
    <div className={styles.frame} data-more-left={edges.left || undefined} data-more-right={edges.right || undefined} data-testid="table-frame">
      <div
        ref={ref}
        className={`table-wrap ${styles.tableWrap}`}
        data-loading={loading || undefined}
        aria-busy={loading}
        // Scrollable, so reachable by keyboard.
        tabIndex={edges.left || edges.right ? 0 : undefined}
        role={edges.left || edges.right ? "region" : undefined}
        aria-label={edges.left || edges.right ? "VM table, scrolls sideways" : undefined}
      >
        {children}
      </div>
      <p className="sr-only" aria-live="polite" data-testid="scroll-hint">{more}</p>
    </div>
  );
}

/** Below 640 px the rows are cards with the numbers people compare first. */
function Cards({ rows, selected, onSelect, loading, rowsFor }: { rows: VmRow[]; selected: string[]; onSelect: (id: string, on: boolean) => void; loading: boolean; rowsFor: string }) {
  return (
    <ul className={styles.cards} data-testid="vm-cards" data-rows-for={rowsFor} data-loading={loading || undefined} aria-busy={loading}>
      {rows.map((r) => {
        const os = osName(r);
        const hv = hypervisorName(r);
        const on = selected.includes(r.id);
        return (
          <li key={r.id} className={styles.card} data-id={r.id} data-selected={on || undefined}>
            <div className={styles.cardHead}>
              <input type="checkbox" checked={on} onChange={(e) => onSelect(r.id, e.target.checked)} aria-label={`Select ${appLabel(r)} ${r.id} for comparison`} />
              <Link href={`/vms/${r.id}`} prefetch={false} className={styles.cardTitle}>{appLabel(r)}</Link>
            </div>
            <dl className={styles.cardFacts}>
              <div><dt>vCPUs</dt><dd data-fact="vcpus">{r.vcpus}</dd></div>
              <div><dt>Memory</dt><dd data-fact="memory">{CELLS.memory(r)} GiB</dd></div>
              <div><dt>Disk</dt><dd data-fact="disk">{r.totalDiskGib == null ? "unknown" : <>{CELLS.disk(r)} GiB</>}</dd></div>
              <div className={styles.cardWide}><dt>OS</dt><dd data-fact="os" title={os ?? undefined}>{os ? shortOs(os) : "unknown"}</dd></div>
              <div className={styles.cardWide}><dt>Hypervisor</dt><dd data-fact="hypervisor" title={hv ?? undefined}>{hv ? shortHypervisor(hv) : "unknown"}</dd></div>
            </dl>
          </li>
        );
      })}
    </ul>
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

function Pagination({ page, pages, hrefFor, follow, warm }: {
  page: number; pages: number; hrefFor: (n: number) => string;
  follow: (href: string) => (e: MouseEvent<HTMLAnchorElement>) => void; warm: (n: number) => () => void;
}) {
  const link = (n: number, children: ReactNode, label: string, current = false) => (
    <a
      href={hrefFor(n)}
      onClick={follow(hrefFor(n))}
      onPointerEnter={warm(n)}
      onFocus={warm(n)}
      aria-label={label}
      aria-current={current ? "page" : undefined}
      className={`${styles.pageLink} ${current ? styles.currentPage : ""}`}
    >
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

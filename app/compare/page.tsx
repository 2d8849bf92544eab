import { ExportButtons } from "@/components/reports/export-buttons";
import { Fragment } from "react";
import Link from "next/link";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AutoSubmitForm } from "@/components/compare/auto-submit-form";
import { ToneText } from "@/components/compare/tone-text";
import { getReadDb } from "@/lib/db/client";
import { getVms } from "@/lib/db/vms";
import { compareHref, extractVmId, MAX_SIDE_BY_SIDE, parseIdsParam, sideBySideRows } from "@/lib/compare/side-by-side";
import styles from "./compare-page.module.css";
import contrast from "@/components/compare/contrast.module.css";
import { recordLabel } from "@/lib/vm/label";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare VMs side by side" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ComparePage({ searchParams }: Props) {
  const sp = await searchParams;
  const parsed = parseIdsParam(sp.ids);
  const requestedBase = first(sp.base) ?? null;

  // "Add a VM" submits here; fold it into ids and move to the clean URL.
  const add = first(sp.add);
  if (add !== undefined) {
    const id = extractVmId(add);
    if (id && !parsed.ids.includes(id)) {
      redirect(compareHref([...parsed.ids, id, ...parsed.dropped], requestedBase));
    }
    if (!id) {
      const q = new URLSearchParams({ ids: parsed.ids.join(","), bad: add.slice(0, 80) });
      redirect(`/compare?${q.toString().replace(/%2C/g, ",")}`);
    }
    redirect(compareHref(parsed.ids, requestedBase));
  }

  const db = await getReadDb();
  const records = parsed.ids.length ? await getVms(db, parsed.ids) : [];
  const found = new Set(records.map((r) => r.id));
  const unknown = parsed.ids.filter((id) => !found.has(id));
  const ids = records.map((r) => r.id);
  const baseId = requestedBase && found.has(requestedBase) ? requestedBase : ids[0];
  const rows = baseId ? sideBySideRows(records, baseId) : [];
  const bad = first(sp.bad);
  const base = records.find((r) => r.id === baseId);

  return (
    <div className={`container page ${contrast.root}`}>
      <PageHeader
        title="Compare VMs side by side"
        actions={<Link className="btn btn-sm" href="/compare/yours">Compare your own configuration</Link>}>
        Up to {MAX_SIDE_BY_SIDE} VMs, every field. Choose a baseline: the others are shown as differences from it.
      </PageHeader>

      {parsed.dropped.length ? (
        <p className="alert alert-warn" role="alert">
          At most {MAX_SIDE_BY_SIDE} VMs can be compared side by side. Not shown: {parsed.dropped.join(", ")}.
        </p>
      ) : null}
      {unknown.length ? (
        <p className="alert alert-error" role="alert">
          No published VM with id {unknown.map((u, i) => <span key={u}>{i ? ", " : ""}<code>{u}</code></span>)}. It may have been removed, or the id is mistyped.
        </p>
      ) : null}
      {parsed.invalid.length || bad ? (
        <p className="alert alert-error" role="alert">
          Not a VM id or link: {[...parsed.invalid, ...(bad ? [bad] : [])].map((s, i) => <span key={i}>{i ? ", " : ""}<code>{s}</code></span>)}.
        </p>
      ) : null}

      <form method="get" action="/compare" className={`card ${styles.addForm}`}>
        <input type="hidden" name="ids" value={ids.join(",")} />
        {baseId && baseId !== ids[0] ? <input type="hidden" name="base" value={baseId} /> : null}
        <div className="field">
          <label htmlFor="add-vm">Add a VM by id or link</label>
          <input id="add-vm" name="add" type="text" placeholder="e.g. k3m9x2abq7dz or https://…/vms/k3m9x2abq7dz" aria-describedby="add-vm-hint" disabled={ids.length >= MAX_SIDE_BY_SIDE} />
          <span id="add-vm-hint" className="field-hint">
            {ids.length >= MAX_SIDE_BY_SIDE ? `Remove a VM first: at most ${MAX_SIDE_BY_SIDE}.` : "Paste an id or the address of a VM page."}
          </span>
        </div>
        <button type="submit" className="btn btn-primary" disabled={ids.length >= MAX_SIDE_BY_SIDE}>Add</button>
      </form>

      {records.length === 0 ? (
        <div className="card empty">
          <p>No VMs to compare yet.</p>
          <p className="small">
            Add ids above, or open a VM from <Link href="/vms">Browse</Link> and choose “Compare side by side”.
          </p>
        </div>
      ) : (
        <>
        <AutoSubmitForm method="get" action="/compare" aria-label="Baseline">
          <input type="hidden" name="ids" value={ids.join(",")} />
          <div className="table-wrap">
            <table className={`data ${styles.sideTable}`}>
              <caption className="sr-only">
                {records.length} VMs side by side; differences are relative to the baseline VM {base ? `${recordLabel(base)} (${base.id})` : baseId}.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  {records.map((r) => {
                    const p = r.tags.find((t) => t.primary);
                    return (
                      <th key={r.id} scope="col" className={r.id === baseId ? styles.baseCol : undefined}>
                        <div className={styles.colHead}>
                          <Link href={`/vms/${r.id}`} data-testid="vm-label">{recordLabel(r)}</Link>
                          <span className={`${styles.colId} muted`}>{r.id}{p ? "" : " · untagged"}</span>
                          <label className={styles.baseRadio}>
                            <input type="radio" name="base" value={r.id} defaultChecked={r.id === baseId} aria-label={`Use ${recordLabel(r)} (${r.id}) as the baseline`} />
                            {r.id === baseId ? <span className="badge badge-accent">Baseline</span> : <span>Baseline</span>}
                          </label>
                          {records.length > 1 ? (
                            <Link className={styles.remove} href={compareHref(ids.filter((x) => x !== r.id), baseId === r.id ? null : baseId)} aria-label={`Remove ${recordLabel(r)} (${r.id}) from the comparison`}>
                              Remove
                            </Link>
                          ) : null}
                        </div>
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <Fragment key={row.key}>
                    {i === 0 || rows[i - 1].group !== row.group ? (
                      <tr key={`g-${row.group}`} className={styles.groupRow}>
                        <th scope="colgroup" colSpan={records.length + 1}>{row.group}</th>
                      </tr>
                    ) : null}
                    <tr data-row={row.key} className={row.differs ? styles.differs : undefined}>
                      <th scope="row">
                        {row.label}
                        {row.differs ? <span className={styles.differsMark}> · differs</span> : null}
                      </th>
                      {row.cells.map((c, j) => (
                        <td key={records[j].id} className={records[j].id === baseId ? styles.baseCol : undefined} data-vm={records[j].id}>
                          <span className={styles.value}>{c.text}</span>
                          {c.diff && (row.cells.length > 1) ? (
                            <span className={styles.diffLine}>
                              {c.diff.same ? <span className="muted small">same</span> : <ToneText text={c.diff.text} tone={c.diff.tone} />}
                            </span>
                          ) : null}
                        </td>
                      ))}
                    </tr>
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <p className="small muted">
            Differences are against {base ? <><strong>{recordLabel(base)}</strong> <span className="muted">({base.id})</span></> : "the first VM"}. Resource differences are neither better nor worse by
            themselves; only a legacy NIC against a paravirtual one is judged.{" "}
            <button type="submit" className="btn btn-sm">Use the selected baseline</button>
          </p>
        </AutoSubmitForm>
        <section className="card no-print" aria-labelledby="export-heading">
          <h2 id="export-heading">Export</h2>
          <ExportButtons kind="side-by-side" source={{ ids, base: baseId ?? null }} />
        </section>
        </>
      )}
    </div>
  );
}

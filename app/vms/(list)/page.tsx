import type { Metadata } from "next";
import Link from "next/link";
import { VmTable } from "@/components/vm-table/vm-table";
import { parseBrowseQuery } from "@/lib/browse/query";
import { browseVms } from "@/lib/db/browse";
import { browseFacetsYielding } from "@/lib/db/browse-facets";
import { getReadDb } from "@/lib/db/client";
import { stripControlChars } from "@/lib/text/control-chars";
import styles from "./page.module.css";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Browse VMs" };

type SearchParams = Record<string, string | string[] | undefined>;

function searchString(sp: SearchParams): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const one = Array.isArray(v) ? v[0] : v;
    // A NUL in the URL is refused with a message (parseBrowseQuery); it is not echoed into the page.
    if (one != null) p.set(k, stripControlChars(one));
  }
  return p.toString();
}

export default async function BrowsePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const { query, errors } = parseBrowseQuery(sp);
  const db = await getReadDb();
  const page = await browseVms(db, query);
  // Not awaited: the rows render at once and the counts stream in after them.
  const facets = browseFacetsYielding(db, query).catch((e: unknown) => {
    console.error("facet counts failed", e);
    return null;
  });
  const search = searchString(sp);
  return (
    <div className={`container page ${styles.wide}`}>
      <PageHeader title="Browse VMs">
        Filter by workload, hypervisor, guest OS and size; tick up to four rows to compare them. Size filters take
        expressions such as <code>&gt;=4</code>, <code>2..8</code> or <code>4,8,16</code>.
      </PageHeader>
      {query.importRef ? (
        <p className="alert alert-ok" data-testid="import-filter">
          Showing only the {page.totalCapped ? `${page.total.toLocaleString("en-US")}+` : page.total.toLocaleString("en-US")} VM{page.total === 1 ? "" : "s"} published by one bulk import.{" "}
          <Link href="/vms">Show every VM</Link>
        </p>
      ) : null}
      <VmTable
        search={search}
        rows={page.rows}
        total={page.total}
        totalCapped={page.totalCapped}
        page={page.page}
        pages={page.pages}
        size={query.size}
        sort={query.sort}
        dir={query.dir}
        facets={facets}
        errors={errors}
      />
    </div>
  );
}

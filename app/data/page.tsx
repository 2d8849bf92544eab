import Link from "next/link";
import type { Metadata } from "next";
import { getReadDb } from "@/lib/db/client";
import { DUMP_MAX_AGE_MS } from "@/lib/db/dump";
import { dumpOverview } from "@/lib/db/dump-schedule";
import { env } from "@/lib/env";
import { DUMP_COLUMNS } from "@/lib/reports/data-dictionary";
import { DATA_LICENCE } from "@/lib/reports/model";
import { DumpPanel } from "./dump-panel";
import styles from "./data.module.css";
import { PageHeader } from "@/components/page-header";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Open data",
  description: "Every published VM configuration as CSV and JSON Lines, licensed CC BY 4.0, with a data dictionary and an API.",
};

export default async function DataPage() {
  const db = await getReadDb();
  const status = await dumpOverview(db);
  return (
    <div className="container page">
      <PageHeader title="Open data" leadClassName={styles.textLinks}>
        Every published VM configuration, free to download and reuse under{" "}
        <a href={DATA_LICENCE.url}>{DATA_LICENCE.name}</a>: credit “{DATA_LICENCE.attribution}”.
      </PageHeader>

      <div className="grid grid-2">
        <section className="card" aria-labelledby="dump">
          <h2 id="dump">Download the dump</h2>
          <DumpPanel initial={status} />
          <p className="small muted">
            One row (CSV) or one JSON object per line (JSON Lines) for each published VM, gzip-compressed. The dump is
            written again {env().DUMP_DEBOUNCE_SECONDS < 120 ? `${env().DUMP_DEBOUNCE_SECONDS} seconds` : `${Math.round(env().DUMP_DEBOUNCE_SECONDS / 60)} minutes`} after
            the last change on the site (at most five minutes behind while changes keep coming), and at least
            every {DUMP_MAX_AGE_MS / 3_600_000} hours.
          </p>
        </section>
        <section className="card" aria-labelledby="licence">
          <h2 id="licence">Licence and API</h2>
          <p>
            The data is licensed <a href={DATA_LICENCE.url}>Creative Commons Attribution 4.0 International ({DATA_LICENCE.name})</a>:
            you may copy, redistribute, remix and build upon it for any purpose, even commercially, as long as you credit{" "}
            “{DATA_LICENCE.attribution}” and link to the licence.
          </p>
          <p>
            Published records never hold names, addresses, UUIDs or paths: they are removed before anything is stored.
            Network names are replaced by labels (net-1, net-2) that only say which NICs share a network.
          </p>
          <ul>
            <li><a href="/api/v1/openapi.json">API documentation (OpenAPI)</a></li>
            <li><a href="/api/v1/data/dictionary.json">Data dictionary as JSON</a></li>
            <li><a href="/api/v1/reports/schema.json">JSON Schema of comparison reports</a></li>
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a JSON API endpoint, not a page: a full load, no client routing */}
            <li><Link href="/workloads">Workload summaries</Link> (also at <a href="/api/v1/workloads">/api/v1/workloads</a>)</li>
          </ul>
        </section>
      </div>

      <section className="card" aria-labelledby="dictionary" style={{ marginTop: "1rem" }}>
        <h2 id="dictionary">Data dictionary</h2>
        <p className="small muted">
          CSV columns in order. In JSON Lines the same facts are nested as on the API (vm, tags, context). Empty cells (null in
          JSON) mean “the source does not say”: an unknown size is never written as 0. Lists inside a CSV cell are separated by “;” in disk or NIC order.
        </p>
        <div className="table-wrap">
          <table className={`data compact ${styles.dictionary}`}>
            <thead>
              <tr><th scope="col">Column</th><th scope="col">Type</th><th scope="col">Unit</th><th scope="col">Meaning</th></tr>
            </thead>
            <tbody>
              {DUMP_COLUMNS.map((c) => (
                <tr key={c.name}>
                  <td><code>{c.name}</code></td>
                  <td>{c.type}</td>
                  <td>{c.unit ?? "—"}</td>
                  <td>{c.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

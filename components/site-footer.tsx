import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container">
        <span>
          Contributed configurations are open data under{" "}
          <a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>. Nothing identifying
          (host names, addresses, UUIDs, paths) is ever stored.
        </span>
        <span>
          <Link href="/data">Open data</Link> · <Link href="/checks">Checks</Link> · <Link href="/api/v1/openapi.json">API</Link>
        </span>
      </div>
    </footer>
  );
}

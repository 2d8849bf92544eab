/**
 * The loading state of a database-backed page while its server component
 * runs: a skeleton of the page's shape, announced once to screen readers.
 */
export function PageLoading({ what, blocks = [120, 280] }: { what: string; blocks?: number[] }) {
  return (
    <div className="container page" aria-busy="true">
      <p className="sr-only" role="status">Loading {what}…</p>
      <div className="skeleton" style={{ height: 32, width: "35%", marginBottom: 12 }} />
      <div className="skeleton" style={{ height: 16, width: "60%", marginBottom: 24 }} />
      {blocks.map((h, i) => (
        <div key={i} className="skeleton" style={{ height: h, marginBottom: 16 }} />
      ))}
    </div>
  );
}

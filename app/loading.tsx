export default function Loading() {
  return (
    <div className="container page" aria-busy="true" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div className="skeleton" style={{ height: 32, width: "40%", marginBottom: 16 }} />
      <div className="skeleton" style={{ height: 16, width: "70%", marginBottom: 28 }} />
      <div className="grid grid-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="skeleton" style={{ height: 120 }} />
        ))}
      </div>
    </div>
  );
}

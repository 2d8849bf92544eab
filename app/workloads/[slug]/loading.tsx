export default function Loading() {
  return (
    <div className="container page" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading workloads…</p>
      <div className="skeleton" style={{ height: 36, width: "30%", marginBottom: 16 }} />
      <div className="grid grid-2">
        {Array.from({ length: 4 }, (_, i) => <div key={i} className="skeleton" style={{ height: 220 }} />)}
      </div>
    </div>
  );
}

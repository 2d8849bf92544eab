export default function Loading() {
  return (
    <div className="container page" aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading the VM and its comparison…</p>
      <div className="skeleton" style={{ height: 36, width: "40%", marginBottom: 16 }} />
      <div className="grid grid-2">
        <div className="skeleton" style={{ height: 260 }} />
        <div className="skeleton" style={{ height: 260 }} />
      </div>
      <div className="grid grid-3" style={{ marginTop: 16 }}>
        <div className="skeleton" style={{ height: 280 }} />
        <div className="skeleton" style={{ height: 280 }} />
        <div className="skeleton" style={{ height: 280 }} />
      </div>
    </div>
  );
}

export default function Loading() {
  // At least a screen tall: the table that replaces it always is, so the footer does not jump down
  // when it arrives (Lighthouse counted that as a layout shift of 0.10 on a phone).
  return (
    <div className="container page" style={{ paddingLeft: "1.25rem", paddingRight: "1.25rem", maxWidth: 1600, minHeight: "100vh" }} aria-busy="true">
      <p className="sr-only" role="status">Loading VMs…</p>
      <div className="skeleton" style={{ height: 32, width: "30%", marginBottom: 12 }} />
      <div className="skeleton" style={{ height: 16, width: "60%", marginBottom: 24 }} />
      <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 260px) minmax(0, 1fr)", gap: "1.25rem" }}>
        <div className="skeleton" style={{ height: 420 }} />
        <div>
          <div className="skeleton" style={{ height: 28, width: "40%", marginBottom: 12 }} />
          {Array.from({ length: 10 }, (_, i) => (
            <div key={i} className="skeleton" style={{ height: 30, marginBottom: 6 }} />
          ))}
        </div>
      </div>
    </div>
  );
}

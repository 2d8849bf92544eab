/**
 * The 1200×630 share card (Open Graph image) drawn by next/og: a title, a line
 * under it, up to four big numbers and a footer. Flexbox only, as satori
 * renders it; Latin text in next/og's bundled font.
 */
export const SHARE_CARD_SIZE = { width: 1200, height: 630 };

export interface ShareCardProps {
  kicker: string;
  title: string;
  subtitle: string;
  stats: { label: string; value: string }[];
  footer: string;
}

export function ShareCard({ kicker, title, subtitle, stats, footer }: ShareCardProps) {
  return (
    <div style={{
      width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between",
      background: "#ffffff", color: "#17202b", padding: "56px 64px", borderTop: "18px solid #1f6feb",
    }}>
      <div style={{ display: "flex", flexDirection: "column" }}>
        <div style={{ display: "flex", fontSize: 30, color: "#1f6feb", fontWeight: 700 }}>{kicker}</div>
        <div style={{ display: "flex", fontSize: title.length > 34 ? 56 : 68, fontWeight: 700, marginTop: 14, lineHeight: 1.1 }}>{title}</div>
        <div style={{ display: "flex", fontSize: 30, color: "#5b6675", marginTop: 16 }}>{subtitle}</div>
      </div>
      <div style={{ display: "flex", gap: 24 }}>
        {stats.map((s) => (
          <div key={s.label} style={{
            display: "flex", flexDirection: "column", flex: 1, background: "#f0f4fa", borderRadius: 16, padding: "20px 26px",
          }}>
            <div style={{ display: "flex", fontSize: 52, fontWeight: 700 }}>{s.value}</div>
            <div style={{ display: "flex", fontSize: 24, color: "#5b6675", marginTop: 4 }}>{s.label}</div>
          </div>
        ))}
      </div>
      <div style={{ display: "flex", justifyContent: "space-between", fontSize: 24, color: "#5b6675" }}>
        <div style={{ display: "flex" }}>{footer}</div>
        <div style={{ display: "flex", fontWeight: 700, color: "#17202b" }}>vmcompare</div>
      </div>
    </div>
  );
}

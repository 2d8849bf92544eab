import PDFDocument from "pdfkit";
import { peerGroupLine, type BarsChart, type Report, type ReportChart, type TrendChart } from "./model";
import { setWeight, textHeight, textWidth, writeText } from "./pdf-fonts";

/**
 * A printable report drawn with pdfkit's vector graphics: no browser, no
 * images. Latin text is set in the standard Helvetica; other scripts and
 * emoji in embedded Noto fonts (pdf-fonts.ts).
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const FOOTER_H = 34;
const INK = "#17202b";
const MUTED = "#5b6675";
const RULE = "#dde2e8";
const ACCENT = "#1f6feb";
const HIGHLIGHT = "#f59e0b";
const SERIES = ["#1f6feb", "#f59e0b", "#10b981", "#8b5cf6", "#ef4444"];

/** Signs written the way a reader of plain text expects (other characters go to the fonts in pdf-fonts.ts). */
export function pdfText(s: string): string {
  return s
    .replace(/\u2212/g, "-")
    .replace(/[\u2264]/g, "<=")
    .replace(/[\u2265]/g, ">=")
    .replace(/\u2192/g, "->")
    .replace(/[\u00a0\u202f]/g, " ");
}

function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined) return "-";
  const r = Math.round(x * 10 ** digits) / 10 ** digits;
  return r.toLocaleString("en-US", { maximumFractionDigits: digits });
}

type Doc = PDFKit.PDFDocument;

/** Cuts text to fit one line of `width` at the current font, ending with an ellipsis when cut. */
function fit(doc: Doc, text: string, width: number): string {
  const t = pdfText(text);
  if (textWidth(doc, t) <= width) return t;
  // By code point, so a cut never splits a surrogate pair.
  const chars = Array.from(t);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(doc, chars.slice(0, mid).join("") + "\u2026") <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join("") + "\u2026";
}

function contentWidth(doc: Doc): number {
  return doc.page.width - MARGIN * 2;
}

function bottom(doc: Doc): number {
  return doc.page.height - MARGIN - FOOTER_H;
}

function ensureSpace(doc: Doc, h: number): void {
  if (doc.y + h > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function heading(doc: Doc, text: string): void {
  // Room for the heading and a couple of lines, so no heading ends a page alone.
  ensureSpace(doc, 70);
  doc.moveDown(0.6);
  setWeight(doc, true).fontSize(13).fillColor(INK);
  writeText(doc, pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 2;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + contentWidth(doc), y).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.y = y + 6;
}

function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string; bold?: boolean } = {}): void {
  const size = opts.size ?? 10;
  setWeight(doc, opts.bold).fontSize(size);
  const h = textHeight(doc, pdfText(text), { width: contentWidth(doc) });
  ensureSpace(doc, h + 4);
  doc.fillColor(opts.color ?? INK);
  writeText(doc, pdfText(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function bullet(doc: Doc, text: string, marker = "\u2022", color = INK): void {
  setWeight(doc).fontSize(10);
  const w = contentWidth(doc) - 14;
  const h = textHeight(doc, pdfText(text), { width: w });
  ensureSpace(doc, h + 4);
  const y = doc.y;
  doc.fillColor(color).text(marker, MARGIN, y, { width: 12 });
  doc.fillColor(INK);
  writeText(doc, pdfText(text), MARGIN + 14, y, { width: w });
  doc.moveDown(0.25);
}

interface Column {
  title: string;
  width: number;
  align?: "left" | "right";
}

function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const scale = contentWidth(doc) / total;
  const widths = columns.map((c) => c.width * scale);
  const rowH = 16;
  const drawHeader = () => {
    ensureSpace(doc, rowH * 2);
    const y = doc.y;
    doc.rect(MARGIN, y, contentWidth(doc), rowH).fill("#f0f2f5");
    let x = MARGIN;
    setWeight(doc, true).fontSize(8).fillColor(MUTED);
    columns.forEach((c, i) => {
      writeText(doc, fit(doc, c.title.toUpperCase(), widths[i] - 8), x + 4, y + 5, { width: widths[i] - 8, align: c.align ?? "left", lineBreak: false });
      x += widths[i];
    });
    doc.y = y + rowH;
  };
  drawHeader();
  for (const row of rows) {
    if (doc.y + rowH > bottom(doc)) {
      doc.addPage();
      doc.y = MARGIN;
      drawHeader();
    }
    const y = doc.y;
    let x = MARGIN;
    setWeight(doc).fontSize(9).fillColor(INK);
    row.forEach((cell, i) => {
      writeText(doc, fit(doc, cell, widths[i] - 8), x + 4, y + 4, { width: widths[i] - 8, align: columns[i].align ?? "left", lineBreak: false });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + contentWidth(doc), y + rowH).lineWidth(0.4).strokeColor(RULE).stroke();
    doc.y = y + rowH;
  }
  doc.x = MARGIN;
  doc.moveDown(0.4);
}

const CHART_H = 150;

/** A bar chart in the box (x, y, w, h): counts as bars, the subject's bin in amber. */
function drawBars(doc: Doc, c: BarsChart, x: number, y: number, w: number): void {
  setWeight(doc, true).fontSize(9).fillColor(INK);
  writeText(doc, fit(doc, c.title, w), x, y, { width: w, lineBreak: false });
  const top = y + 16;
  const labelH = 22;
  const plotH = CHART_H - 16 - labelH;
  const bars = c.bars.slice(0, 16);
  const useShare = bars.every((b) => b.share !== null) && c.yLabel.toLowerCase().includes("share");
  const values = bars.map((b) => (useShare ? (b.share ?? 0) * 100 : b.count));
  const max = Math.max(1e-9, ...values);
  doc.moveTo(x, top + plotH).lineTo(x + w, top + plotH).lineWidth(0.5).strokeColor(MUTED).stroke();
  if (bars.length === 0) {
    setWeight(doc).fontSize(8).fillColor(MUTED).text("No data", x, top + plotH / 2, { width: w, align: "center" });
    return;
  }
  const slot = w / bars.length;
  const barW = Math.min(56, Math.max(2, slot * 0.72));
  bars.forEach((b, i) => {
    const h = (values[i] / max) * (plotH - 12);
    const bx = x + i * slot + (slot - barW) / 2;
    doc.rect(bx, top + plotH - h, barW, h).fill(b.highlight ? HIGHLIGHT : ACCENT);
    const valueText = useShare ? `${Math.round(values[i])}%` : fmt(b.count, 0);
    setWeight(doc).fontSize(6.5).fillColor(MUTED).text(valueText, x + i * slot, top + plotH - h - 9, { width: slot, align: "center", lineBreak: false });
    doc.fillColor(INK);
    writeText(doc, fit(doc, b.label, slot - 2), x + i * slot, top + plotH + 3, { width: slot, align: "center", lineBreak: false });
  });
}

/**
 * One band per series (vCPUs above, memory below), each scaled to its own
 * range: the series have different units, so one shared axis would flatten one.
 */
function drawTrend(doc: Doc, c: TrendChart, x: number, y: number, w: number): void {
  setWeight(doc, true).fontSize(9).fillColor(INK);
  writeText(doc, fit(doc, c.title, w), x, y, { width: w, lineBreak: false });
  const pts = c.points;
  const top = y + 16;
  const axisH = 12;
  const bandH = (CHART_H - 16 - axisH) / Math.max(1, c.series.length);
  const step = pts.length > 1 ? (w - 54) / (pts.length - 1) : 0;
  const px = (i: number) => x + 30 + (pts.length > 1 ? i * step : (w - 40) / 2);
  c.series.forEach((s, si) => {
    const color = SERIES[si % SERIES.length];
    const bandTop = top + si * bandH;
    const vals = pts.map((p) => p.values[s.key] ?? null);
    const known = vals.filter((v): v is number => v !== null);
    const max = Math.max(1e-9, ...known);
    const py = (v: number) => bandTop + bandH - 4 - (v / max) * (bandH - 18);
    setWeight(doc).fontSize(7).fillColor(color);
    writeText(doc, pdfText(`${s.label}${s.unit ? ` (${s.unit})` : ""}`), x, bandTop, { width: w, lineBreak: false });
    doc.moveTo(x + 24, bandTop + bandH - 4).lineTo(x + w, bandTop + bandH - 4).lineWidth(0.3).strokeColor(RULE).stroke();
    let started = false;
    vals.forEach((v, i) => {
      if (v === null) return;
      if (!started) doc.moveTo(px(i), py(v));
      else doc.lineTo(px(i), py(v));
      started = true;
    });
    if (started && known.length > 1) doc.lineWidth(1.4).strokeColor(color).stroke();
    vals.forEach((v, i) => {
      if (v === null) return;
      doc.circle(px(i), py(v), 2).fill(color);
      setWeight(doc).fontSize(6.5).fillColor(color).text(fmt(v, 1), px(i) - 18, py(v) - 9, { width: 36, align: "center", lineBreak: false });
    });
  });
  const axisY = top + bandH * Math.max(1, c.series.length);
  pts.forEach((p, i) => {
    setWeight(doc).fontSize(7).fillColor(INK);
    writeText(doc, pdfText(p.x), px(i) - 20, axisY + 2, { width: 40, align: "center", lineBreak: false });
  });
}

function drawCharts(doc: Doc, charts: ReportChart[]): void {
  const gap = 18;
  const w = (contentWidth(doc) - gap) / 2;
  for (let i = 0; i < charts.length; i += 2) {
    ensureSpace(doc, CHART_H + 10);
    const y = doc.y;
    charts.slice(i, i + 2).forEach((c, j) => {
      const x = MARGIN + j * (w + gap);
      if (c.type === "bars") drawBars(doc, c, x, y, w);
      else drawTrend(doc, c, x, y, w);
    });
    doc.x = MARGIN;
    doc.y = y + CHART_H + 10;
  }
}

function footer(doc: Doc, r: Report): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would otherwise start a new page.
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - FOOTER_H + 12;
    doc.moveTo(MARGIN, y - 4).lineTo(doc.page.width - MARGIN, y - 4).lineWidth(0.4).strokeColor(RULE).stroke();
    setWeight(doc).fontSize(7.5).fillColor(MUTED);
    writeText(
      doc,
      fit(doc, `Data: ${r.licence.attribution}, licensed ${r.licence.name} (${r.licence.url}). Numbers as of ${r.generatedAt.slice(0, 10)}.`, contentWidth(doc) - 70),
      MARGIN, y, { width: contentWidth(doc) - 70, lineBreak: false },
    );
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, doc.page.width - MARGIN - 70, y, { width: 70, align: "right", lineBreak: false });
    doc.page.margins.bottom = saved;
  }
}

const KIND_NAMES: Record<Report["kind"], string> = {
  vm: "VM comparison",
  "side-by-side": "Side-by-side comparison",
  private: "Private comparison",
  workload: "Workload profile",
};

function metricsTable(doc: Doc, r: Report): void {
  const multi = r.subjects.length > 1;
  const hasValue = r.metrics.some((m) => m.value !== null || m.valueUnknown);
  const hasBaseline = r.baseline !== null;
  const columns: Column[] = [
    ...(multi ? [{ title: "VM", width: 90 }] : []),
    { title: "Metric", width: 80 },
    ...(hasValue ? [{ title: "Value", width: 50, align: "right" as const }, { title: "Pctl", width: 40, align: "right" as const }] : []),
    { title: "Median", width: 50, align: "right" },
    { title: "P25", width: 45, align: "right" },
    { title: "P75", width: 45, align: "right" },
    ...(hasValue ? [] : [{ title: "Min", width: 45, align: "right" as const }, { title: "Max", width: 45, align: "right" as const }]),
    { title: "n", width: r.metrics.some((m) => m.nUnknown) ? 85 : 40, align: "right" },
    ...(hasBaseline ? [{ title: "vs baseline", width: 95 }] : []),
  ];
  const rows = r.metrics.map((m) => [
    ...(multi ? [m.subject] : []),
    m.unit ? `${m.label} (${m.unit})` : m.label,
    ...(hasValue ? [m.valueUnknown ? "unknown" : fmt(m.value), m.percentile === null ? "-" : fmt(m.percentile, 0)] : []),
    fmt(m.median),
    fmt(m.p25),
    fmt(m.p75),
    ...(hasValue ? [] : [fmt(m.min), fmt(m.max)]),
    // Peers left out for an unknown value are said, not silently dropped: "38 (2 unknown)".
    m.nUnknown ? `${fmt(m.n, 0)} (${fmt(m.nUnknown, 0)} unknown)` : fmt(m.n, 0),
    ...(hasBaseline ? [m.subject === r.baseline ? "baseline" : m.baseline?.text ?? "-"] : []),
  ]);
  table(doc, columns, rows);
}

/** Renders the report as a PDF; resolves with the whole file. */
export function reportPdf(r: Report, opts: { baseUrl?: string } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: A4,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: pdfText(`vmcompare: ${r.title}`),
      Author: "vmcompare",
      Subject: KIND_NAMES[r.kind],
      CreationDate: new Date(r.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  setWeight(doc).fontSize(9).fillColor(ACCENT).text(`vmcompare - ${KIND_NAMES[r.kind]}`, MARGIN, MARGIN);
  doc.moveDown(0.2);
  setWeight(doc, true).fontSize(20).fillColor(INK);
  writeText(doc, pdfText(r.title), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  paragraph(doc, `Report date: ${r.generatedAt.slice(0, 10)} (numbers frozen as of ${r.generatedAt.replace("T", " ").slice(0, 16)} UTC)`, { size: 9, color: MUTED });
  if (r.url) paragraph(doc, `Live page: ${opts.baseUrl ? new URL(r.url, opts.baseUrl).toString() : r.url}`, { size: 9, color: MUTED });
  if (r.summary) paragraph(doc, r.summary);

  heading(doc, "Peer group");
  for (const s of r.subjects) {
    const line = s.peerGroup ? `${s.peerGroup.description} - rule "${s.peerGroup.rule}", n = ${s.peerGroup.n}` : "No peer group";
    paragraph(doc, r.subjects.length > 1 ? `${s.label}${s.isBaseline ? " (baseline)" : ""}: ${line}` : line);
  }
  if (r.subjects.length === 0) paragraph(doc, peerGroupLine(r));

  const withFacts = r.subjects.filter((s) => s.facts.length);
  if (withFacts.length) {
    heading(doc, r.subjects.length > 1 ? "Configurations" : "Configuration");
    for (const s of withFacts) {
      if (r.subjects.length > 1) paragraph(doc, s.label, { bold: true });
      paragraph(doc, s.facts.map((f) => `${f.label}: ${f.value}`).join("   |   "), { size: 9 });
    }
  }

  heading(doc, "Metrics");
  metricsTable(doc, r);

  heading(doc, r.kind === "workload" ? "What most admins do" : "Findings");
  if (r.findings.length === 0) paragraph(doc, "Nothing stands out from the peer group.", { color: MUTED });
  for (const f of r.findings) bullet(doc, f.text, f.severity === "notable" ? "!" : "\u2022", f.severity === "notable" ? HIGHLIGHT : INK);

  if (r.kind !== "workload") {
    heading(doc, "Configuration checks");
    if (r.checks.length === 0) paragraph(doc, "No check raised anything.", { color: MUTED });
    for (const c of r.checks) {
      bullet(doc, `[${c.severity}] ${c.title}: ${c.text}${c.action ? ` ${c.action}` : ""}${c.source ? ` (Source: ${c.source})` : ""}`);
    }
  }

  if (r.notes.length) {
    heading(doc, "Notes");
    for (const n of r.notes) bullet(doc, n);
  }

  if (r.charts.length) {
    heading(doc, "Charts");
    if (r.charts.some((c) => c.type === "bars" && c.bars.some((b) => b.highlight))) {
      paragraph(doc, "Bars count peer VMs; the amber bar holds the compared VM's own value.", { size: 8.5, color: MUTED });
    }
    drawCharts(doc, r.charts);
  }

  heading(doc, "Licence");
  paragraph(
    doc,
    `The data in this report comes from configurations published by ${r.licence.attribution} and is licensed ${r.licence.name} (${r.licence.url}). ` +
      "You may share and adapt it with attribution.",
    { size: 9 },
  );

  footer(doc, r);
  doc.end();
  return done;
}

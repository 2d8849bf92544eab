import PDFDocument from "pdfkit";
import type { DistributionBin } from "@/lib/compare/estate-report";
import type { EstatePdfInput } from "./estate-pdf-input";
import { totalsTable, type Cell } from "./estate-tables";
import { pdfText } from "./pdf";
import { setWeight, textWidth, writeText } from "./pdf-fonts";

/**
 * The estate report as a printable PDF: totals, the estate's vCPU and memory distributions drawn over the
 * community's as vector bar charts, reclaimable capacity and the flagged VMs. Names are the uploader's own and
 * exist only in the file they download; the full table of every VM is in the XLSX.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const INK = "#17202b";
const MUTED = "#5b6675";
const RULE = "#dde2e8";
const ESTATE = "#1f6feb";
const COMMUNITY = "#9aa5b1";
/** Rows of the reclaimable and flagged tables; the rest is in the XLSX. */
export const PDF_TABLE_ROWS = 40;

type Doc = PDFKit.PDFDocument;
const width = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottom = (doc: Doc) => doc.page.height - MARGIN - 20;

function ensure(doc: Doc, h: number): void {
  if (doc.y + h > bottom(doc)) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

function heading(doc: Doc, text: string): void {
  ensure(doc, 60);
  doc.moveDown(0.8);
  setWeight(doc, true).fontSize(13).fillColor(INK);
  writeText(doc, text, MARGIN, doc.y);
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, opts: { size?: number; color?: string } = {}): void {
  setWeight(doc).fontSize(opts.size ?? 10).fillColor(opts.color ?? INK);
  ensure(doc, 14);
  writeText(doc, pdfText(text), MARGIN, doc.y, { width: width(doc) });
}

function fit(doc: Doc, text: string, w: number): string {
  const t = pdfText(text);
  if (textWidth(doc, t) <= w) return t;
  const chars = Array.from(t);
  let lo = 0, hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(doc, chars.slice(0, mid).join("") + "…") <= w) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join("") + "…";
}

const cellText = (c: Cell) => (c === null ? "-" : typeof c === "number" ? c.toLocaleString("en-US", { maximumFractionDigits: 1 }) : c);

/** A table with a bold header; `widths` are shares of the text width; numbers right-aligned. */
function table(doc: Doc, header: string[], rows: Cell[][], widths: number[]): void {
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => (w / total) * width(doc));
  const rowH = 13;
  const drawRow = (cells: Cell[], bold: boolean) => {
    ensure(doc, rowH + 2);
    const y = doc.y;
    let x = MARGIN;
    setWeight(doc, bold).fontSize(8).fillColor(bold ? INK : INK);
    cells.forEach((c, i) => {
      const t = fit(doc, cellText(c), cols[i] - 6);
      const numeric = typeof c === "number";
      writeText(doc, t, numeric ? x + cols[i] - 4 - textWidth(doc, t) : x + 2, y + 2, { lineBreak: false });
      x += cols[i];
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + width(doc), y + rowH).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.x = MARGIN;
    doc.y = y + rowH;
  };
  drawRow(header, true);
  for (const r of rows) drawRow(r, false);
  doc.moveDown(0.3);
}

/**
 * Grouped bars: for each bin, the estate's share of its VMs beside the community's share, on one scale, with
 * the bin labels under the bars and a legend. Vector paths only.
 */
function distributionChart(doc: Doc, title: string, bins: readonly DistributionBin[]): void {
  const chartH = 150;
  ensure(doc, chartH + 70);
  setWeight(doc, true).fontSize(10).fillColor(INK);
  writeText(doc, title, MARGIN, doc.y);
  doc.moveDown(0.2);
  // Legend
  const ly = doc.y + 2;
  doc.rect(MARGIN, ly, 8, 8).fill(ESTATE);
  setWeight(doc).fontSize(8).fillColor(INK);
  writeText(doc, "This estate (% of its VMs)", MARGIN + 12, ly, { lineBreak: false });
  doc.rect(MARGIN + 150, ly, 8, 8).fill(COMMUNITY);
  setWeight(doc).fontSize(8).fillColor(INK);
  writeText(doc, "Community (% of published VMs)", MARGIN + 162, ly, { lineBreak: false });
  const top = ly + 16;
  const axisX = MARGIN + 28;
  const plotW = width(doc) - 28;
  const max = Math.max(1, ...bins.flatMap((b) => [b.estatePct, b.communityPct]));
  const scaleMax = Math.ceil(max / 10) * 10;
  // Grid lines and y labels
  setWeight(doc).fontSize(7).fillColor(MUTED);
  for (let v = 0; v <= scaleMax; v += scaleMax / 5) {
    const y = top + chartH - (v / scaleMax) * chartH;
    doc.moveTo(axisX, y).lineTo(axisX + plotW, y).lineWidth(0.4).strokeColor(RULE).stroke();
    setWeight(doc).fontSize(7).fillColor(MUTED);
    writeText(doc, `${Math.round(v)}%`, MARGIN, y - 3, { lineBreak: false, width: 24, align: "right" });
  }
  const slot = plotW / Math.max(1, bins.length);
  const barW = Math.max(2, Math.min(18, (slot - 6) / 2));
  bins.forEach((b, i) => {
    const x0 = axisX + i * slot + (slot - barW * 2 - 1) / 2;
    const he = (b.estatePct / scaleMax) * chartH;
    const hc = (b.communityPct / scaleMax) * chartH;
    if (he > 0) doc.rect(x0, top + chartH - he, barW, he).fill(ESTATE);
    if (hc > 0) doc.rect(x0 + barW + 1, top + chartH - hc, barW, hc).fill(COMMUNITY);
    setWeight(doc).fontSize(7).fillColor(INK);
    const label = fit(doc, b.label, slot - 2);
    writeText(doc, label, axisX + i * slot + (slot - textWidth(doc, label)) / 2, top + chartH + 3, { lineBreak: false });
  });
  doc.moveTo(axisX, top + chartH).lineTo(axisX + plotW, top + chartH).lineWidth(0.8).strokeColor(INK).stroke();
  doc.x = MARGIN;
  doc.y = top + chartH + 16;
  setWeight(doc).fontSize(8).fillColor(MUTED);
  writeText(doc, bins.map((b) => `${b.label}: ${b.estate} VMs (${b.estatePct}%) vs ${b.communityPct}%`).join("; "), MARGIN, doc.y, { width: width(doc) });
}

/** Renders the estate report as a PDF; resolves with the whole file. */
export function estatePdf(r: EstatePdfInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: A4,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: "vmcompare: estate report", Author: "vmcompare", CreationDate: new Date(r.generatedAt) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const t = r.totals;

  setWeight(doc).fontSize(9).fillColor(ESTATE).text("vmcompare - estate report", MARGIN, MARGIN);
  doc.moveDown(0.2);
  setWeight(doc, true).fontSize(20).fillColor(INK);
  writeText(doc, "Your estate against the community", MARGIN, doc.y, { width: width(doc) });
  doc.moveDown(0.2);
  paragraph(doc, `${t.vms.toLocaleString("en-US")} VMs compared with ${t.communityVms.toLocaleString("en-US")} published VMs, ${r.generatedAt.replace("T", " ").slice(0, 16)} UTC. ` +
    `${r.source === "upload" ? "Made from an upload: nothing of it was stored." : "Made from an estate's published VMs."}`, { size: 9, color: MUTED });
  for (const p of r.problems.slice(0, 10)) paragraph(doc, `Note: ${p}`, { size: 9, color: MUTED });

  heading(doc, "Totals");
  const totals = totalsTable(r);
  table(doc, totals.header, totals.rows, [3, 1]);

  heading(doc, "Sizes against the community");
  distributionChart(doc, "vCPUs per VM", t.vcpuDistribution);
  doc.moveDown(0.8);
  distributionChart(doc, "Memory per VM", t.memoryDistribution);

  heading(doc, "Reclaimable capacity");
  paragraph(doc, `${t.reclaimVcpus} vCPUs and ${t.reclaimGiB} GiB of memory, down to a size whose use would stay at or under ${r.thresholds.targetPct}%.`);
  const reclaim = r.rows.filter((x) => x.reclaimVcpus > 0 || x.reclaimGiB > 0)
    .sort((a, b) => b.reclaimVcpus - a.reclaimVcpus || b.reclaimGiB - a.reclaimGiB || a.label.localeCompare(b.label));
  if (reclaim.length > 0) {
    table(doc, ["Rank", "VM", "Application", "vCPUs", "Reclaim vCPUs", "Memory GiB", "Reclaim GiB"],
      reclaim.slice(0, PDF_TABLE_ROWS).map((x, i) => [i + 1, x.label, x.app, x.vcpus, x.reclaimVcpus, x.memoryGiB, x.reclaimGiB]), [0.6, 2.6, 1.8, 0.8, 1.4, 1.3, 1.3]);
    if (reclaim.length > PDF_TABLE_ROWS) paragraph(doc, `… and ${reclaim.length - PDF_TABLE_ROWS} more in the XLSX.`, { size: 8, color: MUTED });
  }

  heading(doc, "Flagged VMs");
  paragraph(doc, `${t.flagged.oversized} oversized against peers and own use; ${t.flagged.undersized} undersized.`, { size: 9 });
  const flagged = r.rows.filter((x) => x.flags.length > 0);
  if (flagged.length > 0) {
    table(doc, ["VM", "Application", "vCPUs", "Memory GiB", "CPU %", "Flags"],
      flagged.slice(0, PDF_TABLE_ROWS).map((x) => [x.label, x.app, x.vcpus, x.memoryGiB, x.cpu?.value ?? null, x.flags.join(", ")]), [3, 2.2, 0.8, 1.3, 0.8, 1.4]);
    if (flagged.length > PDF_TABLE_ROWS) paragraph(doc, `… and ${flagged.length - PDF_TABLE_ROWS} more in the XLSX.`, { size: 8, color: MUTED });
  }

  heading(doc, "Configuration checks");
  paragraph(doc, `${t.legacyNicVms} VMs with a legacy (emulated) NIC; ${t.unsupportedGuestVms} with a guest OS past its support.`, { size: 9 });
  if (t.checks.length > 0) table(doc, ["Check", "VMs"], t.checks.map((c) => [c.checkId, c.vms]), [4, 1]);

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    setWeight(doc).fontSize(7).fillColor(MUTED);
    doc.text(`vmcompare estate report - page ${i + 1} of ${pages.count}`, MARGIN, doc.page.height - MARGIN, { lineBreak: false });
  }
  doc.end();
  return done;
}

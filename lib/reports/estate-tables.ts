import type { EstateReport, EstateRow } from "@/lib/compare/estate-report";

/**
 * The estate report's views as plain tables (header + rows of numbers and text), shared by the CSV and XLSX
 * writers and the page. Unknown is an empty cell, never 0. Names are the uploader's own and go only into the
 * file they download.
 */
export type Cell = string | number | null;
export interface Table {
  name: string;
  header: string[];
  rows: Cell[][];
}

const statText = (u: EstateRow["cpu"]) => (u ? (u.statistic === "sample" ? "sample" : `${u.statistic} ${u.window ?? ""}`.trim()) : null);

export function vmTable(r: EstateReport): Table {
  return {
    name: "VMs",
    header: [
      "VM", "Application", "Peer group", "Peers", "vCPUs", "vCPU percentile", "Peer median vCPUs", "Memory GiB", "Memory percentile",
      "Peer median memory GiB", "Disk GiB", "Guest OS", "CPU %", "CPU statistic", "CPU percentile", "Active memory %", "Memory statistic",
      "Memory use percentile", "Flags", "Reclaimable vCPUs", "Reclaimable GiB", "Legacy NIC", "Checks", "Evidence",
    ],
    rows: r.rows.map((x) => [
      x.label, x.app, x.peerGroup, x.peers, x.vcpus, x.vcpusPercentile, x.peerMedianVcpus, x.memoryGiB, x.memoryPercentile,
      x.peerMedianMemoryGiB, x.diskGiB, x.guest, x.cpu?.value ?? null, statText(x.cpu), x.cpu?.percentile ?? null,
      x.memory?.value ?? null, statText(x.memory), x.memory?.percentile ?? null, x.flags.join(", ") || null,
      x.reclaimVcpus, x.reclaimGiB, x.legacyNics ? "yes" : "no", x.checks.join(", ") || null, x.evidence.join("; ") || null,
    ]),
  };
}

export function reclaimTable(r: EstateReport): Table {
  const rows = r.rows.filter((x) => x.reclaimVcpus > 0 || x.reclaimGiB > 0)
    .sort((a, b) => b.reclaimVcpus - a.reclaimVcpus || b.reclaimGiB - a.reclaimGiB || a.label.localeCompare(b.label));
  return {
    name: "Reclaimable",
    header: ["Rank", "VM", "Application", "vCPUs", "Reclaimable vCPUs", "Memory GiB", "Reclaimable GiB", "Evidence"],
    rows: rows.map((x, i) => [i + 1, x.label, x.app, x.vcpus, x.reclaimVcpus, x.memoryGiB, x.reclaimGiB, x.evidence.join("; ")]),
  };
}

export function totalsTable(r: Pick<EstateReport, "totals">): Table {
  const t = r.totals;
  return {
    name: "Totals",
    header: ["Measure", "Value"],
    rows: [
      ["VMs", t.vms], ["vCPUs", t.vcpus], ["Memory GiB", t.memoryGiB], ["Disk GiB (known)", t.diskGiB],
      ["Median memory per vCPU GiB", t.medianMemoryPerVcpuGiB], ["VMs with usage figures", t.withUsage],
      ["Oversized against peers and own use", t.flagged.oversized], ["Undersized", t.flagged.undersized],
      ["Reclaimable vCPUs", t.reclaimVcpus], ["Reclaimable GiB", t.reclaimGiB],
      ["VMs with a legacy NIC", t.legacyNicVms], ["VMs with an unsupported guest OS", t.unsupportedGuestVms],
      ["Community VMs compared with", t.communityVms],
    ],
  };
}

export function distributionTable(r: EstateReport): Table {
  const t = r.totals;
  return {
    name: "Distribution",
    header: ["Dimension", "Bin", "Estate VMs", "Estate %", "Community VMs", "Community %"],
    rows: [
      ...t.vcpuDistribution.map((b) => ["vCPUs", b.label, b.estate, b.estatePct, b.community, b.communityPct]),
      ...t.memoryDistribution.map((b) => ["Memory", b.label, b.estate, b.estatePct, b.community, b.communityPct]),
    ],
  };
}

export function checksTable(r: EstateReport): Table {
  return { name: "Checks", header: ["Check", "VMs"], rows: r.totals.checks.map((c) => [c.checkId, c.vms]) };
}

export function estateTables(r: EstateReport): Table[] {
  return [vmTable(r), reclaimTable(r), totalsTable(r), distributionTable(r), checksTable(r)];
}

function csvCell(c: Cell): string {
  if (c === null) return "";
  if (typeof c === "number") return String(c);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it as text.
  const s = /^[=+\-@]/.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The VM table as CSV (RFC 4180, CRLF). */
export function estateCsv(r: EstateReport): string {
  const t = vmTable(r);
  return [t.header, ...t.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

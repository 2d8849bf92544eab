import { pdfText } from "./pdf-text.test-support";
import { describe, expect, it } from "vitest";
import { buildEstateReport, type EstateVm } from "@/lib/compare/estate-report";
import { applyPoint, emptyGroupStats } from "@/lib/compare/frequency";
import { estatePdf, PDF_TABLE_ROWS } from "./estate-pdf";
import { estatePdfInput, estatePdfInputSchema } from "./estate-pdf-input";

const vm = (label: string, vcpus: number, cpu: number | null): EstateVm => ({
  label, row: 1, tags: [], vcpus, memoryMiB: vcpus * 4096, totalDiskGiB: null, guestFamily: "windows", guestName: null,
  nicModels: ["e1000"], checks: [],
  utilization: cpu == null ? [] : [{ metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: cpu }],
});

function report(vms: EstateVm[]) {
  const all = emptyGroupStats();
  // The community: 30 VMs of 2 vCPUs / 8 GiB and 10 of 4 vCPUs / 16 GiB.
  for (let i = 0; i < 30; i++) applyPoint(all, { vcpus: 2, memoryMiB: 8192, totalDiskGiB: 50, diskCount: 1, nicCount: 1, hypervisor: null, guestOs: "windows", firmware: null, nicModels: [], year: 2026 }, 1);
  for (let i = 0; i < 10; i++) applyPoint(all, { vcpus: 4, memoryMiB: 16384, totalDiskGiB: 50, diskCount: 1, nicCount: 1, hypervisor: null, guestOs: "windows", firmware: null, nicModels: [], year: 2026 }, 1);
  return buildEstateReport({ vms, groups: new Map([["all", all], ["family:windows", all]]), usage: new Map(), source: "upload", now: new Date("2026-12-04T00:00:00Z") });
}

describe("estate report PDF", () => {
  it("re-reads as text with the totals, both distribution charts, reclaimable capacity and the flagged VM", async () => {
    const r = report([vm("sql-prod-01 <&>", 16, 3), vm("web 02 <&>", 2, null), vm("app-03", 2, 40)]);
    const buf = await estatePdf(estatePdfInputSchema.parse(JSON.parse(JSON.stringify(estatePdfInput(r)))));
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await pdfText(buf);
    expect(text).toContain("Your estate against the community");
    expect(text).toContain("3 VMs compared with 40 published VMs");
    expect(text).toContain("vCPUs per VM");
    expect(text).toContain("Memory per VM");
    expect(text).toContain("This estate (% of its VMs)");
    expect(text).toContain("Community (% of published VMs)");
    // The chart's numbers, stated under it, are the report's own bins.
    for (const b of r.totals.vcpuDistribution.filter((x) => x.estate > 0 || x.community > 0)) {
      expect(text).toContain(`${b.label}: ${b.estate} VMs (${b.estatePct}%) vs ${b.communityPct}%`);
    }
    expect(r.rows[0].flags).toEqual(["oversized"]);
    expect(text).toContain("sql-prod-01 <&>");
    expect(text).toMatch(new RegExp(`${r.totals.reclaimVcpus} vCPUs and ${r.totals.reclaimGiB} GiB`));
    expect(text).toContain("1 oversized against peers and own use; 0 undersized.");
    expect(text).toMatch(/page 1 of \d+/);
  });

  it("draws the charts as vector bars, and sends long tables to the XLSX", async () => {
    const many = Array.from({ length: PDF_TABLE_ROWS + 15 }, (_, i) => vm(`big-${i}`, 16, 2));
    const buf = await estatePdf(estatePdfInput(report(many)));
    const { text, pages } = await pdfText(buf);
    expect(text).toContain("… and 15 more in the XLSX.".replace("…", "")); // the ellipsis may come back as "..."
    expect(text).not.toContain(`big-${PDF_TABLE_ROWS + 14}`);
    expect(pages).toBeGreaterThan(1);
    // No raster images: the bars are paths (re ... f operators), the file holds no image XObject.
    expect(buf.toString("latin1")).not.toMatch(/\/Subtype\s*\/Image/);
  });
});

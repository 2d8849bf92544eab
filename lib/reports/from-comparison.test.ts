import { describe, expect, it } from "vitest";
import { privateReport, sideBySideReport, vmReport } from "./from-comparison";
import { reportJson } from "./json";
import { reportCsv } from "./csv";
import { reportSchema } from "./model";
import { comparison } from "./test-fixtures";

describe("vmReport", () => {
  const r = vmReport(comparison());
  it("carries values, percentiles, the peer group and the frozen date", () => {
    expect(reportSchema.parse(r)).toEqual(r);
    expect(r).toMatchObject({ kind: "vm", url: "/vms/abcd2345efgh", generatedAt: "2026-11-20T08:00:00.000Z", baseline: null });
    expect(r.subjects[0].peerGroup).toEqual({ rule: "app", description: "Published VMs tagged Microsoft SQL Server, any version (n = 10)", n: 10 });
    expect(r.metrics.find((m) => m.key === "memoryMiB")).toMatchObject({ value: 24, percentile: 85, median: 16, p25: 8, p75: 16, n: 10 });
    expect(r.checks[0]).toMatchObject({ id: "hardware-version", severity: "warning", source: "VMware KB 1003746" });
    expect(r.notes.join(" ")).toContain("too few to state findings");
  });
  it("highlights the histogram bar that holds the VM's value", () => {
    const mem = r.charts.find((c) => c.id === "histogram-abcd2345efgh-memoryMiB")!;
    expect(mem.type === "bars" && mem.bars.map((b) => b.highlight)).toEqual([false, true, false]);
    const disk = r.charts.find((c) => c.id.endsWith("totalDiskGiB"))!;
    expect(disk.type === "bars" && disk.bars.map((b) => b.highlight)).toEqual([true]);
  });
  it("refuses an unpublished configuration", () => {
    expect(() => vmReport(comparison(null))).toThrow(RangeError);
  });
});

describe("privateReport", () => {
  const c = comparison(null);
  it("holds nothing of the configuration beyond the chosen parts", () => {
    const r = privateReport(c, { values: false, configuration: false, checks: false });
    const json = reportJson(r);
    expect(r.url).toBeNull();
    expect(r.metrics.every((m) => m.value === null)).toBe(true);
    expect(r.metrics.find((m) => m.key === "memoryMiB")!.percentile).toBe(85);
    for (const secret of ["24 GiB", "e1000", "vmx-13", "Windows Server 2019", "7.0.3", "Old virtual hardware", "120"]) {
      expect(json).not.toContain(secret);
    }
    expect(r.charts.every((ch) => ch.type !== "bars" || ch.bars.every((b) => !b.highlight))).toBe(true);
  });
  it("includes the values when asked, still without the configuration details", () => {
    const r = privateReport(c, { values: true, configuration: false, checks: false });
    const json = reportJson(r);
    expect(r.metrics.find((m) => m.key === "memoryMiB")!.value).toBe(24);
    expect(r.findings.map((f) => f.id)).toEqual(["memoryMiB-high"]);
    expect(json).not.toContain("e1000");
    expect(json).not.toContain("vmx-13");
  });
  it("includes everything when every part is chosen", () => {
    const r = privateReport(c, { values: true, configuration: true, checks: true });
    expect(r.findings).toHaveLength(2);
    expect(r.checks).toHaveLength(1);
    expect(r.subjects[0].facts.find((f) => f.label === "Hardware version")?.value).toBe("vmx-13");
  });
});

describe("sideBySideReport", () => {
  const r = sideBySideReport([comparison("aaaa2345bbbb", 4, 16), comparison("cccc2345dddd", 8, 24)], "aaaa2345bbbb", { now: new Date("2026-11-21T00:00:00Z") });
  it("adds differences from the baseline to the other VMs' rows", () => {
    expect(r.baseline).toBe("aaaa2345bbbb");
    expect(r.subjects.map((s) => s.isBaseline)).toEqual([true, false]);
    const mem = r.metrics.find((m) => m.subject === "cccc2345dddd" && m.key === "memoryMiB")!;
    expect(mem.baseline).toEqual({ delta: 8, pct: 50, text: "+8 GiB (+50%)" });
    const cpu = r.metrics.find((m) => m.subject === "cccc2345dddd" && m.key === "vcpus")!;
    expect(cpu.baseline).toMatchObject({ delta: 4, text: "+4 vCPUs" });
    expect(r.metrics.filter((m) => m.subject === "aaaa2345bbbb").every((m) => m.baseline === null)).toBe(true);
    expect(r.url).toBe("/compare?ids=aaaa2345bbbb,cccc2345dddd&base=aaaa2345bbbb");
  });
  it("writes the relative columns into the CSV", () => {
    const lines = reportCsv(r).trim().split("\r\n");
    expect(lines[0]).toContain("baseline_delta");
    expect(lines.filter((l) => l.startsWith("metric,"))).toHaveLength(10);
    expect(lines).toHaveLength(1 + 10 + r.findings.length + r.checks.length);
  });
  it("has no relative columns without a baseline", () => {
    const nb = sideBySideReport([comparison("aaaa2345bbbb"), comparison("cccc2345dddd")], null);
    expect(nb.baseline).toBeNull();
    expect(reportCsv(nb)).not.toContain("baseline_delta");
  });
});

describe("a VM whose total disk is unknown", () => {
  // The fixture's VM with its disk size unknown and 3 of its peers without disk sizes.
  function unknownDisk() {
    const c = comparison();
    c.vm.config = { ...c.vm.config, disks: c.vm.config.disks.map((d) => ({ ...d, sizeGiB: null })), totalDiskGiB: null };
    c.metrics = c.metrics.map((m) => (m.key === "totalDiskGiB"
      ? { ...m, value: null, percentile: null, unknown: 3, note: "1 disk of unknown size: the total disk is unknown and not compared." }
      : m));
    return c;
  }

  it("writes empty or null, never 0, and says how many peers were left out", async () => {
    const r = vmReport(unknownDisk());
    expect(reportSchema.parse(r)).toEqual(r);
    const disk = r.metrics.find((m) => m.key === "totalDiskGiB")!;
    expect(disk).toMatchObject({ value: null, valueUnknown: true, percentile: null, nUnknown: 3 });
    expect(r.subjects[0].facts.find((f) => f.label === "Disks")!.value).toBe("1 (total size unknown)");
    const chart = r.charts.find((ch) => ch.id.endsWith("totalDiskGiB"))!;
    expect(chart.title).toBe("Total disk (GiB) - this VM: unknown");
    expect(chart.type === "bars" && chart.bars.every((b) => !b.highlight)).toBe(true);
    expect(r.notes.join(" ")).toContain("Total disk: 3 of the peers do not state it");

    const rows = (await import("papaparse")).default.parse<Record<string, string>>(reportCsv(r), { header: true, skipEmptyLines: true }).data;
    expect(rows.find((x) => x.metric === "totalDiskGiB")).toMatchObject({ value: "", percentile: "", n_unknown: "3" });
    expect(JSON.parse(reportJson(r)).metrics.find((m: { key: string }) => m.key === "totalDiskGiB").value).toBeNull();
    expect(reportJson(r)).not.toMatch(/(^|[^\d.])0 GiB/);
  });

  it("draws a PDF that says unknown", async () => {
    const { reportPdf } = await import("./pdf");
    const { pdfText } = await import("./pdf-text.test-support");
    const { text } = await pdfText(await reportPdf(vmReport(unknownDisk())));
    expect(text).toContain("unknown");
    expect(text).toMatch(/\(3 unknown\)/);
  });
});

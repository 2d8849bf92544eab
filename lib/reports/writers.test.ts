import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import Papa from "papaparse";
import { pdfText as readPdf } from "./pdf-text.test-support";
import { describe, expect, it } from "vitest";
import { reportCsv, CSV_COLUMNS } from "./csv";
import { workloadReport } from "./from-workload";
import { parseReport, reportJson } from "./json";
import { reportFileName, reportJsonSchema, type Report } from "./model";
import { pdfText, reportPdf } from "./pdf";
import { sqlApp, sqlStats } from "./test-fixtures";
import { summarizeWorkload } from "./workload";

const NOW = new Date("2026-11-25T10:30:00Z");
const workload = () => workloadReport(summarizeWorkload(sqlApp(), sqlStats()), { now: NOW });

/** A side-by-side report with a baseline, written by hand so every number is known. */
function sideBySide(): Report {
  const base = workload();
  const group = { rule: "app", description: "Published VMs tagged Microsoft SQL Server, any version (n = 10)", n: 10 };
  return {
    ...base,
    kind: "side-by-side",
    title: "2 VMs side by side",
    summary: null,
    url: "/compare?ids=aaaa,bbbb&base=aaaa",
    baseline: "aaaa",
    subjects: [
      { id: "aaaa", label: "VM aaaa", url: "/vms/aaaa", isBaseline: true, peerGroup: group, facts: [{ label: "Guest OS", value: "Windows" }] },
      { id: "bbbb", label: "VM bbbb", url: "/vms/bbbb", isBaseline: false, peerGroup: group, facts: [] },
    ],
    metrics: [
      { subject: "aaaa", key: "memoryMiB", label: "Memory", unit: "GiB", value: 16, percentile: 60, n: 10, min: 8, p25: 8, median: 16, p75: 16, max: 32, baseline: null },
      {
        subject: "bbbb", key: "memoryMiB", label: "Memory", unit: "GiB", value: 24, percentile: 80, n: 10, min: 8, p25: 8, median: 16, p75: 16, max: 32,
        baseline: { delta: 8, pct: 50, text: "+8 GiB (+50%)" },
      },
    ],
    findings: [{ id: "memoryMiB-high", subject: "bbbb", severity: "notable", text: "This VM has 24 GiB of memory; 8 of 10 peers have 16 GiB or less." }],
    checks: [{ id: "hardware-version", subject: "aaaa", severity: "warning", title: "Old virtual hardware", text: "vmx-08 is old.", action: "Upgrade it.", source: "VMware KB 1003746" }],
  };
}

describe("CSV", () => {
  it("has one row per metric with the peer statistics and rule", () => {
    const parsed = Papa.parse<Record<string, string>>(reportCsv(workload()), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    const metrics = parsed.data.filter((r) => r.row_type === "metric");
    expect(metrics).toHaveLength(5);
    // Findings and checks follow as their own rows, with severity and text.
    const others = parsed.data.filter((r) => r.row_type !== "metric");
    expect(others.length).toBe(workload().findings.length + workload().checks.length);
    for (const o of others) expect(o.text.length).toBeGreaterThan(0);
    const vcpus = metrics.find((r) => r.metric === "vcpus")!;
    expect(vcpus).toMatchObject({ value: "", percentile: "", peer_median: "4", peer_p25: "4", peer_p75: "8", n: "10", peer_rule: "workload", report_date: "2026-11-25" });
    expect(vcpus.peer_group).toBe("Published VMs tagged Microsoft SQL Server (n = 10)");
    expect(parsed.data.find((r) => r.metric === "memoryMiB")).toMatchObject({ unit: "GiB", peer_median: "16", peer_max: "32" });
  });

  it("lists findings and configuration checks as their own rows", () => {
    const r = {
      ...workload(),
      findings: [{ id: "vcpus-low", subject: null, severity: "notable" as const, text: "This VM has 2 vCPUs; 8 of 10 peers have 4 or more." }],
      checks: [{ id: "layout-devices", subject: null, severity: "warning" as const, title: "Legacy NIC model", text: "NIC 1 is an e1000.", action: "Use vmxnet3.", source: "VMware KB 1001805" }],
    };
    const rows = Papa.parse<Record<string, string>>(reportCsv(r), { header: true, skipEmptyLines: true }).data;
    expect(rows.filter((x) => x.row_type === "metric")).toHaveLength(5);
    expect(rows.find((x) => x.row_type === "finding")).toMatchObject({ severity: "notable", text: "This VM has 2 vCPUs; 8 of 10 peers have 4 or more." });
    expect(rows.find((x) => x.row_type === "check")).toMatchObject({
      metric: "layout-devices", metric_label: "Legacy NIC model", severity: "warning",
      text: "NIC 1 is an e1000. What to do: Use vmxnet3. Source: VMware KB 1001805",
    });
  });

  it("adds baseline columns when a baseline is set, with formulas neutralised", () => {
    const parsed = Papa.parse<Record<string, string>>(reportCsv(sideBySide()), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toContain("baseline_delta");
    const b = parsed.data.find((r) => r.subject === "bbbb")!;
    expect(b).toMatchObject({ value: "24", percentile: "80", baseline: "VM aaaa", baseline_delta: "8", baseline_pct: "50", peer_rule: "app" });
    // A cell starting with "+" would run as a formula in a spreadsheet.
    expect(b.baseline_text).toBe("'+8 GiB (+50%)");
    expect(parsed.data.find((r) => r.subject === "aaaa")!.baseline_delta).toBe("");
  });
});

describe("JSON", () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(reportJsonSchema());

  it("validates against the published JSON Schema", () => {
    for (const r of [workload(), sideBySide()]) {
      const doc = JSON.parse(reportJson(r));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      expect(doc.$schema).toMatch(/schema\.json$/);
      expect(doc.schemaVersion).toBe(1);
    }
  });

  it("is rejected by the schema when a required field is missing or mistyped", () => {
    const doc = JSON.parse(reportJson(workload()));
    delete doc.licence;
    expect(validate(doc)).toBe(false);
    const doc2 = JSON.parse(reportJson(workload()));
    doc2.metrics[0].n = "ten";
    expect(validate(doc2)).toBe(false);
  });

  it("round-trips through parseReport", () => {
    const r = sideBySide();
    expect(parseReport(reportJson(r))).toEqual(r);
  });

  it("refuses to write a report that breaks the model", () => {
    expect(() => reportJson({ ...workload(), kind: "nope" } as unknown as Report)).toThrow();
  });
});

describe("PDF", () => {
  it("holds the title, peer group with n, metrics, findings, date and licence", async () => {
    const buf = await reportPdf(workload());
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const { text } = await readPdf(buf);
    expect(text).toContain("Microsoft SQL Server");
    expect(text).toContain("Workload profile");
    expect(text).toContain("Published VMs tagged Microsoft SQL Server (n = 10)");
    expect(text).toContain("Report date: 2026-11-25");
    expect(text).toContain("CC BY 4.0");
    expect(text).toContain("https://creativecommons.org/licenses/by/4.0/");
    expect(text).toContain("9 of 10 Microsoft SQL Server VMs (90%) use vmxnet3 NICs.");
    expect(text).toContain("Median size by contribution year");
    expect(text).toMatch(/vCPUs\s+4\s+4\s+8\s+2\s+16\s+10/);
  });

  it("draws the baseline column, checks and charts of a side-by-side report", async () => {
    const { text, pages } = await readPdf(await reportPdf(sideBySide()));
    expect(text).toContain("vs baseline".toUpperCase());
    expect(text).toContain("+8 GiB (+50%)");
    expect(text).toContain("[warning] Old virtual hardware");
    expect(text).toContain("VM aaaa (baseline)");
    expect(text).toMatch(/Page 1 of \d/);
    expect(pages).toBeGreaterThanOrEqual(1);
  });

  it("writes signs as plain text and leaves other scripts to the embedded fonts", () => {
    expect(pdfText("\u22121 disk \u2265 2 \u2192 ok \u4e2d")).toBe("-1 disk >= 2 -> ok \u4e2d");
  });

  it("prints Japanese text and emoji as themselves, in every place a report puts text", async () => {
    const r = sideBySide();
    const jp = "\u30c6\u30b9\u30c8\u74b0\u5883\u306e\u30b5\u30fc\u30d0\u30fc"; // テスト環境のサーバー
    const emoji = "\u{1F680}\u{1F525}";
    r.title = `SQL Server ${jp} ${emoji}`;
    r.findings = [{ ...r.findings[0], text: `${jp}: 8 vCPU ${emoji} \u2713` }];
    r.metrics = [{ ...r.metrics[0], label: `\u30e1\u30e2\u30ea` }]; // メモリ, in a table cell
    const buf = await reportPdf(r);
    const { text } = await readPdf(buf);
    expect(text).toContain(`SQL Server ${jp} ${emoji}`);
    expect(text).toContain(`${jp}: 8 vCPU ${emoji}`);
    expect(text).toContain("\u30e1\u30e2\u30ea");
    expect(text).not.toContain("???");
    // Both fonts are embedded (as subsets), not substituted.
    const raw = buf.toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Bold/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji/);
  });

  it("embeds no extra font in a report that is all Latin text, and marks a character no font has with ?", async () => {
    const plain = (await reportPdf(sideBySide())).toString("latin1");
    expect(plain).not.toContain("NotoSansJP");
    const r = sideBySide();
    r.title = "Linear B \u{10000} here";
    const { text } = await readPdf(await reportPdf(r));
    expect(text).toContain("Linear B ? here");
  });
});

describe("reportFileName", () => {
  it("is a slug with the kind and date", () => {
    expect(reportFileName(workload())).toBe("vmcompare-workload-microsoft-sql-server-2026-11-25");
  });
});

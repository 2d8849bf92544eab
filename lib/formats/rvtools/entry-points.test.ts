import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contributionsFromWorkbook, summarizeWorkbook } from "@/lib/contribute/bulk-import";
import { parseUpload } from "@/lib/estates/upload";
import { sampleSpec, writeCsvZip, writeWorkbook } from "./workbook-generator.test-support";

/**
 * Every place that takes a workbook accepts both styles and the per-tab CSV
 * zip: bulk import, estates (parseFile and detection), and the command line
 * (parse and redact). The redaction tool's own tests are in redact-styles.
 */
const spec = sampleSpec();
const inputs = {
  "OpenXML SDK xlsx": { name: "RVTools_export_all.xlsx", data: writeWorkbook(spec) },
  "Excel xlsx": { name: "RVTools_export_all.xlsx", data: writeWorkbook({ ...spec, style: "excel" }) },
  "per-tab CSV zip": { name: "RVTools_export_all.zip", data: writeCsvZip(spec, "RVTools_export_all/") },
};

describe("entry points take every workbook form", () => {
  for (const [label, input] of Object.entries(inputs)) {
    it(`${label}: bulk import summary and contributions, and an estate upload`, () => {
      const summary = summarizeWorkbook(input.name, input.data);
      expect(summary.vmCount).toBe(2);
      expect(summary.rows.map((r) => [r.name, r.vcpus, r.memoryMiB, r.diskGiB])).toEqual([["web-01", 2, 4096, 40], ["sql-01", 8, 65536, 600]]);
      const { contributions } = contributionsFromWorkbook(input.name, input.data, [{ kind: "all", slug: "generic-app", version: null }]);
      expect(contributions.map((c) => c.vm.totalDiskGiB)).toEqual([40, 600]);
      expect(contributions[1].vm.disks.map((d) => d.sizeGiB)).toEqual([null, null]);

      const upload = parseUpload([{ fileName: input.name, data: input.data }]);
      expect(upload.parsed.map((p) => p.vm.cpu.vcpus)).toEqual([2, 8]);
    });
  }
});

describe("command line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "vmc-rvtools-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const root = path.resolve(__dirname, "..", "..", "..");
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "lib/cli/main.ts", ...args], { cwd: root, encoding: "utf8", timeout: 90_000 });

  it("vmcompare parse reads an OpenXML SDK workbook, and vmcompare redact a per-tab CSV zip", () => {
    const xlsx = path.join(dir, "export.xlsx");
    writeFileSync(xlsx, inputs["OpenXML SDK xlsx"].data);
    const parsed = cli("parse", xlsx);
    expect(parsed.status).toBe(0);
    expect(JSON.parse(parsed.stdout).vms.map((v: { name: string; totalDiskGiB: number | null }) => [v.name, v.totalDiskGiB])).toEqual([["web-01", 40], ["sql-01", 600]]);

    const zip = path.join(dir, "export.zip");
    const out = path.join(dir, "redacted.zip");
    writeFileSync(zip, inputs["per-tab CSV zip"].data);
    const redacted = cli("redact", zip, out);
    expect(redacted.status).toBe(0);
    expect(redacted.stderr).toMatch(/redacted \d+ distinct values: vm 3/);
    const again = cli("parse", out);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).vms.map((v: { name: string }) => v.name)).toEqual(["vm-0001", "vm-0002"]);
    expect(readFileSync(out).includes(Buffer.from("web-01"))).toBe(false);
  });
});

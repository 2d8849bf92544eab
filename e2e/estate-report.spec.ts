import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { estateWorkbook, FLAGGED } from "../lib/reports/estate-workbook.test-support";

/**
 * The estate report in Chromium: 25 published Windows VMs with usage samples, then a 60-VM workbook with
 * usage columns uploaded on /estates/report. The known oversized VM is flagged in the table, the flag filter
 * finds it, and the XLSX download is read back with exceljs (an independent reader). Nothing is published
 * by the upload: the VM count of the site is the same before and after.
 */
const PEER_CPU = Array.from({ length: 25 }, (_, i) => 20 + i * 2);

test("an uploaded workbook gives every VM against its peers, with a flagged VM and an XLSX download", async ({ page, request }, info) => {
  test.setTimeout(180_000);
  for (const [i, cpu] of PEER_CPU.entries()) {
    const res = await request.post("/api/v1/vms", {
      data: {
        vm: {
          name: null, source: { format: "rvtools" }, hypervisor: { vendor: "vmware", product: "ESXi", version: "8.0" },
          hardwareVersion: "vmx-19", firmware: "efi", guestOs: { id: null, family: "windows", name: "Microsoft Windows Server 2022 (64-bit)" },
          cpu: { vcpus: i % 2 ? 4 : 2, coresPerSocket: 1 }, memoryMiB: 8192, nics: [], defaulted: [],
          // Each peer its own disk size: the same configuration twice would be refused as a duplicate.
          disks: [{ sizeGiB: 60 + i, bus: null, provisioning: null }], totalDiskGiB: 60 + i,
          utilization: [
            { metric: "cpu.usage.pct", statistic: "sample", window: null, source: "rvtools", value: cpu },
            { metric: "mem.active.pct", statistic: "sample", window: null, source: "rvtools", value: 40 + i },
          ],
        },
        tags: [{ slug: "mssql", version: null, primary: true }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const total = async () => ((await (await request.get("/api/v1/vms?size=1")).json()) as { total: number }).total;
  const before = await total();

  const file = info.outputPath("estate.xlsx");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, estateWorkbook(60));

  await page.goto("/estates/report");
  await expect(page.getByRole("heading", { level: 1, name: "Estate report" })).toBeVisible();
  await page.getByLabel("RVTools workbook or snapshot files").setInputFiles(file);
  await page.getByRole("button", { name: "Compare every VM" }).click();
  await expect(page.getByTestId("estate-report")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId("er-summary")).toContainText("60 VMs");

  await page.getByLabel("Flags").selectOption("oversized");
  const row = page.locator(`tr[data-vm="${FLAGGED.oversized}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("oversized");
  await page.getByLabel("Flags").selectOption("undersized");
  await expect(page.locator(`tr[data-vm="${FLAGGED.undersized}"]`)).toContainText("undersized");
  await page.getByLabel("Flags").selectOption("");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download XLSX" }).click()]);
  const saved = info.outputPath("report.xlsx");
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["VMs", "Reclaimable", "Totals", "Distribution", "Checks"]);
  const vms = wb.getWorksheet("VMs")!;
  const header = (vms.getRow(1).values as unknown[]).slice(1) as string[];
  const col = (name: string) => header.indexOf(name) + 1;
  expect(vms.rowCount).toBe(61);
  let flagged: ExcelJS.Row | null = null;
  vms.eachRow((r) => {
    if (r.getCell(col("VM")).value === FLAGGED.oversized) flagged = r;
  });
  expect(flagged).not.toBeNull();
  const f = flagged as unknown as ExcelJS.Row;
  expect(f.getCell(col("vCPUs")).value).toBe(16);
  expect(typeof f.getCell(col("vCPU percentile")).value).toBe("number");
  expect(f.getCell(col("CPU %")).value).toBe(4);
  expect(f.getCell(col("CPU percentile")).value).toBe(0); // 4% against peers' samples of 20% and more
  expect(f.getCell(col("Flags")).value).toBe("oversized");
  expect(f.getCell(col("Reclaimable vCPUs")).value).toBeGreaterThan(0);

  // The report published nothing.
  expect(await total()).toBe(before);
});

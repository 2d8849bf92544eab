import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import ExcelJS from "exceljs";
import fs from "node:fs";
import path from "node:path";
import { generateRvtoolsEnvironment, writeRvtoolsWorkbook } from "../bench/fixtures-gen/rvtools-workbook";

/**
 * The redact-workbook tool: upload a generated RVTools workbook, download the
 * redacted copy, and re-read it: same sheets and row counts, none of the
 * original identifying values.
 */
const SHOTS = process.env.E2E_SHOTS_DIR;
const ENV = generateRvtoolsEnvironment({ vms: 60, seed: 4242, templates: 2 });

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function allText(wb: ExcelJS.Workbook): string {
  const parts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => parts.push(String(c.value ?? "")))));
  return parts.join("\n").toLowerCase();
}

test("a workbook is redacted for sharing and downloaded, with nothing identifying left", async ({ page }, info) => {
  const input = info.outputPath("rvtools-export.xlsx");
  fs.mkdirSync(path.dirname(input), { recursive: true });
  fs.writeFileSync(input, await writeRvtoolsWorkbook(ENV));
  const vmsBefore = ((await (await page.request.get("/api/health")).json()) as { vms: number }).vms;

  await page.goto("/tools/redact-workbook");
  await expect(page.getByRole("heading", { level: 1, name: "Redact an RVTools workbook" })).toBeVisible();
  await page.getByLabel("RVTools workbook").setInputFiles(input);
  await page.getByRole("button", { name: "Redact workbook" }).click();
  await expect(page.getByRole("heading", { name: "Redacted workbook ready" })).toBeVisible();
  const summary = page.getByTestId("redaction-summary");
  await expect(summary.locator("tr", { hasText: "VM names" })).toContainText(String(ENV.vms.length));
  await expect(summary.locator("tr", { hasText: "MAC addresses" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "redact-workbook.png"), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download rvtools-redacted\.xlsx/ }).click()]);
  expect(download.suggestedFilename()).toBe("rvtools-redacted.xlsx");
  const output = info.outputPath("redacted.xlsx");
  await download.saveAs(output);

  const [before, after] = [await readBook(input), await readBook(output)];
  expect(after.worksheets.map((w) => [w.name, w.actualRowCount])).toEqual(before.worksheets.map((w) => [w.name, w.actualRowCount]));
  const text = allText(after);
  const originals = new Set<string>([ENV.vcenter, ENV.vcenterUuid]);
  for (const vm of ENV.vms) {
    for (const v of [vm.name, vm.uuid, vm.smbiosUuid, vm.dnsName, vm.primaryIp, vm.host, vm.path]) if (v) originals.add(v);
    for (const n of vm.nics) [n.mac, n.ipv4, n.network].forEach((v) => originals.add(v));
    for (const d of vm.disks) [d.uuid, d.path].forEach((v) => originals.add(v));
  }
  expect([...originals].filter((v) => text.includes(v.toLowerCase()))).toEqual([]);
  // Nothing was stored or published.
  expect(((await (await page.request.get("/api/health")).json()) as { vms: number }).vms).toBe(vmsBefore);
});

test("the redact tool explains a file it cannot read", async ({ page }, info) => {
  const bad = info.outputPath("not-a-workbook.xlsx");
  fs.mkdirSync(path.dirname(bad), { recursive: true });
  fs.writeFileSync(bad, "this is not a zip file");
  await page.goto("/tools/redact-workbook");
  await page.getByLabel("RVTools workbook").setInputFiles(bad);
  await page.getByRole("button", { name: "Redact workbook" }).click();
  await expect(page.locator(".field-error")).toContainText("not an RVTools workbook or CSV export");
  await expect(page.getByLabel("RVTools workbook")).toHaveAttribute("aria-invalid", "true");
});

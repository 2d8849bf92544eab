import { expect, test } from "@playwright/test";
import { clickDownload, csvRows, pdfText } from "./report-helpers";

// A VM page's own export buttons: each format downloads, and the VM's
// configuration checks shown on the page are in its CSV and PDF report.
test("a VM page's checks appear on the page and in its CSV, JSON and PDF report", async ({ page, request }) => {
  // VMware VMs with a legacy e1000 NIC: the layout check warns about them.
  const list = await request.get("/api/v1/vms?vendor=vmware&nic=e1000&size=25");
  expect(list.status()).toBe(200);
  const { rows } = await list.json();
  expect(rows.length).toBeGreaterThan(0);
  const id: string = rows[0].id;

  await page.goto(`/vms/${id}`);
  const checks = page.locator("section", { has: page.getByRole("heading", { name: "Checks", exact: true }) });
  await expect(checks).toBeVisible();
  const title = (await checks.locator("strong").first().textContent())!.trim();
  expect(title.length).toBeGreaterThan(3);

  const buttons = page.locator("#export [data-testid='export-buttons']");
  await expect(buttons).toHaveAttribute("data-ready", "true");

  const csv = csvRows((await clickDownload(page, "#export a[data-format='csv']")).body.toString("utf8"));
  expect(csv.filter((r) => r.row_type === "metric").map((r) => r.metric)).toEqual(["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"]);
  expect(csv.filter((r) => r.row_type === "check").map((r) => r.metric_label)).toContain(title);

  const json = JSON.parse((await clickDownload(page, "#export a[data-format='json']")).body.toString("utf8"));
  expect(json.kind).toBe("vm");
  expect(json.checks.map((c: { title: string }) => c.title)).toContain(title);

  const text = (await pdfText((await clickDownload(page, "#export a[data-format='pdf']")).body)).replace(/\s+/g, " ");
  expect(text).toContain("Configuration checks");
  expect(text).toContain(title.replace(/\s+/g, " "));
  expect(text).toContain("CC BY 4.0");
});

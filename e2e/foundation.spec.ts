import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

test("landing -> browse -> open a VM", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("same workload");
  // The demo data (other specs may have added VMs since).
  const total = Number((await page.getByTestId("total-vms").textContent())!.replace(/,/g, ""));
  expect(total).toBeGreaterThanOrEqual(5000);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Browse", "Compare", "Workloads", "Contribute", "Data"]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Browse" }).click();
  await expect(page).toHaveURL(/\/vms/);
  const firstVm = page.locator("table a[href^='/vms/']").first();
  await expect(firstVm).toBeVisible();
  const appName = (await firstVm.textContent())!.trim();
  await firstVm.click();
  await expect(page).toHaveURL(/\/vms\/[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(appName.replace(/ [\d.]+$/, ""));
  await expect(page.getByRole("heading", { name: "Configuration" })).toBeVisible();
  await expect(page.getByText("vCPUs", { exact: true }).first()).toBeVisible();
});

test("health reports the embedded database and the VM count", async ({ request }) => {
  const r = await request.get("/api/health");
  expect(r.status()).toBe(200);
  const body = await r.json();
  expect(body).toMatchObject({ status: "ok", database: "pglite" });
  expect(body.vms).toBeGreaterThanOrEqual(5000);
});

test("unknown pages and VMs get the not-found page", async ({ page }) => {
  const r = await page.goto("/vms/doesnotexist");
  expect(r?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("the landing page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the site has a favicon and app icons, linked from every page", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  await page.goto("/vms");
  const icon = await page.locator("link[rel='icon'][type='image/svg+xml']").getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await request.get(icon!)).status()).toBe(200);
  const apple = await page.locator("link[rel='apple-touch-icon']").getAttribute("href");
  expect((await request.get(apple!)).status()).toBe(200);
});

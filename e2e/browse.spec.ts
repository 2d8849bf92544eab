import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import Papa from "papaparse";
import fs from "node:fs";

/**
 * The browse table against the demo data set: everything asserted by reading
 * what is on screen (cells, counts, the URL), not by trusting the code.
 */

const table = (page: Page) => page.getByTestId("vm-table");

async function columnTexts(page: Page, col: string): Promise<string[]> {
  return table(page).locator(`tbody td[data-col="${col}"]`).allInnerTexts();
}

async function columnNumbers(page: Page, col: string): Promise<number[]> {
  return (await columnTexts(page, col)).map((t) => Number(t.replace(/,/g, "")));
}

async function total(page: Page): Promise<number> {
  return Number((await page.getByTestId("total").innerText()).replace(/[,+]/g, ""));
}

function facetCount(page: Page, facet: string, value: string) {
  return page.locator(`label[data-facet="${facet}"][data-value="${value}"] [data-testid="facet-count"]`);
}

/** Opens a browse URL and waits until the table is interactive (hydrated). */
async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await facetsReady(page);
}

/** Facet counts stream in after the rows; wait for the current ones. */
async function facetsReady(page: Page) {
  await expect(page.locator('[data-facets="ready"]')).toHaveCount(1);
}

const isSorted = (xs: number[], dir: "asc" | "desc") => xs.every((x, i) => i === 0 || (dir === "asc" ? xs[i - 1] <= x : xs[i - 1] >= x));

test.beforeEach(async ({ page }) => {
  // Selection is kept per tab in sessionStorage; start every test without one.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem("e2e-init")) {
      sessionStorage.clear();
      sessionStorage.setItem("e2e-init", "1");
    }
  });
});

test("filters, sorts and pages on the server through the URL", async ({ page }) => {
  await open(page, "/vms?vendor=vmware&vcpus=%3E%3D4&sort=memory&dir=asc&cols=app,vcpus,memory,hypervisor");
  await expect(page.getByTestId("total")).not.toHaveText("0");
  const vcpus = await columnNumbers(page, "vcpus");
  expect(vcpus).toHaveLength(25);
  expect(vcpus.every((v) => v >= 4)).toBe(true);
  expect((await columnTexts(page, "hypervisor")).every((h) => /^VMware/.test(h))).toBe(true);
  const mem1 = await columnNumbers(page, "memory");
  expect(isSorted(mem1, "asc")).toBe(true);
  await expect(page.locator('th[data-col="memory"]')).toHaveAttribute("aria-sort", "ascending");

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  const mem2 = await columnNumbers(page, "memory");
  expect(isSorted(mem2, "asc")).toBe(true);
  expect(mem2[0]).toBeGreaterThanOrEqual(mem1[mem1.length - 1]);
  expect((await columnNumbers(page, "vcpus")).every((v) => v >= 4)).toBe(true);

  // A header click sorts on the server: biggest first, then flipped.
  await page.locator('th[data-col="vcpus"] button').click();
  await expect(page).toHaveURL(/sort=vcpus/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(page.locator('th[data-col="vcpus"]')).toHaveAttribute("aria-sort", "descending");
  expect(isSorted(await columnNumbers(page, "vcpus"), "desc")).toBe(true);
  await page.locator('th[data-col="vcpus"] button').click();
  await expect(page).toHaveURL(/dir=asc/);
  await expect(page.locator('th[data-col="vcpus"]')).toHaveAttribute("aria-sort", "ascending");
  const asc = await columnNumbers(page, "vcpus");
  expect(isSorted(asc, "asc")).toBe(true);
  expect(asc[0]).toBe(4);
});

test("typed size filters apply, and a bad one is explained beside its field", async ({ page }) => {
  await open(page, "/vms");
  const input = page.getByRole("textbox", { name: "vCPUs", exact: true });
  await input.fill("2..4");
  await input.press("Enter");
  await expect(page).toHaveURL(/vcpus=2\.\.4/);
  await expect(input).toHaveValue("2..4");
  // The previous rows stay on screen until the new ones arrive.
  await expect.poll(async () => {
    const vcpus = await columnNumbers(page, "vcpus");
    return vcpus.length > 0 && vcpus.every((v) => v >= 2 && v <= 4);
  }).toBe(true);

  const mem = page.getByRole("textbox", { name: "Memory (GiB)", exact: true });
  await mem.fill("lots");
  await mem.press("Enter");
  await expect(page).toHaveURL(/memory=lots/);
  await expect(page.locator("#f-memory-error")).toContainText('memory: "lots" is not a number filter');
  await expect(page.getByRole("link", { name: /memory: "lots"/ })).toHaveAttribute("href", "#f-memory");
  await expect(mem).toHaveAttribute("aria-invalid", "true");
  await expect(mem).toHaveValue("lots");

  const res = await page.request.get("/api/v1/vms?memory=lots");
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.error).toMatchObject({ code: "validation_error", field: "memory" });
});

test("facet counts follow the other filters and match the table when ticked", async ({ page }) => {
  await open(page, "/vms");
  const all = await total(page);
  const vmwareAll = Number((await facetCount(page, "vendor", "vmware").innerText()).replace(/,/g, ""));
  expect(vmwareAll).toBeGreaterThan(0);
  expect(vmwareAll).toBeLessThan(all);

  await page.locator('label[data-facet="family"][data-value="windows"] input').check();
  await expect(page).toHaveURL(/family=windows/);
  await facetsReady(page);
  const windowsTotal = await total(page);
  expect(windowsTotal).toBeLessThan(all);
  await expect(facetCount(page, "vendor", "vmware")).not.toHaveText(String(vmwareAll.toLocaleString("en-US")));
  const vmwareWindows = Number((await facetCount(page, "vendor", "vmware").innerText()).replace(/,/g, ""));
  expect(vmwareWindows).toBeLessThan(vmwareAll);

  await page.locator('label[data-facet="vendor"][data-value="vmware"] input').check();
  await expect(page).toHaveURL(/vendor=vmware/);
  await facetsReady(page);
  await expect(page.getByTestId("total")).toHaveText(vmwareWindows.toLocaleString("en-US"));
  // The vendor facet ignores its own filter, so its VMware count stays put.
  await expect(facetCount(page, "vendor", "vmware")).toHaveText(vmwareWindows.toLocaleString("en-US"));

  // Excluding VMware leaves the rest of the Windows VMs.
  await page.locator('details:has(label[data-facet="vendor"])').getByLabel("Exclude ticked values").check();
  await expect(page).toHaveURL(/vendor=%21vmware/);
  await expect(page.getByTestId("total")).toHaveText((windowsTotal - vmwareWindows).toLocaleString("en-US"));
});

test("column picker and density live in the URL", async ({ page }) => {
  await open(page, "/vms");
  await expect(page.locator('th[data-col="sockets"]')).toHaveCount(0);
  await page.getByText(/^Columns \(\d+\)$/).click();
  await page.getByRole("checkbox", { name: "Sockets" }).check();
  await expect(page).toHaveURL(/cols=[^&]*sockets/);
  await expect(page.locator('th[data-col="sockets"]')).toHaveCount(1);
  // The menu stays open across the navigation, and Escape closes it.
  await page.getByRole("checkbox", { name: "Guest OS" }).uncheck();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("checkbox", { name: "Guest OS" })).toBeHidden();
  await expect(page.locator('th[data-col="os"]')).toHaveCount(0);
  await expect(page.locator('th[data-col="sockets"]')).toHaveCount(1);

  await page.getByRole("button", { name: "Compact" }).click();
  await expect(page).toHaveURL(/density=compact/);
  await expect(table(page)).toHaveClass(/compact/);
  await expect(page.getByRole("button", { name: "Compact" })).toHaveAttribute("aria-pressed", "true");

  // The view survives a reload: it is all in the URL.
  await page.reload();
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
  await expect(table(page)).toHaveClass(/compact/);
  await expect(page.locator('th[data-col="sockets"]')).toHaveCount(1);
  await expect(page.locator('th[data-col="os"]')).toHaveCount(0);
});

test("the back button restores the previous view", async ({ page }) => {
  await open(page, "/vms?family=linux");
  const linuxTotal = await page.getByTestId("total").innerText();
  const firstId = await table(page).locator("tbody tr").first().getAttribute("data-id");
  await page.locator('th[data-col="memory"] button').click();
  await expect(page).toHaveURL(/sort=memory/);
  await page.locator('details:has(label[data-facet="firmware"]) > summary').click();
  await page.locator('label[data-facet="firmware"][data-value="efi"] input').check();
  await expect(page).toHaveURL(/firmware=efi/);
  await expect(page.getByTestId("total")).not.toHaveText(linuxTotal);

  await page.goBack();
  await expect(page).not.toHaveURL(/firmware=/);
  await expect(page).toHaveURL(/sort=memory/);
  await expect(page.getByTestId("total")).toHaveText(linuxTotal);
  await expect(page.locator('label[data-facet="firmware"][data-value="efi"] input')).not.toBeChecked();
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page.locator('th[data-col="memory"]')).toHaveAttribute("aria-sort", "none");
  await expect(table(page).locator("tbody tr").first()).toHaveAttribute("data-id", firstId!);
});

test("selected rows go to compare, at most four", async ({ page }) => {
  await open(page, "/vms?sort=vcpus");
  const rows = table(page).locator("tbody tr");
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await rows.nth(i).getAttribute("data-id"))!);
    // Keyboard: focus the checkbox and press space.
    await rows.nth(i).getByRole("checkbox").focus();
    await page.keyboard.press("Space");
  }
  const compare = page.getByTestId("compare-selected");
  await expect(compare).toHaveText("Compare selected (3)");
  await expect(compare).toHaveAttribute("href", `/compare?ids=${ids.join(",")}`);

  // Selection survives paging; a fifth pick is refused with a reason.
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await table(page).locator("tbody tr").nth(0).getByRole("checkbox").check();
  await table(page).locator("tbody tr").nth(1).getByRole("checkbox").check();
  await expect(compare).toHaveText("Compare selected (5)");
  await expect(compare).toBeDisabled();
  await expect(page.getByText("Compare takes up to 4 VMs: untick 1.")).toBeVisible();
  await table(page).locator("tbody tr").nth(1).getByRole("checkbox").uncheck();
  await table(page).locator("tbody tr").nth(0).getByRole("checkbox").uncheck();

  await compare.click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${ids.join(",")}$`));
});

test("CSV export holds every row of a filtered view", async ({ page }) => {
  await open(page, "/vms?family=linux&vcpus=%3E%3D8&cols=app,vcpus,memory,os");
  const n = await total(page);
  expect(n).toBeGreaterThan(25);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(["id", "application", "application_slug", "application_version", "vcpus", "memory_gib", "guest_os", "guest_family"]);
  expect(parsed.data).toHaveLength(n);
  expect(parsed.data.every((r) => Number(r.vcpus) >= 8 && r.guest_family === "linux")).toBe(true);
});

test("empty state offers to clear the filters", async ({ page }) => {
  await open(page, "/vms?vcpus=%3E%3D100000&density=compact");
  await expect(page.getByTestId("empty")).toContainText("No VMs match these filters");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/vms\?density=compact$/);
  await expect(table(page)).toBeVisible();
});

test("no serious accessibility violations", async ({ page }) => {
  for (const url of ["/vms", "/vms?memory=lots&family=windows&cols=all&density=compact"]) {
    await open(page, url);
    await expect(table(page)).toBeVisible();
    // The site header belongs to the layout and is checked by its own spec.
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
  }
});

import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

/**
 * The browse table as a new user meets it (issue 17): it fits a 1280-px
 * screen, its label column stays while it scrolls and says so, rows become
 * cards on a phone, it searches, and ticked rows live in the URL. Against the 5,000 demo VMs the e2e server seeds.
 */

const table = (page: Page) => page.getByTestId("vm-table");

async function open(page: Page, url: string) {
  await page.goto(url);
  await expect(page.locator("[data-hydrated]")).toHaveCount(1);
}

/** Waits until the rows on screen answer the current URL (they follow it after their fetch). */
async function rowsMatchUrl(page: Page, testId = "vm-table") {
  await expect.poll(async () => {
    const search = new URL(page.url()).search.replace(/^\?/, "");
    return (await page.getByTestId(testId).getAttribute("data-rows-for")) === search;
  }).toBe(true);
}

const ids = (page: Page, testId = "vm-table") => page.getByTestId(testId).locator("[data-id]").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")!));

test.describe("at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the default columns fit without scrolling", async ({ page }) => {
    await open(page, "/vms");
    const frame = page.getByTestId("table-frame");
    const fit = await table(page).evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth, table: t.scrollWidth }));
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.table).toBeLessThanOrEqual(fit.client);
    await expect(frame).not.toHaveAttribute("data-more-right");
    await expect(page.getByTestId("scroll-hint")).toHaveText("");
    await expect(page.getByTestId("vm-cards")).toBeHidden();
  });

  test("with every column, the label stays put and a cue says the table scrolls", async ({ page }) => {
    await open(page, "/vms?cols=all");
    const frame = page.getByTestId("table-frame");
    await expect(frame).toHaveAttribute("data-more-right", "true");
    await expect(page.getByTestId("scroll-hint")).toHaveText("More columns to the right: scroll sideways.");
    // The right-hand shadow is drawn.
    const shadow = await frame.evaluate((el) => getComputedStyle(el, "::after").opacity);
    expect(shadow).toBe("1");
    const label = table(page).locator('tbody tr').first().locator('td[data-col="app"]');
    const before = await label.boundingBox();
    await table(page).evaluate((t) => { t.parentElement!.scrollLeft = 400; });
    await expect(frame).toHaveAttribute("data-more-left", "true");
    await expect(page.getByTestId("scroll-hint")).toHaveText("More columns on both sides: scroll sideways.");
    const after = await label.boundingBox();
    expect(Math.abs(after!.x - before!.x)).toBeLessThan(1);
    // Another column has moved under it.
    const vcpus = await table(page).locator("tbody tr").first().locator('td[data-col="vcpus"]').boundingBox();
    expect(vcpus!.x).toBeLessThan(before!.x + before!.width);
    // The scroller can be reached and scrolled by keyboard.
    await expect(page.getByRole("region", { name: "VM table, scrolls sideways" })).toHaveAttribute("tabindex", "0");
  });

  test("free-text search is server-side, in the URL, and combines with filters", async ({ page }) => {
    await open(page, "/vms");
    const all = await page.getByTestId("total").innerText();
    const box = page.getByRole("searchbox", { name: "Search VMs" });
    await box.fill("sql server");
    await box.press("Enter");
    await expect(page).toHaveURL(/[?&]q=sql\+server/);
    await rowsMatchUrl(page);
    await expect(page.getByTestId("total")).not.toHaveText(all);
    const apps = await table(page).locator('tbody td[data-col="app"]').allInnerTexts();
    expect(apps.length).toBeGreaterThan(0);
    expect(apps.every((a) => /SQL Server/.test(a))).toBe(true);
    const sqlTotal = await page.getByTestId("total").innerText();

    // Guest OS words narrow it further; the API answers the same.
    await box.fill("sql server windows 2019");
    await box.press("Enter");
    await rowsMatchUrl(page);
    await expect(page.getByTestId("total")).not.toHaveText(sqlTotal);
    const api = await (await page.request.get("/api/v1/vms?q=sql%20server%20windows%202019")).json();
    await expect(page.getByTestId("total")).toHaveText(api.total.toLocaleString("en-US") + (api.totalCapped ? "+" : ""));
    const os = await table(page).locator('tbody td[data-col="os"] [title]').evaluateAll((els) => els.map((e) => e.getAttribute("title")));
    // Every word matches some field: "2019" may be the OS's or SQL Server's own version.
    expect(os.every((o) => /Windows/.test(o ?? ""))).toBe(true);

    // A NIC model, as a word prefix; a reload keeps it (it is in the URL).
    await open(page, "/vms?q=vmxnet&cols=app,nicModels");
    const nics = await table(page).locator('tbody td[data-col="nicModels"]').allInnerTexts();
    expect(nics.length).toBeGreaterThan(0);
    expect(nics.every((n) => /vmxnet/.test(n))).toBe(true);
    await expect(page.getByRole("searchbox", { name: "Search VMs" })).toHaveValue("vmxnet");

    // Typing searches after a pause, without a new history entry per key.
    await box.fill("");
    await box.pressSequentially("hyper-v", { delay: 30 });
    await expect(page).toHaveURL(/q=hyper-v/);
    await rowsMatchUrl(page);
    const hv = await (await page.request.get("/api/v1/vms?q=hyper-v&size=100")).json();
    expect(hv.rows.every((r: { hypervisorProduct: string | null }) => /Hyper/.test(r.hypervisorProduct ?? ""))).toBe(true);

    // A search nothing matches, and one the server refuses.
    await open(page, "/vms?q=zzzqqq");
    await expect(page.getByTestId("empty")).toBeVisible();
    await open(page, `/vms?q=${"x".repeat(201)}`);
    await expect(page.locator("#vm-search-error")).toContainText("longer than 200 characters");
    expect((await page.request.get(`/api/v1/vms?q=${"x".repeat(201)}`)).status()).toBe(422);
  });

  test("ticked rows live in the URL, can be listed alone, and a shared link shows them", async ({ page, browser }) => {
    await open(page, "/vms?sort=vcpus");
    const rows = table(page).locator("tbody tr");
    const picked: string[] = [];
    for (let i = 0; i < 3; i++) {
      picked.push((await rows.nth(i).getAttribute("data-id"))!);
      await rows.nth(i).getByRole("checkbox").check();
    }
    await expect(page).toHaveURL(new RegExp(`sel=${picked.join("%2C")}`));
    const compare = page.getByTestId("compare-selected");
    await expect(compare).toHaveText("Compare selected (3)");
    await expect(compare).toHaveAttribute("href", `/compare?ids=${picked.join(",")}`);

    // Ticks survive paging, and "show only selected" narrows this table to them.
    await page.getByRole("link", { name: "Next page" }).click();
    await rowsMatchUrl(page);
    const fourth = (await rows.nth(0).getAttribute("data-id"))!;
    await rows.nth(0).getByRole("checkbox").check();
    await expect(compare).toHaveText("Compare selected (4)");
    await page.getByTestId("only-selected").click();
    await expect(page).toHaveURL(/show=selected/);
    await rowsMatchUrl(page);
    expect((await ids(page)).sort()).toEqual([...picked, fourth].sort());
    await expect(page.getByTestId("total")).toHaveText("4");

    // Someone else opens the link: same rows, same ticks.
    const shared = page.url();
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await open(other, shared);
    expect((await ids(other)).sort()).toEqual([...picked, fourth].sort());
    for (const row of await table(other).locator("tbody tr").all()) await expect(row.getByRole("checkbox")).toBeChecked();
    await expect(other.getByTestId("compare-selected")).toHaveText("Compare selected (4)");
    await other.close();

    // Unticking a row in that view drops it; "Show all rows" brings the others back.
    // click, not uncheck: the row leaves the table once unticked, so there is nothing left to verify.
    await table(page).locator(`tbody tr[data-id="${fourth}"]`).getByRole("checkbox").click();
    await rowsMatchUrl(page);
    expect((await ids(page)).sort()).toEqual([...picked].sort());
    await page.getByTestId("only-selected").click();
    await expect(page).not.toHaveURL(/show=selected/);
    await rowsMatchUrl(page);
    await expect(page.getByTestId("total")).not.toHaveText("3");

    await compare.click();
    await expect(page).toHaveURL(new RegExp(`/compare\\?ids=${picked.join(",")}$`));
  });
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("rows are cards with the key numbers, and the page does not scroll sideways", async ({ page }) => {
    await open(page, "/vms?sort=memory");
    await expect(table(page)).toBeHidden();
    const cards = page.getByTestId("vm-cards").locator("li");
    await expect(cards).toHaveCount(25);
    const first = cards.first();
    for (const fact of ["vCPUs", "Memory", "Disk", "OS", "Hypervisor"]) await expect(first.getByText(fact, { exact: true })).toBeVisible();
    const api = await (await page.request.get("/api/v1/vms?sort=memory&size=1")).json();
    await expect(first.locator('[data-fact="vcpus"]')).toHaveText(String(api.rows[0].vcpus));
    await expect(first.locator('[data-fact="memory"]')).toHaveText(`${Math.round((api.rows[0].memoryMib / 1024) * 100) / 100} GiB`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const card of await cards.all()) {
      const box = await card.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }

    // Sorting without column headers, ticking, and the search box all work on a phone.
    await page.getByLabel("Sort").selectOption("vcpus:desc");
    await expect(page).toHaveURL(/sort=vcpus/);
    await rowsMatchUrl(page, "vm-cards");
    const vcpus = (await page.getByTestId("vm-cards").locator('[data-fact="vcpus"]').allInnerTexts()).map(Number);
    expect(vcpus).toEqual([...vcpus].sort((a, b) => b - a));
    await cards.first().getByRole("checkbox").check();
    await expect(page).toHaveURL(/sel=/);
    await expect(page.getByTestId("compare-selected")).toHaveText("Compare selected (1)");
    await page.getByRole("searchbox", { name: "Search VMs" }).fill("linux");
    await page.getByRole("searchbox", { name: "Search VMs" }).press("Enter");
    await rowsMatchUrl(page, "vm-cards");
    expect(await page.getByTestId("vm-cards").locator('[data-fact="os"]').count()).toBeGreaterThan(0);

    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`)).toEqual([]);
  });
});

// How fast a filter, sort or page change shows its rows is measured by `npm run bench:interaction`
// (bench/interaction.ts), not asserted here: a timed test on a shared machine fails on its load.
test("a filter, a sort and the next page each show the rows their URL asks for, without a page load", async ({ page }) => {
  await open(page, "/vms");
  await expect(page.locator('[data-facets="ready"]')).toHaveCount(1);
  await page.evaluate(() => { (window as unknown as { __same?: boolean }).__same = true; });
  const box = page.locator('label[data-facet="family"][data-value="linux"] input');
  if (!(await box.isVisible())) await page.locator('details:has(label[data-facet="family"]) > summary').click();
  await box.click();
  await expect(page).toHaveURL(/family=linux/);
  await rowsMatchUrl(page);
  const api = await (await page.request.get("/api/v1/vms?family=linux")).json();
  await expect(page.getByTestId("total")).toHaveText(api.total.toLocaleString("en-US") + (api.totalCapped ? "+" : ""));
  await page.locator('th[data-col="memory"] button').click();
  await expect(page).toHaveURL(/sort=memory/);
  await rowsMatchUrl(page);
  const sorted = await (await page.request.get(`/api/v1/vms${new URL(page.url()).search}`)).json();
  expect(await ids(page)).toEqual(sorted.rows.map((r: { id: string }) => r.id));
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page).toHaveURL(/page=2/);
  await rowsMatchUrl(page);
  const second = await (await page.request.get(`/api/v1/vms${new URL(page.url()).search}`)).json();
  expect(await ids(page)).toEqual(second.rows.map((r: { id: string }) => r.id));
  // The same document throughout: the rows came from the API, not from a new page.
  expect(await page.evaluate(() => (window as unknown as { __same?: boolean }).__same)).toBe(true);
});

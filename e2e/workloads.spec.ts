import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { clickDownload, csvRows, pdfText, schemaValidator } from "./report-helpers";

/** Workload pages over the demo data: listing, search, typical configuration, charts, exports, print. */

async function noSeriousViolations(page: import("@playwright/test").Page) {
  // The site header is the layout's (its contrast is checked with the layout), not this page's.
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("lists applications by category, searches, and opens a workload", async ({ page }) => {
  await page.goto("/workloads");
  await expect(page.getByRole("heading", { level: 1, name: "Workloads" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Databases/ })).toBeVisible();
  await noSeriousViolations(page);

  await page.getByLabel("Find an application").fill("sql server");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=sql/);
  await expect(page.getByRole("status")).toContainText("match");
  const link = page.getByRole("link", { name: "Microsoft SQL Server" });
  await expect(link).toBeVisible();
  await expect(page.getByRole("link", { name: "nginx" })).toHaveCount(0);
  await link.click();

  await expect(page).toHaveURL(/\/workloads\/mssql$/);
  await expect(page.getByRole("heading", { level: 1, name: "Microsoft SQL Server" })).toBeVisible();
  const table = page.getByTestId("typical-table");
  await expect(table.locator("tbody tr")).toHaveCount(5);
  await expect(table.locator("tbody tr").first()).toContainText("vCPUs");
  // Charts are drawn (SVG) with text descriptions for screen readers.
  await expect(page.locator('[data-chart="histogram-vcpus"] [role="img"] svg').first()).toBeVisible();
  await expect(page.locator('[data-chart="split-hypervisor"] [role="img"]')).toHaveAttribute("aria-label", /Hypervisor\./);
  await expect(page.locator('[data-chart="trend"]')).toBeVisible();
  await noSeriousViolations(page);
});

test("the workload page numbers agree with the API", async ({ page, request }) => {
  const api = await (await request.get("/api/v1/workloads/mssql")).json();
  await page.goto("/workloads/mssql");
  const vcpuRow = page.getByTestId("typical-table").locator("tbody tr").first();
  await expect(vcpuRow.locator("td").first()).toHaveText(String(api.metrics[0].median));
  await expect(page.getByTestId("vm-count")).toContainText(`${api.n}`);
});

test("downloads CSV, JSON and PDF from a workload page", async ({ page, request }) => {
  await page.goto("/workloads/mssql");
  await expect(page.getByTestId("export-buttons")).toHaveAttribute("data-ready", "true");
  const n = (await (await request.get("/api/v1/workloads/mssql")).json()).n as number;

  const csv = await clickDownload(page, '[data-testid="export-buttons"] a[data-format="csv"]');
  expect(csv.name).toMatch(/^vmcompare-workload-microsoft-sql-server-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = csvRows(csv.body.toString("utf8")).filter((r) => r.row_type === "metric");
  expect(rows.map((r) => r.metric)).toEqual(["vcpus", "memoryMiB", "totalDiskGiB", "diskCount", "nicCount"]);
  // A VM whose disk sizes are unknown is left out of the disk statistics and counted in n_unknown, never as 0.
  expect(rows.every((r) => Number(r.n) + Number(r.n_unknown) === n && r.peer_rule === "workload")).toBe(true);

  const json = await clickDownload(page, '[data-testid="export-buttons"] a[data-format="json"]');
  const doc = JSON.parse(json.body.toString("utf8"));
  const schema = await (await request.get("/api/v1/reports/schema.json")).json();
  const validate = schemaValidator(schema);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  expect(doc).toMatchObject({ kind: "workload", title: "Microsoft SQL Server", licence: { name: "CC BY 4.0" } });

  const pdf = await clickDownload(page, '[data-testid="export-buttons"] a[data-format="pdf"]');
  expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(pdf.body);
  expect(text).toContain("Microsoft SQL Server");
  expect(text).toContain(`Published VMs tagged Microsoft SQL Server (n = ${n.toLocaleString("en-US")})`);
  expect(text).toContain("CC BY 4.0");
  expect(text).toMatch(/Report date: \d{4}-\d{2}-\d{2}/);
});

test("a workload permalink shows the frozen report with its own downloads", async ({ page }) => {
  await page.goto("/workloads/nginx");
  await expect(page.getByTestId("export-buttons")).toHaveAttribute("data-ready", "true");
  await page.getByRole("button", { name: "Permalink" }).click();
  const url = page.getByTestId("permalink-url");
  await expect(url).toHaveValue(/\/reports\/[a-z0-9]{26}$/);
  const href = new URL(await url.inputValue()).pathname;
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1, name: "nginx" })).toBeVisible();
  await expect(page.getByTestId("frozen-note")).toContainText("Numbers frozen on");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const csv = await clickDownload(page, '[data-testid="export-buttons"] a[data-format="csv"]');
  expect(csvRows(csv.body.toString("utf8")).filter((r) => r.row_type === "metric")).toHaveLength(5);
  await noSeriousViolations(page);
});

test("printing a workload page leaves out navigation and controls", async ({ page }) => {
  await page.goto("/workloads/mssql");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByTestId("export-buttons")).toBeHidden();
  await expect(page.getByTestId("typical-table")).toBeVisible();
  await expect(page.getByText(/Report printed from vmcompare on/)).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByText(/Report printed from vmcompare on/)).toBeHidden();
});

test("the API answers 404 with a JSON error for an unknown workload", async ({ request, page }) => {
  const res = await request.get("/api/v1/workloads/no-such-application");
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe("not_found");
  const list = await (await request.get("/api/v1/workloads")).json();
  expect(list.categories.length).toBeGreaterThan(5);
  const page404 = await page.goto("/workloads/no-such-application");
  expect(page404?.status()).toBe(404);
});

import zlib from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { clickDownload, csvRows, pdfText, schemaValidator } from "./report-helpers";

/**
 * Comparison reports (VM, side by side, private), their permalinks and the
 * open-data dump, checked by reading the files a user downloads.
 */

async function vmIds(request: APIRequestContext, n: number): Promise<string[]> {
  const body = await (await request.get(`/api/v1/vms?size=${n}`)).json();
  return (body.rows as { id: string }[]).slice(0, n).map((r) => r.id);
}

async function validator(request: APIRequestContext) {
  return schemaValidator(await (await request.get("/api/v1/reports/schema.json")).json());
}

test("a VM's report downloads as CSV, JSON and PDF from its permalink page", async ({ page, request }) => {
  const [id] = await vmIds(request, 1);
  await page.goto(`/vms/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const created = await request.post("/api/v1/reports", { data: { kind: "vm", id } });
  expect(created.status()).toBe(201);
  const { url } = await created.json();
  await page.goto(url);
  await expect(page.getByTestId("frozen-note")).toBeVisible();
  await expect(page.getByText(`(${id})`).first()).toBeVisible();
  await expect(page.getByTestId("export-buttons")).toHaveAttribute("data-ready", "true");

  const csv = await clickDownload(page, '[data-testid="export-buttons"] a[data-format="csv"]');
  const rows = csvRows(csv.body.toString("utf8"));
  expect(rows.filter((r) => r.row_type === "metric")).toHaveLength(5);
  expect(rows[0]).toMatchObject({ subject: id, metric: "vcpus" });
  expect(Number(rows[0].percentile)).toBeGreaterThanOrEqual(0);
  expect(rows[0].peer_group).toMatch(/\(n = [\d,]+\)$/);

  const json = JSON.parse((await clickDownload(page, '[data-testid="export-buttons"] a[data-format="json"]')).body.toString("utf8"));
  const validate = await validator(request);
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  expect(json.kind).toBe("vm");

  const text = await pdfText((await clickDownload(page, '[data-testid="export-buttons"] a[data-format="pdf"]')).body);
  expect(text).toContain(`(${id})`);
  expect(text).toContain("Peer group");
  expect(text).toContain("CC BY 4.0");

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("the live VM report and the frozen permalink carry the same numbers", async ({ request }) => {
  const [id] = await vmIds(request, 1);
  const live = await (await request.get(`/api/v1/reports/vm/${id}.json`)).json();
  const { id: reportId } = await (await request.post("/api/v1/reports", { data: { kind: "vm", id } })).json();
  const frozen = await (await request.get(`/api/v1/reports/${reportId}.json`)).json();
  expect(frozen.metrics).toEqual(live.metrics);
  const again = await (await request.get(`/api/v1/reports/${reportId}.json`)).json();
  expect(again).toEqual(frozen);
});

test("side by side with a baseline adds relative columns", async ({ request }) => {
  const [a, b] = await vmIds(request, 2);
  const res = await request.get(`/api/v1/reports/compare.csv?ids=${a},${b}&base=${a}`);
  expect(res.status()).toBe(200);
  const rows = csvRows(await res.text()).filter((r) => r.row_type === "metric");
  expect(rows).toHaveLength(10);
  const other = rows.filter((r) => r.subject === b);
  const baseValue = new Map(rows.filter((r) => r.subject === a).map((r) => [r.metric, r.value]));
  // A difference where both values are known; an unknown value (an empty cell, never 0) has none.
  for (const r of other) {
    const known = r.value !== "" && baseValue.get(r.metric) !== "";
    expect(r.baseline_text !== "", `${r.metric}: ${r.value} vs ${baseValue.get(r.metric)}`).toBe(known);
  }
  expect(other.some((r) => r.baseline_text !== "")).toBe(true);
  expect(rows.filter((r) => r.subject === a).every((r) => r.baseline_text === "")).toBe(true);
  const pdf = await request.get(`/api/v1/reports/compare.pdf?ids=${a},${b}&base=${a}`);
  expect(await pdfText(Buffer.from(await pdf.body()))).toContain("VS BASELINE");
  const bad = await request.get(`/api/v1/reports/compare.csv?ids=${a},${b}&base=zzzz2222`);
  expect(bad.status()).toBe(422);
});

test("a private report holds only what its author chose, and is never indexed", async ({ request, page }) => {
  const vm = {
    name: "secret-sql-01",
    source: { format: "manual" },
    hypervisor: { vendor: "vmware", product: "VMware ESXi", version: "7.0.3" },
    hardwareVersion: "vmx-13",
    firmware: "bios",
    guestOs: { id: "windows2019srv-64", family: "windows", name: "Microsoft Windows Server 2019 (64-bit)" },
    cpu: { vcpus: 12, coresPerSocket: 6 },
    memoryMiB: 96 * 1024,
    disks: [{ sizeGiB: 777, bus: "scsi", provisioning: "thin" }],
    nics: [{ model: "e1000", network: "net-1" }],
  };
  const body = { vm, tags: [{ slug: "mssql", version: "2019", primary: true }], include: { values: false, configuration: false, checks: false } };
  const res = await request.post("/api/v1/reports/private.json", { data: body });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  const text = await res.text();
  for (const secret of ["secret-sql-01", "vmx-13", "e1000", "7.0.3", "Windows Server 2019", "BIOS"]) expect(text).not.toContain(secret);
  const doc = JSON.parse(text);
  expect(doc.kind).toBe("private");
  expect(doc.metrics.every((m: { value: unknown; percentile: unknown }) => m.value === null && typeof m.percentile === "number")).toBe(true);
  expect(doc.subjects[0].facts.map((f: { label: string }) => f.label)).toEqual(["Application"]);
  expect(doc.subjects[0].url).toBeNull();

  const created = await (await request.post("/api/v1/reports", { data: { kind: "private", ...body } })).json();
  expect(created.id).toMatch(/^[a-z0-9]{26}$/);
  await page.goto(created.url);
  await expect(page.getByText("A private report")).toBeVisible();
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await expect(page.locator("body")).not.toContainText("Hardware version");
  await expect(page.locator("body")).not.toContainText("e1000");
  const pdf = await request.get(`/api/v1/reports/${created.id}.pdf`);
  expect(pdf.headers()["x-robots-tag"]).toContain("noindex");
  expect(await pdfText(Buffer.from(await pdf.body()))).toContain("Private comparison");
});

test("the open-data page regenerates the dump with progress and serves both files", async ({ page, request }) => {
  await page.goto("/data");
  await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Data dictionary" })).toBeVisible();
  await expect(page.getByRole("link", { name: /API documentation/ })).toHaveAttribute("href", "/api/v1/openapi.json");
  // The first visit starts the first dump; wait for its files.
  await expect(page.locator('a[data-format="csv"]')).toBeVisible({ timeout: 120_000 });
  await page.getByRole("button", { name: "Regenerate now" }).click();
  await expect(page.getByRole("button", { name: /Regenerat/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Regenerate now" })).toBeEnabled({ timeout: 120_000 });
  const rows = Number((await page.getByTestId("dump-rows").innerText()).replace(/,/g, ""));
  const health = await (await request.get("/api/health")).json();
  expect(rows).toBe(health.vms);
  // The live count stands beside the dumped one.
  await expect(page.getByTestId("live-rows")).toHaveText(health.vms.toLocaleString("en-US"));

  const csv = await clickDownload(page, 'a[data-format="csv"]');
  expect(csv.name).toMatch(/vms\.csv\.gz$/);
  const lines = csvRows(zlib.gunzipSync(csv.body).toString("utf8"));
  expect(lines).toHaveLength(rows);
  expect(Object.keys(lines[0]).slice(0, 3)).toEqual(["id", "created_at", "updated_at"]);
  const jsonl = await clickDownload(page, 'a[data-format="jsonl"]');
  const objects = zlib.gunzipSync(jsonl.body).toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
  expect(objects).toHaveLength(rows);
  expect(objects[0].vm.name).toBeNull();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

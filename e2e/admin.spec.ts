import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

/**
 * Moderation as an operator does it in the browser (issue 18 §3): proposed application names stay
 * off /workloads and the browse facets until approved; a visitor reports a VM through its Report
 * link; the moderator logs in with ADMIN_TOKEN, approves, merges and rejects names, dismisses a
 * report, deletes an implausible VM, and reads the audit log. The server runs with the token of
 * playwright.config.ts.
 */
const TOKEN = process.env.E2E_ADMIN_TOKEN ?? "e2e-admin-token-7f3a9c";
const XSS = "<img src=x onerror=alert(1)>";
// Distinct names per run: specs share one database.
const run = Date.now().toString(36);
const LEDGER = `Acme Ledger ${run}`;
const TURBO = `Nginx Turbo ${run}`;
const slugOf = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function publish(request: APIRequestContext, opts: { vcpus?: number; memoryMiB?: number; app: string; suggestions?: string[] }): Promise<string> {
  const res = await request.post("/api/v1/vms", {
    data: {
      vm: {
        name: null, source: { format: "manual" }, hypervisor: { vendor: "kvm", product: "KVM", version: "8.2" }, hardwareVersion: null,
        firmware: "efi", guestOs: { id: null, family: "linux", name: `Debian 12 ${run}-${Math.random().toString(36).slice(2, 8)}` },
        cpu: { vcpus: opts.vcpus ?? 2, coresPerSocket: 1 }, memoryMiB: opts.memoryMiB ?? 4096, disks: [], nics: [], totalDiskGiB: null, defaulted: [],
      },
      tags: [{ slug: opts.app, version: null, primary: true }],
      suggestions: opts.suggestions ?? [],
      confirmImplausible: true,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { created: { id: string }[] }).created[0].id;
}

async function appFacets(request: APIRequestContext): Promise<string[]> {
  const body = (await (await request.get("/api/v1/vms?facets=1&size=1")).json()) as { facets: { app: { value: string; label: string }[] } };
  return body.facets.app.flatMap((f) => [f.value, f.label]);
}

/** VMs of the /vms application filter (app=slug). */
async function filteredTotal(request: APIRequestContext, slug: string): Promise<number> {
  return ((await (await request.get(`/api/v1/vms?app=${slug}&size=1`)).json()) as { total: number }).total;
}

test("an operator moderates names, reports and VMs in /admin, and every action is logged", async ({ page, request, context }) => {
  test.setTimeout(420_000);
  // Through the API a contributor can make a name of their own the primary application.
  const ledgerVm = await publish(request, { app: slugOf(LEDGER) });
  const turboVm = await publish(request, { app: "nginx", suggestions: [TURBO] });
  const xssVm = await publish(request, { app: "mssql", vcpus: 4, suggestions: [XSS] });
  const hugeVm = await publish(request, { app: "nginx", vcpus: 1, memoryMiB: 10 * 1024 * 1024 });
  const spamVm = await publish(request, { app: "nginx", vcpus: 8 });

  // Before approval: the name shows on its own VM page only, escaped, and unlinked.
  await page.goto(`/vms/${xssVm}`);
  await expect(page.getByTestId("proposed-tag")).toHaveText(`${XSS} · proposed`);
  await expect(page.locator("img[onerror]")).toHaveCount(0);
  await page.goto(`/vms/${ledgerVm}`);
  await expect(page.getByTestId("proposed-tag")).toContainText(`${LEDGER.toLowerCase()} · primary · proposed`);
  await page.goto("/workloads");
  await expect(page.getByRole("heading", { level: 1, name: "Workloads" })).toBeVisible();
  await expect(page.getByText(LEDGER)).toHaveCount(0);
  // Not found (the status may already be sent as 200 when the page streams; the content is what counts).
  await page.goto(`/workloads/${slugOf(LEDGER)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  const facets = await appFacets(request);
  expect(facets).toContain("mssql");
  expect(facets.filter((f) => /acme|turbo|onerror/i.test(f))).toEqual([]);
  expect(await filteredTotal(request, slugOf(LEDGER))).toBe(0);

  // A visitor reports a VM from its page.
  await page.goto(`/vms/${spamVm}`);
  await page.getByRole("link", { name: "Report" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report this VM" })).toBeVisible();
  await noSeriousViolations(page);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Choose what is wrong.");
  await page.getByLabel("Spam or advertising").check();
  await page.getByLabel(/Note for the moderators/).fill("Advertises a hosting company in its tags");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByTestId("report-sent")).toBeFocused();

  // The operator logs in: a wrong token is refused, the right one sets a strict, HttpOnly cookie.
  const first = await page.goto("/admin");
  expect(first!.headers()["cache-control"]).toBe("no-store");
  await expect(page.getByRole("heading", { level: 2, name: "Log in" })).toBeVisible();
  await noSeriousViolations(page);
  await page.getByLabel("Admin token").fill("not-the-token-at-all");
  await page.getByLabel("Admin token").press("Enter");
  await expect(page.locator("main").getByRole("alert")).toContainText("not the admin token");
  await page.getByLabel("Admin token").fill(TOKEN);
  await page.getByLabel("Admin token").press("Enter");
  await expect(page.getByRole("heading", { level: 2, name: /Proposed application names/ })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => c.name === "vmc_admin")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
  expect(cookie.value).not.toContain(TOKEN);
  await noSeriousViolations(page);

  const names = page.getByTestId("proposed-names");
  const row = (slug: string) => names.locator(`tr[data-slug="${slug}"]`);
  const status = page.getByTestId("admin-status");

  // Approve, respelled.
  await row(slugOf(LEDGER)).getByLabel(/Name to approve/).fill(`Acme Ledger Pro ${run}`);
  await row(slugOf(LEDGER)).getByRole("button", { name: "Approve" }).click();
  await expect(status).toHaveText(`Approved ${slugOf(LEDGER)} as an application.`);
  await expect(row(slugOf(LEDGER))).toHaveCount(0);

  // Merge into an application of the list.
  await row(slugOf(TURBO)).getByLabel(/Merge .* into/).selectOption({ label: "nginx" });
  await row(slugOf(TURBO)).getByRole("button", { name: "Merge" }).click();
  await expect(status).toHaveText(`Merged ${slugOf(TURBO)} into nginx.`);

  // Reject, with the keyboard only; the outcome takes the focus.
  const xssSlug = slugOf(XSS);
  await expect(row(xssSlug)).toContainText(XSS);
  await row(xssSlug).getByRole("button", { name: "Reject" }).focus();
  await page.keyboard.press("Enter");
  await expect(status).toHaveText(`Rejected ${xssSlug}.`);
  await expect(status).toBeFocused();

  // The report and the implausible VM are waiting.
  const flagged = page.getByTestId("flagged-vms");
  await expect(flagged.locator(`tr[data-vm="${spamVm}"]`)).toContainText("Spam or advertising");
  await expect(flagged.locator(`tr[data-vm="${spamVm}"]`)).toContainText("Advertises a hosting company");
  await expect(flagged.locator(`tr[data-vm="${hugeVm}"]`)).toContainText("10 TiB of memory for 1 vCPU");
  await flagged.locator(`tr[data-vm="${spamVm}"]`).getByRole("button", { name: "Dismiss reports" }).click();
  await expect(status).toHaveText(`Dismissed 1 report of VM ${spamVm}.`);
  await flagged.locator(`tr[data-vm="${hugeVm}"]`).getByRole("button", { name: "Delete VM" }).click();
  await flagged.locator(`tr[data-vm="${hugeVm}"]`).getByRole("button", { name: `Delete ${hugeVm} for good` }).click();
  await expect(status).toHaveText(`Deleted VM ${hugeVm}.`);
  await expect(flagged.locator(`tr[data-vm="${hugeVm}"]`)).toHaveCount(0);

  // The audit log, newest first.
  const log = page.getByTestId("audit-log").locator("tbody tr");
  await expect(log.nth(0)).toContainText("Deleted VM");
  await expect(log.nth(0)).toContainText(hugeVm);
  await expect(log.nth(1)).toContainText("Dismissed reports");
  await expect(log.nth(2)).toContainText("Rejected name");
  await expect(log.nth(2)).toContainText(XSS);
  await expect(log.nth(3)).toContainText("Merged name");
  await expect(log.nth(4)).toContainText("Approved name");
  await expect(log.nth(4)).toContainText("admin");
  await noSeriousViolations(page);

  // The site follows: the approved name is a workload, the merged VM is an nginx VM, the deleted VM is gone.
  await page.goto(`/vms/${hugeVm}`);
  await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
  await page.goto(`/vms/${turboVm}`);
  await expect(page.getByTestId("proposed-tag")).toHaveCount(0);
  await page.goto("/workloads");
  await expect(page.getByRole("link", { name: `Acme Ledger Pro ${run}` })).toBeVisible();
  expect(await filteredTotal(request, slugOf(LEDGER))).toBe(1);
  expect(await filteredTotal(request, slugOf(TURBO))).toBe(0);
  await page.goto(`/vms/${xssVm}`);
  await expect(page.getByTestId("proposed-tag")).toHaveCount(0);

  // Without the cookie the API refuses; with the token as Bearer it answers.
  const anonymous = await request.get("/api/v1/admin", { headers: { cookie: "" } });
  expect(anonymous.status()).toBe(401);
  const bearer = await request.get("/api/v1/admin", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(bearer.status()).toBe(200);
  expect(((await bearer.json()) as { audit: unknown[] }).audit.length).toBeGreaterThanOrEqual(5);

  // Logging out ends the session.
  await page.goto("/admin");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByLabel("Admin token")).toBeVisible();
});

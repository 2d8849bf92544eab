import { expect, test, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateRvtoolsWorkbook } from "../bench/fixtures-gen/rvtools-workbook";
import { pickApp, seriousViolations, shot } from "./page-helpers";

const FIXTURES = path.join(__dirname, "fixtures");



async function vmCount(page: Page): Promise<number> {
  const r = await page.request.get("/api/health");
  return ((await r.json()) as { vms: number }).vms;
}

/** Presses Tab until `target` has the focus: the keyboard-only path to a control. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target} with Tab`);
}


test("manual contribution end to end, then edit and delete with the token and refusal without it", async ({ page }) => {
  await page.goto("/contribute#manual");
  const panel = page.getByRole("tabpanel");
  const form = panel.getByRole("form", { name: "Publish" });
  await expect(page.getByRole("tab", { name: "Enter manually" })).toHaveAttribute("aria-selected", "true");

  // Submitting empty: an error summary and errors next to their fields.
  await page.getByRole("tabpanel").getByRole("button", { name: "Publish" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Please correct" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  await expect(page.locator("#manual-vm-vcpus")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#manual-vm-vcpus-error")).toHaveText("enter the number of vCPUs");
  await expect(page.locator("#manual-vm-vcpus")).toHaveAttribute("aria-describedby", /manual-vm-vcpus-error/);
  await shot(page, "manual-errors");

  await pickApp(panel, "SQL Server", /Microsoft SQL Server/);
  await panel.getByLabel("Version of Microsoft SQL Server").fill("2019");
  await pickApp(panel, "Acme Billing", /Suggest “Acme Billing”/);
  await expect(page.getByText("suggestion", { exact: true })).toBeVisible();
  await panel.getByLabel("vCPUs").fill("8");
  await panel.getByLabel("Cores per socket").fill("4");
  await page.locator("#manual-vm-memory").fill("48");
  await panel.getByLabel("Hypervisor vendor").selectOption("vmware");
  await panel.getByLabel("Hypervisor product").fill("VMware ESXi");
  await panel.getByLabel("Hypervisor version").fill("8.0 U2");
  await panel.getByLabel("Firmware").selectOption("efi");
  await panel.getByLabel("Family").selectOption("windows");
  await panel.getByLabel("Disk 1 size (GiB)").fill("100");
  await panel.getByRole("button", { name: "Add disk" }).click();
  await panel.getByLabel("Disk 2 size (GiB)").fill("500");
  await panel.getByRole("group", { name: "Disk 2" }).getByLabel("Provisioning").selectOption("thin");
  await panel.getByLabel("NIC 1 model").fill("vmxnet3");
  await panel.getByText(/^Context \(optional\)/).click();
  await panel.getByLabel("Environment").selectOption("production");
  await panel.getByLabel("Server vendor").fill("Dell");
  await panel.getByLabel("Peak CPU (%)").fill("70");
  await panel.getByLabel("Average CPU (%)").fill("25");
  await panel.getByLabel("Disk IOPS (average)").fill("-3");
  // Figures without the period they cover, or a negative IOPS, are refused where they were typed.
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("#manual-context-iops-error")).toHaveText("between 0 and 10000000 IOPS");
  await panel.getByLabel("Disk IOPS (average)").fill("1200");
  await form.getByRole("button", { name: "Publish" }).click();
  await expect(page.locator("#manual-context-usagePeriod-error")).toHaveText("say what period these figures cover");
  await panel.getByLabel("Period these figures cover").selectOption("P7D");
  // The preview says what will be published, with its provenance.
  await expect(panel.getByTestId("usage-preview")).toContainText("CPU 25% · average over 7 days as entered by the contributor");
  await expect(panel.getByTestId("usage-preview")).toContainText("CPU 70% · maximum over 7 days as entered by the contributor");
  await expect(panel.getByTestId("usage-preview")).toContainText("Disk 1,200 IOPS · average over 7 days as entered by the contributor");
  await shot(page, "manual-filled");
  await form.getByRole("button", { name: "Publish" }).click();

  const result = page.getByTestId("publish-result");
  await expect(result).toBeVisible();
  const editUrl = (await page.getByTestId("edit-url").textContent())!;
  expect(editUrl).toMatch(/\/vms\/[a-z0-9]+\/edit#token=[A-Za-z0-9_-]{43}$/);
  const id = /\/vms\/([a-z0-9]+)\/edit/.exec(editUrl)![1];
  await shot(page, "manual-published");

  const rec = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as {
    vm: { cpu: { vcpus: number; coresPerSocket: number }; memoryMiB: number; disks: { sizeGiB: number }[]; firmware: string };
    tags: { slug: string; version: string | null; primary: boolean }[];
    context: { environment: string; hostVendor: string; cpuPeakPct: number };
  };
  const usage = (rec.vm as unknown as { utilization?: { metric: string; statistic: string; window: string | null; source: string; value: number }[] }).utilization;
  expect(usage).toEqual(expect.arrayContaining([
    { metric: "cpu.usage.pct", statistic: "average", window: "P7D", source: "manual", value: 25 },
    { metric: "cpu.usage.pct", statistic: "max", window: "P7D", source: "manual", value: 70 },
    { metric: "disk.iops", statistic: "average", window: "P7D", source: "manual", value: 1200 },
  ]));
  expect(rec.vm.cpu).toEqual({ vcpus: 8, coresPerSocket: 4 });
  expect(rec.vm.memoryMiB).toBe(48 * 1024);
  expect(rec.vm.disks.map((d) => d.sizeGiB)).toEqual([100, 500]);
  expect(rec.vm.firmware).toBe("efi");
  expect(rec.tags.find((t) => t.primary)).toMatchObject({ slug: "mssql", version: "2019" });
  expect(rec.tags.map((t) => t.slug)).toContain("acme-billing");
  expect(rec.context).toMatchObject({ environment: "production", hostVendor: "Dell", cpuPeakPct: 70 });

  // Without the token: the page refuses and so does the API.
  await page.goto(`/vms/${id}/edit`);
  await expect(page.getByText("This page needs the secret edit link.")).toBeVisible();
  const patchNoToken = await page.request.patch(`/api/v1/vms/${id}`, { data: { vm: rec.vm, tags: [{ slug: "mssql" }] } });
  expect(patchNoToken.status()).toBe(401);
  const wrong = await page.request.delete(`/api/v1/vms/${id}`, { headers: { authorization: "Bearer wrong" } });
  expect(wrong.status()).toBe(403);

  // With the token: edit, then delete.
  await page.goto(editUrl);
  await expect(page.getByRole("heading", { name: "Edit your VM" })).toBeVisible();
  await expect(page.getByLabel("vCPUs")).toHaveValue("8");
  await page.getByLabel("vCPUs").fill("16");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  const after = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as { vm: { cpu: { vcpus: number } } };
  expect(after.vm.cpu.vcpus).toBe(16);
  await shot(page, "edit");
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: `Yes, delete VM ${id}` }).click();
  await expect(page.getByText(`VM ${id} was deleted`)).toBeVisible();
  expect((await page.request.get(`/api/v1/vms/${id}`)).status()).toBe(404);
});

test("the whole form completed with the keyboard alone", async ({ page }) => {
  await page.goto("/contribute");
  const firstTab = page.getByRole("tab", { name: "Upload a snapshot" });
  await tabTo(page, firstTab);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Enter manually" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Enter manually" })).toHaveAttribute("aria-selected", "true");

  const panel = page.getByRole("tabpanel");
  const combo = panel.getByRole("combobox", { name: "Add an application" });
  await tabTo(page, combo);
  await page.keyboard.type("domain contr");
  await expect(combo).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  const active = await combo.getAttribute("aria-activedescendant");
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Escape");
  await expect(combo).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(panel.getByText("Active Directory Domain Services", { exact: true })).toBeVisible();
  await expect(combo).toBeFocused();

  await tabTo(page, panel.getByLabel("Version of Active Directory Domain Services"));
  await page.keyboard.type("2022");
  await tabTo(page, panel.getByLabel("vCPUs"));
  await page.keyboard.type("2");
  await page.keyboard.press("Tab");
  await page.keyboard.type("1");
  await tabTo(page, panel.locator("#manual-vm-memory"));
  await page.keyboard.type("8");
  await tabTo(page, panel.getByLabel("Firmware"));
  await page.keyboard.press("ArrowDown");
  await tabTo(page, panel.getByLabel("Disk 1 size (GiB)"));
  await page.keyboard.type("60");
  await tabTo(page, panel.getByRole("button", { name: "Add network adapter" }));
  await page.keyboard.press("Enter");
  await tabTo(page, panel.getByLabel("NIC 2 model"));
  await page.keyboard.type("vmxnet3");
  // Open the optional context and give the environment.
  await tabTo(page, panel.locator("summary", { hasText: "Context (optional)" }));
  await page.keyboard.press("Enter");
  await tabTo(page, panel.getByLabel("Environment"));
  await page.keyboard.press("ArrowDown");
  await tabTo(page, panel.getByLabel("Memory used (%)"));
  await page.keyboard.type("55");
  await tabTo(page, panel.getByLabel("Period these figures cover"));
  await page.keyboard.press("ArrowDown");
  await tabTo(page, page.getByRole("tabpanel").getByRole("button", { name: "Publish" }));
  await shot(page, "keyboard-before-publish");
  await page.keyboard.press("Enter");

  await expect(page.getByTestId("publish-result")).toBeVisible();
  await expect(page.getByTestId("publish-result")).toBeFocused();
  const id = /\/vms\/([a-z0-9]+)\/edit/.exec((await page.getByTestId("edit-url").textContent())!)![1];
  const rec = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as {
    vm: { cpu: { vcpus: number }; memoryMiB: number; firmware: string | null; disks: unknown[]; nics: { model: string | null }[] };
    tags: { slug: string; version: string }[];
    context: { environment: string; memoryPct: number };
  };
  expect(rec.vm.cpu.vcpus).toBe(2);
  expect(rec.vm.memoryMiB).toBe(8192);
  expect(rec.vm.firmware).toBe("bios");
  expect(rec.vm.nics.map((n) => n.model)).toEqual([null, "vmxnet3"]);
  expect(rec.tags[0]).toMatchObject({ slug: "active-directory", version: "2022" });
  expect(rec.context).toMatchObject({ environment: "production", memoryPct: 55 });
});

test("upload of a .vmx shows the redaction preview, then publishes and opens the VM's page; the same VM twice is refused", async ({ page }) => {
  await page.goto("/contribute#upload");
  await page.locator("#snapshot-files").setInputFiles([path.join(FIXTURES, "sql-prod-01.vmx")]);
  const files = page.getByRole("list", { name: "Uploaded files" });
  await expect(files.getByRole("progressbar")).toHaveCount(1);
  const vmx = files.getByRole("listitem").filter({ hasText: "sql-prod-01.vmx" }).first();
  await expect(vmx.getByText("1 VM found")).toBeVisible();
  await expect(vmx.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  // One VM: its preview and full form (several VMs get a table: e2e/flows.spec.ts).
  const preview = page.getByRole("region", { name: "VM preview" });
  const vmxRemoved = preview.getByTestId("removed");
  await expect(vmxRemoved).toContainText("VM name");
  await expect(vmxRemoved).toContainText("3 MAC addresses");
  await expect(vmxRemoved).toContainText("1 IP address");
  await expect(vmxRemoved).toContainText("network names");
  // The preview form holds the redacted values only.
  const previewText = (await preview.innerText()) + (await preview.locator("form").evaluate((f) => [...f.querySelectorAll("input")].map((i) => (i as HTMLInputElement).value).join(" ")));
  expect(previewText).not.toMatch(/sql-prod-01|PG-SQL-VLAN120|00:50:56|10\.20\.120\.15/i);
  await expect(preview.getByLabel("vCPUs")).not.toHaveValue("");
  await shot(page, "upload-preview");

  const before = await vmCount(page);
  await pickApp(preview, "SQL Server", /Microsoft SQL Server/);
  await preview.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(/\/vms\/[a-z0-9]+$/);
  await expect(page.getByTestId("publish-result")).toBeVisible();
  expect(await vmCount(page)).toBe(before + 1);
  const id = /\/vms\/([a-z0-9]+)\/edit/.exec((await page.getByTestId("edit-url").textContent())!)![1];
  expect(page.url()).toMatch(new RegExp(`/vms/${id}$`));
  const nics = ((await (await page.request.get(`/api/v1/vms/${id}`)).json()) as { vm: { nics: { network: string | null }[] } }).vm.nics;
  expect(nics.map((n) => n.network)).toEqual(["net-1", "net-2", null]);
  await shot(page, "upload-published");

  // The same snapshot again: refused, with a link to the existing record.
  await page.goto("/contribute?again#upload");
  await page.locator("#snapshot-files").setInputFiles(path.join(FIXTURES, "sql-prod-01.vmx"));
  await expect(page.getByRole("list", { name: "Uploaded files" }).getByText("1 VM found")).toBeVisible();
  const again = page.getByRole("region", { name: "VM preview" });
  await pickApp(again, "SQL Server", /Microsoft SQL Server/);
  await again.getByRole("button", { name: "Publish" }).click();
  await expect(again.getByTestId("duplicate")).toBeVisible();
  await expect(again.getByRole("link", { name: "See the existing record" })).toHaveAttribute("href", `/vms/${id}`);
  expect(await vmCount(page)).toBe(before + 1);
});

test("bulk RVTools import with progress, a lost answer, resumed after a reload with exact counts and every link", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-e2e-rvtools-"));
  const file = path.join(dir, "RVTools_export_all.xlsx");
  fs.writeFileSync(file, await generateRvtoolsWorkbook({ vms: 600, seed: 42 }));
  const before = await vmCount(page);

  await page.goto("/contribute#bulk");
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("RVTools export").setInputFiles(file);
  const summary = page.getByTestId("import-summary");
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary.getByText("VMs found")).toBeVisible();
  await expect(summary.locator(".stat-value").first()).toHaveText("600");
  await panel.getByLabel("Application").first().fill("nginx");
  await expect(page.getByTestId("tagged-count")).toHaveText("600");
  await panel.getByRole("button", { name: "Add rule" }).click();
  await panel.getByLabel("Rule 2: VMs").selectOption("guest");
  await page.locator("#rule-1-match").selectOption("windows");
  await page.locator("#rule-1-app").fill("Microsoft SQL Server");
  await panel.getByLabel("Environment").selectOption("test");
  await shot(page, "bulk-summary");

  // The second batch is published, but its answer is lost; then the connection stays down for the retries.
  let nextCalls = 0;
  await page.route("**/api/v1/imports/*/next", async (route) => {
    if (++nextCalls < 2) return route.continue();
    if (nextCalls === 2) await route.fetch();
    return route.abort();
  });
  await panel.getByRole("button", { name: "Import 600 VMs" }).click();
  await expect(page.getByText(/connection was lost/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-count")).toHaveText("250 of 600 VMs imported");
  expect(await vmCount(page)).toBe(before + 500);
  await page.unroute("**/api/v1/imports/*/next");

  await page.reload();
  await page.getByRole("tab", { name: "Bulk import (RVTools)" }).click();
  await expect(page.getByRole("heading", { name: "Import paused" })).toBeVisible();
  await expect(page.getByTestId("import-count")).toHaveText("500 of 600 VMs imported");
  await shot(page, "bulk-paused");
  // Resuming first repeats the lost request (same request id): the server answers with that batch, not a new one.
  await panel.getByRole("button", { name: "Resume import" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("import-count")).toHaveText("600 of 600 VMs imported");
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100");
  expect(await vmCount(page)).toBe(before + 600);
  await shot(page, "bulk-done");

  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Download edit links (CSV)" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8").trim().split("\n");
  expect(csv).toHaveLength(601);
  expect(new Set(csv.slice(1).map((l) => l.split(",")[0])).size).toBe(600);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("no serious accessibility violations on /contribute", async ({ page }) => {
  await page.goto("/contribute");
  for (const tab of ["Upload a snapshot", "Enter manually", "Bulk import (RVTools)", "Snapshot agent"]) {
    await page.getByRole("tab", { name: tab }).click();
    if (tab === "Enter manually") await page.getByText(/^Context \(optional\)/).click();
    expect(await seriousViolations(page), tab).toEqual([]);
  }
  await shot(page, "agent");
  await expect(page.getByText("--publish http", { exact: false })).toBeVisible();
});

test("the OpenAPI document lists the write API", async ({ page }) => {
  const r = await page.request.get("/api/v1/openapi.json");
  expect(r.status()).toBe(200);
  const doc = (await r.json()) as { paths: Record<string, unknown> };
  for (const p of ["/api/v1/vms", "/api/v1/vms/{id}", "/api/v1/snapshots", "/api/v1/imports", "/api/v1/workloads/{slug}", "/api/v1/compare"]) {
    expect(Object.keys(doc.paths)).toContain(p);
  }
});

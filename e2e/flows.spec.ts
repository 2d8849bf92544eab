import { expect, test, type Locator, type Page } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { generateRvtoolsWorkbook } from "../bench/fixtures-gen/rvtools-workbook";
import { pickApp, shot as pageShot } from "./page-helpers";

/**
 * Contribute flows land where the user looks (issue 17 points 4-6): publishing opens the VM's page with
 * the edit link, saving confirms beside the button, every error shows at once and clears when fixed,
 * several files become one table with "Publish all", a bulk import ends with a link to exactly its VMs,
 * VMs are named by labels, and links are written with the address the visitor used.
 */
const FIXTURES = path.join(__dirname, "fixtures");
const PORT = Number(process.env.E2E_PORT ?? 3100);

const shot = (page: Page, name: string, fullPage = false) => pageShot(page, `flows-${name}`, fullPage);


async function inViewport(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const vp = page.viewportSize()!;
  return !!box && box.y >= 0 && box.y + box.height <= vp.height;
}

test("publishing lands on the new VM's page with the edit link in a banner, never in the URL; saving an edit confirms beside the button", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto("/contribute#manual");
  const panel = page.getByRole("tabpanel");
  await pickApp(panel, "Redis", /Redis/);
  await panel.getByLabel("vCPUs").fill("2");
  await page.locator("#manual-vm-memory").fill("12");
  await panel.getByLabel("Hypervisor vendor").selectOption("vmware");
  await panel.getByLabel("Hypervisor product").fill("VMware ESXi");
  await panel.getByLabel("Hypervisor version").fill("8.0");
  await panel.getByRole("button", { name: "Publish" }).click();

  await page.waitForURL(/\/vms\/[a-z0-9]+$/);
  const id = /\/vms\/([a-z0-9]+)$/.exec(page.url())![1];
  const banner = page.getByTestId("publish-result");
  await expect(banner).toBeVisible();
  await expect(banner).toBeFocused();
  const editUrl = (await banner.getByTestId("edit-url").textContent())!;
  expect(editUrl).toBe(`http://127.0.0.1:${PORT}/vms/${id}/edit#${editUrl.split("#")[1]}`);
  // The token was never part of an address the browser asked for (so no log or Referer holds it).
  const token = editUrl.split("token=")[1];
  expect(requested.some((u) => u.includes(token))).toBe(false);
  expect(page.url()).not.toContain(token);
  // The page names the VM by its label, the id second.
  await expect(page.getByTestId("vm-label")).toHaveText("Redis · 2 vCPU · 12 GiB · ESXi 8.0");
  await shot(page, "published-banner");
  await banner.getByRole("button", { name: "I have saved it" }).click();
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("publish-result")).toHaveCount(0);

  // Editing: the confirmation appears where the user is, beside the button, and takes the focus.
  await page.goto(editUrl);
  await page.getByLabel("vCPUs").fill("4");
  const save = page.getByRole("button", { name: "Save changes" });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  const done = page.getByTestId("form-done");
  await expect(done).toHaveText("Saved.");
  await expect(done).toBeFocused();
  expect(await inViewport(page, done)).toBe(true);
  expect(await inViewport(page, save)).toBe(true);
  await shot(page, "edit-saved");
  const rec = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as { vm: { cpu: { vcpus: number } } };
  expect(rec.vm.cpu.vcpus).toBe(4);
  // Changing a field again takes the old confirmation away.
  await page.getByLabel("vCPUs").fill("8");
  await expect(done).toHaveText("");
});

test("the form reports every error at the first submit and clears each one as it is fixed", async ({ page }) => {
  await page.goto("/contribute#manual");
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("vCPUs").fill("6");
  await panel.getByLabel("Cores per socket").fill("4");
  await page.locator("#manual-vm-memory").fill("10240");
  await panel.getByLabel("Disk 1 size (GiB)").fill("abc");
  await panel.getByRole("button", { name: "Publish" }).click();

  const summary = page.getByRole("alert").filter({ hasText: "Please correct" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("strong")).toHaveText("Please correct 4 fields:");
  await expect(summary.getByRole("listitem")).toHaveCount(4);
  await expect(page.locator("#manual-vm-coresPerSocket-error")).toHaveText("must divide the 6 vCPUs evenly");
  await expect(page.locator("#manual-vm-memory-error")).toContainText("GiB per vCPU");
  await expect(page.locator("#manual-vm-disks-0-sizeGiB-error")).toHaveText("enter a number");
  await expect(page.getByTestId("implausible-confirm")).toBeVisible();
  await shot(page, "all-errors", true);

  // Each fix clears its own error at once, without a submit.
  await panel.getByLabel("Cores per socket").fill("3");
  await expect(page.locator("#manual-vm-coresPerSocket-error")).toHaveCount(0);
  await expect(page.locator("#manual-vm-coresPerSocket")).not.toHaveAttribute("aria-invalid", "true");
  await expect(summary.getByRole("strong")).toHaveText("Please correct 3 fields:");
  await page.locator("#manual-vm-memory").fill("48");
  await expect(page.locator("#manual-vm-memory-error")).toHaveCount(0);
  await panel.getByLabel("Disk 1 size (GiB)").fill("80");
  await expect(page.locator("#manual-vm-disks-0-sizeGiB-error")).toHaveCount(0);
  await pickApp(panel, "PostgreSQL", /PostgreSQL/);
  await expect(summary).toHaveCount(0);
  await shot(page, "errors-cleared");
});

test("several uploaded files become one table with Publish all, one edit link per VM and a CSV of them", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-e2e-multi-"));
  // Six small files, as the tester uploaded: copies of the fixture with their own identity.
  const vmx = fs.readFileSync(path.join(FIXTURES, "sql-prod-01.vmx"), "utf8");
  const files = Array.from({ length: 5 }, (_, i) => {
    const f = path.join(dir, `app-${i + 1}.vmx`);
    const body = vmx
      .replace(/^uuid\.bios\s*=.*$/m, `uuid.bios = "56 4d 00 00 00 00 00 0${i}-00 00 00 00 00 00 00 0${i}"`)
      .replace(/^displayName\s*=.*$/m, `displayName = "app-${Date.now()}-${i}"`)
      .replace(/^memSize\s*=.*$/m, `memSize = "${(i + 2) * 4096}"`);
    fs.writeFileSync(f, body);
    return f;
  });
  files.push(path.join(FIXTURES, "gitlab-runner-07.ova"));

  await page.goto("/contribute#upload");
  await page.locator("#snapshot-files").setInputFiles(files);
  const table = page.getByTestId("multi-table");
  await expect(table.getByTestId("multi-row")).toHaveCount(6, { timeout: 60_000 });
  // Compact: six rows, no six forms stacked.
  await expect(page.getByRole("form", { name: "Publish" })).toHaveCount(0);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(3000);
  await shot(page, "multi-table", true);

  // One row opens to its full form, with what was removed.
  const first = table.getByTestId("multi-row").first();
  await first.getByRole("button", { name: /^Edit/ }).click();
  await expect(table.getByTestId("removed")).toContainText("VM name");
  await expect(table.getByRole("form", { name: "Publish" })).toHaveCount(1);
  await first.getByRole("button", { name: /^Close/ }).click();

  // Publish all without applications: every row is told what to fix, nothing is published.
  await page.getByRole("button", { name: "Publish all (6)" }).click();
  await expect(table.locator('[data-testid="multi-row"][data-status="fix"]')).toHaveCount(6);
  // One application for every VM without one, then Publish all.
  const common = page.getByRole("group", { name: /Applications for every VM without one/ });
  await pickApp(common, "nginx", /NGINX/i);
  await common.getByRole("button", { name: "Give to 6 VMs without an application" }).click();
  await page.getByRole("button", { name: "Publish all (6)" }).click();
  const result = page.getByTestId("publish-all-result");
  await expect(result).toContainText("6 of 6 VMs published.", { timeout: 60_000 });
  await expect(result).toBeFocused();
  await expect(result.getByTestId("edit-url")).toHaveCount(6);
  await expect(table.locator('[data-testid="multi-row"][data-status="published"]')).toHaveCount(6);
  await shot(page, "multi-published", true);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download edit links (CSV)" }).click();
  const csv = fs.readFileSync(await (await download).path(), "utf8").trim().split("\n");
  expect(csv[0]).toBe("label,id,page_url,edit_url");
  expect(csv).toHaveLength(7);
  for (const line of csv.slice(1)) {
    const cells = line.split(",");
    expect(cells[0]).toMatch(/NGINX · \d+ vCPU · \d+ GiB/i);
    expect(cells[2]).toBe(`http://127.0.0.1:${PORT}/vms/${cells[1]}`);
    expect(cells[3]).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/vms/${cells[1]}/edit#token=`));
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a bulk import ends with a link to exactly its VMs and says in plain view what it left out", async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-e2e-import-link-"));
  const file = path.join(dir, "RVTools_export_all.xlsx");
  fs.writeFileSync(file, await generateRvtoolsWorkbook({ vms: 40, seed: 1717, templates: 2 }));

  await page.goto("/contribute#bulk");
  const panel = page.getByRole("tabpanel");
  await panel.getByLabel("RVTools export").setInputFiles(file);
  const summary = page.getByTestId("import-summary");
  await expect(summary).toBeVisible({ timeout: 60_000 });
  // Templates are said in plain view, not inside a collapsed list.
  await expect(summary.getByTestId("left-out")).toContainText("Skipped 2 templates (templates are not running VMs)");
  await expect(summary.getByTestId("left-out")).toBeVisible();
  await panel.getByLabel("Application").first().fill("nginx");
  await expect(page.getByTestId("tagged-count")).toHaveText("40");
  await panel.getByRole("button", { name: "Import 40 VMs" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 120_000 });
  const leftOut = page.getByTestId("left-out");
  await expect(leftOut).toContainText("Skipped 2 templates");
  const link = page.getByTestId("imported-link");
  await expect(link).toHaveText(/See the (\d+) imported VMs/);
  const imported = Number(/See the (\d+)/.exec((await link.textContent())!)![1]);
  expect(imported).toBeGreaterThan(0);
  await shot(page, "bulk-done-link", true);

  const href = (await link.getAttribute("href"))!;
  const publicId = /^\/vms\?import=([a-z0-9]{16})$/.exec(href)![1];
  // The public id is not the job's id and opens nothing of the job.
  const jobStatus = await page.request.get(`/api/v1/imports/${publicId}`, { headers: { authorization: `Bearer ${publicId}` } });
  expect(jobStatus.status()).toBe(404);
  await link.click();
  await expect(page.getByTestId("import-filter")).toContainText(`Showing only the ${imported} VMs published by one bulk import`);
  const api = (await (await page.request.get(`/api/v1/vms?import=${publicId}&size=100`)).json()) as { total: number; rows: { primaryApp: string }[] };
  expect(api.total).toBe(imported);
  expect(api.rows.every((r) => r.primaryApp === "nginx")).toBe(true);
  await shot(page, "bulk-imported-vms");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("compare headers and similar VMs name VMs by label, the id second", async ({ page }) => {
  const rows = ((await (await page.request.get("/api/v1/vms?size=2&sort=vcpus&dir=desc")).json()) as { rows: { id: string }[] }).rows;
  await page.goto(`/compare?ids=${rows.map((r) => r.id).join(",")}`);
  const heads = page.getByTestId("vm-label");
  await expect(heads).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const text = (await heads.nth(i).textContent())!;
    expect(text).toMatch(/\d+ vCPU · [\d.]+ (GiB|MiB|TiB)/);
    expect(text).not.toContain(rows[i].id);
    expect(text).not.toMatch(/\b0 GiB/);
    await expect(page.locator("thead").getByText(rows[i].id)).toBeVisible();
  }
  await shot(page, "compare-labels");
  await page.goto(`/vms/${rows[0].id}`);
  const similar = page.getByTestId("similar-label");
  await expect(similar.first()).toBeVisible();
  expect(await similar.first().textContent()).toMatch(/\d+ vCPU/);
});

/** A reverse proxy as small as it gets: forwards to the server from `via`, saying which host the client asked for. */
function startProxy(port: number, via: "::1" | "127.0.0.1"): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, "x-forwarded-host": req.headers.host ?? "", "x-forwarded-proto": "http", host: `127.0.0.1:${PORT}` };
    const up = http.request({ host: via, port: PORT, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on("error", () => res.writeHead(502).end());
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

test("behind a reverse proxy, edit links use the proxied address only when TRUST_PROXY names the proxy", async ({ request }) => {
  // playwright.config.ts starts the server with TRUST_PROXY=::1: a proxy reaching it over ::1 is trusted,
  // one reaching it over 127.0.0.1 is not (and neither is any client).
  const trusted = await startProxy(PORT + 1, "::1");
  const untrusted = await startProxy(PORT + 2, "127.0.0.1");
  try {
    const row = ((await (await request.get("/api/v1/vms?size=1")).json()) as { rows: { id: string }[] }).rows[0];
    const rec = (await (await request.get(`/api/v1/vms/${row.id}`)).json()) as {
      vm: { memoryMiB: number }; tags: { slug: string; version: string | null; primary: boolean }[]; context: unknown;
    };
    const publish = async (base: string, memoryMiB: number) => {
      const res = await fetch(`${base}/api/v1/vms`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ vm: { ...rec.vm, memoryMiB }, tags: rec.tags.map((t) => ({ slug: t.slug, version: t.version, primary: t.primary })), context: rec.context }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { created: { id: string; editUrl: string }[] }).created[0];
    };
    const seed = 1000 + Math.floor(Math.random() * 50_000);
    const viaTrusted = await publish(`http://localhost:${PORT + 1}`, seed * 4);
    expect(viaTrusted.editUrl.startsWith(`http://localhost:${PORT + 1}/vms/${viaTrusted.id}/edit#token=`)).toBe(true);
    const viaUntrusted = await publish(`http://localhost:${PORT + 2}`, seed * 4 + 1024);
    expect(viaUntrusted.editUrl.startsWith(`http://127.0.0.1:${PORT}/vms/${viaUntrusted.id}/edit#token=`)).toBe(true);
    // A client that sends X-Forwarded-Host itself is not believed either.
    const forged = await fetch(`http://127.0.0.1:${PORT}/api/v1/vms`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-host": "evil.example" },
      body: JSON.stringify({ vm: { ...rec.vm, memoryMiB: seed * 4 + 2048 }, tags: rec.tags.map((t) => ({ slug: t.slug, version: t.version, primary: t.primary })), context: rec.context }),
    });
    const body = (await forged.json()) as { created: { editUrl: string }[] };
    expect(body.created[0].editUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/`));
    // The PDF's "Live page" line is written with the same address.
    const pdf = await fetch(`http://localhost:${PORT + 1}/api/v1/reports/vm/${viaTrusted.id}.pdf`);
    expect(pdf.status).toBe(200);
  } finally {
    trusted.close();
    untrusted.close();
  }
});

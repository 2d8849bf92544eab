import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Issue 13 §5: one upload limit checked before uploading, and implausible numbers confirmed, then marked. */
const LIMIT = 50 * 1024 * 1024;

/** A file one byte over the limit (sparse: Playwright takes buffers only up to 50 MB). */
function overLimit(name: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vmc-e2e-limit-")), name);
  fs.writeFileSync(file, "");
  fs.truncateSync(file, LIMIT + 1);
  return file;
}

test("a file over the upload limit is refused in the browser with the limit, and nothing is uploaded", async ({ page }) => {
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/api\/v1\/(snapshots|imports)/.test(r.url())) uploads.push(r.url());
  });
  await page.goto("/contribute");
  await expect(page.locator("#snapshot-files-hint")).toContainText("Up to 50 MiB per file.");
  await page.locator("#snapshot-files").setInputFiles(overLimit("huge.vmx"));
  await expect(page.getByRole("tabpanel").getByRole("alert")).toHaveText("huge.vmx is 50.0 MiB; the limit is 50 MiB per file.");
  await expect(page.getByRole("list", { name: "Uploaded files" })).toHaveCount(0);

  // The bulk import says and checks the same number.
  await page.goto("/contribute#bulk");
  await expect(page.locator("#rvtools-file-hint")).toContainText("50 MiB");
  await page.locator("#rvtools-file").setInputFiles(overLimit("RVTools_tabvInfo.csv"));
  await expect(page.getByRole("tabpanel").getByRole("alert")).toHaveText("RVTools_tabvInfo.csv is 50.0 MiB; the limit is 50 MiB per file.");
  expect(uploads).toEqual([]);
});

test("an implausible VM: the reason is shown, the contributor confirms, it is published and marked on its page", async ({ page }) => {
  await page.goto("/contribute#manual");
  const panel = page.getByRole("tabpanel");
  const combo = panel.getByRole("combobox", { name: "Add an application" });
  await combo.fill("nginx");
  await panel.getByRole("option", { name: /^nginx/i }).first().click();
  await panel.getByLabel("vCPUs").fill("1");
  await page.locator("#manual-vm-memory").fill("10240");
  await panel.getByLabel("Disk 1 size (GiB)").fill("100");

  const reason = "10 TiB of memory for 1 vCPU is 10,240 GiB per vCPU; VMs run with at most 512 GiB per vCPU.";
  const confirm = panel.getByTestId("implausible-confirm");
  await expect(confirm).toContainText(reason);
  await panel.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "These numbers look implausible" })).toBeFocused();
  await expect(page.locator("#manual-vm-memory-error")).toHaveText(reason);
  await expect(page.getByTestId("publish-result")).toHaveCount(0);

  await confirm.getByRole("checkbox", { name: /These numbers are right/ }).check();
  await panel.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  const editUrl = (await page.getByTestId("edit-url").textContent())!;
  const id = /\/vms\/([a-z0-9]+)\/edit/.exec(editUrl)![1];

  await page.goto(`/vms/${id}`);
  const note = page.getByRole("note").filter({ hasText: "Marked implausible" });
  await expect(note).toBeVisible();
  await expect(note).toContainText(reason);
  await expect(note).toContainText("left out of peer statistics");
  const serious = (await new AxeBuilder({ page }).include("[data-testid=implausible-note]").analyze()).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious).toEqual([]);

  const rec = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as { plausibility: { reasons: string[]; confirmedAt: string | null } };
  expect(rec.plausibility).toEqual({ reasons: [reason], confirmedAt: null });
});

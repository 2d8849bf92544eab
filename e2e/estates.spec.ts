import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import {
  deriveRvtoolsEnvironment, generateRvtoolsEnvironment, writeRvtoolsWorkbook, type RvtoolsEnvironment,
} from "../bench/fixtures-gen/rvtools-workbook";
import { seriousViolations, shot } from "./page-helpers";

/**
 * Estate history through the pages: save a 40-VM workbook as an estate, then
 * import a later export with 3 VMs added, 2 removed and 5 changed, and check
 * the diff shows exactly those; nothing the API returns later holds a name or
 * UUID of either workbook.
 */
const BASE = generateRvtoolsEnvironment({ vms: 40, seed: 2611 });
const NEXT = deriveRvtoolsEnvironment(BASE, { add: 3, remove: 2, change: 5, seed: 12 });
const nameOf = (env: RvtoolsEnvironment, uuid: string) => env.vms.find((v) => v.uuid === uuid)!.name;



function identifying(...envs: RvtoolsEnvironment[]): string[] {
  const out = new Set<string>();
  for (const env of envs) {
    out.add(env.vcenterUuid);
    for (const vm of env.vms) for (const v of [vm.name, vm.uuid, vm.smbiosUuid, vm.dnsName, vm.primaryIp]) if (v) out.add(v.toLowerCase());
  }
  return [...out];
}

test("an estate imported twice shows the VMs added, removed and changed", async ({ page }, info) => {
  test.setTimeout(120_000);
  const first = info.outputPath("estate-1.xlsx");
  const second = info.outputPath("estate-2.xlsx");
  fs.mkdirSync(path.dirname(first), { recursive: true });
  fs.writeFileSync(first, await writeRvtoolsWorkbook(BASE));
  fs.writeFileSync(second, await writeRvtoolsWorkbook(NEXT.env));

  await page.goto("/estates/new");
  await expect(page.getByRole("heading", { level: 1, name: "Start an estate" })).toBeVisible();
  await page.getByLabel("Estate name").fill("E2E lab");
  await page.getByLabel("RVTools workbook or snapshot files").setInputFiles(first);
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("40 VMs found in 1 file");
  await page.getByLabel("Application for all VMs").selectOption("nginx");
  await page.getByText("Different application by guest OS").click();
  await page.getByLabel("Windows guests").selectOption("mssql");
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "estate-new");
  await page.getByRole("button", { name: "Save estate and publish VMs" }).click();

  await expect(page.getByRole("heading", { name: "Estate saved" })).toBeVisible();
  await expect(page.getByText("40 VMs published")).toBeVisible();
  const editUrl = await page.getByLabel("Edit link").inputValue();
  expect(editUrl).toMatch(/\/estates\/[a-z0-9]+#token=[A-Za-z0-9_-]{40,}$/);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "estate-saved");

  await page.getByRole("link", { name: "Open the estate" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "E2E lab" })).toBeVisible();
  await expect(page.getByTestId("history-table").locator("tbody tr")).toHaveCount(1);

  await page.getByLabel("Newer export", { exact: true }).setInputFiles(second);
  await page.getByRole("button", { name: "Import and show changes" }).click();
  await expect(page.getByTestId("diff-summary")).toHaveText("3 VMs added · 2 VMs removed · 5 VMs changed · 33 unchanged");

  const changedRows = page.getByTestId("changed-table").locator("tbody tr");
  await expect(changedRows).toHaveCount(5);
  for (const uuid of NEXT.changed) {
    const before = BASE.vms.find((v) => v.uuid === uuid)!;
    const row = changedRows.filter({ hasText: before.name });
    await expect(row).toContainText(`vCPU ${before.cpus} → ${before.cpus * 2}`);
    await expect(row).toContainText(`${before.disks[0].capacityMiB / 1024 + 20} GiB`);
  }
  const addedRows = page.getByTestId("added-table").locator("tbody tr");
  await expect(addedRows).toHaveCount(3);
  for (const uuid of NEXT.added) await expect(addedRows.filter({ hasText: nameOf(NEXT.env, uuid) })).toHaveCount(1);
  await expect(page.getByTestId("removed-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("history-table").locator("tbody tr")).toHaveCount(2);
  await expect(page.getByTestId("history-table").locator("tbody tr").first()).toContainText("+3 −2 ~5");
  await expect(page.getByRole("img", { name: /VMs per import: import #1 \(.*\) 40, import #2 \(.*\) 41/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "estate-diff");

  // A changed VM's page shows its new size; the API keeps no name or UUID.
  const changedBefore = BASE.vms.find((v) => v.uuid === NEXT.changed[0])!;
  await changedRows.filter({ hasText: changedBefore.name }).getByRole("link").click();
  await expect(page.locator("dl.facts dt:text-is('vCPUs') + dd")).toHaveText(new RegExp(`^${changedBefore.cpus * 2}\\b`));
  const [, id, token] = /\/estates\/([a-z0-9]+)#token=(.+)$/.exec(editUrl)!;
  const api = await page.request.get(`/api/v1/estates/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  const text = (await api.text()).toLowerCase();
  expect(identifying(BASE, NEXT.env).filter((v) => text.includes(v))).toEqual([]);
  const members = (JSON.parse(await api.text()) as { members: { vmId: string }[] }).members;
  expect(members).toHaveLength(41);
  for (const { vmId } of members.slice(0, 3)) {
    const vm = (await (await page.request.get(`/api/v1/vms/${vmId}`)).text()).toLowerCase();
    expect(identifying(BASE, NEXT.env).filter((v) => vm.includes(v))).toEqual([]);
  }
});

test("an estate without its token asks for the edit link, and a wrong one is refused", async ({ page }) => {
  await page.goto("/estates/abcdefgh2345");
  await expect(page.getByRole("heading", { name: "Open an estate" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Edit link").fill("https://example.com/estates/abcdefgh2345#token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await page.getByRole("button", { name: "Open" }).click();
  await expect(page.locator(".alert-error")).toContainText("no estate at this address");
  expect((await page.request.get("/api/v1/estates/abcdefgh2345")).status()).toBe(404);
});

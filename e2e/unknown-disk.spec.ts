import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { pickApp, writeVmx } from "./page-helpers";

/*
 * Unknown is never zero: a .vmx whose disks have no descriptor beside them
 * has disks of unknown size. Uploaded, previewed, published and compared
 * privately, it must read "unknown" everywhere and never "0 GiB".
 */

/** "0 GiB" standing alone: not the end of "10 GiB" or "2.0 GiB", and not "+0 GiB". */
const ZERO_GIB = /(^|[^\d.+])0 GiB/;


function writeOrdersVmx(): { dir: string; file: string } {
  return writeVmx("vmc-e2e-unknown-", "orders-db-42.vmx", [
    '.encoding = "UTF-8"', 'config.version = "8"', 'virtualHW.version = "19"', 'displayName = "orders-db-42"', 'numvcpus = "3"',
    'memSize = "12288"', 'guestOS = "windows2019srv-64"', 'firmware = "efi"', 'scsi0.present = "TRUE"', 'scsi0.virtualDev = "pvscsi"',
    'scsi0:0.present = "TRUE"', 'scsi0:0.fileName = "orders-db-42.vmdk"', 'scsi0:1.present = "TRUE"', 'scsi0:1.fileName = "orders-db-42_1.vmdk"',
    'ethernet0.present = "TRUE"', 'ethernet0.virtualDev = "vmxnet3"', 'ethernet0.networkName = "Orders-LAN"',
  ]);
}

async function expectNoZeroGiB(page: Page) {
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(ZERO_GIB);
}

test("a VM with disks of unknown size reads 'unknown', never 0 GiB, from upload to VM page and private comparison", async ({ page }) => {
  const { dir, file } = writeOrdersVmx();

  // Upload preview.
  await page.goto("/contribute#upload");
  await page.locator("#snapshot-files").setInputFiles(file);
  const item = page.getByRole("list", { name: "Uploaded files" }).getByRole("listitem").filter({ hasText: "orders-db-42.vmx" }).first();
  await expect(item.getByText("1 VM found")).toBeVisible();
  // One file, one VM: its preview and form follow the file list.
  const preview = page.getByRole("region", { name: "VM preview" });
  await expect(preview).toContainText("disk size unknown");
  expect(await preview.innerText()).not.toMatch(ZERO_GIB);
  // The form keeps the sizes empty (unknown), not 0.
  await expect(preview.getByLabel("Disk 1 size (GiB)")).toHaveValue("");
  await expect(preview.getByLabel("Disk 2 size (GiB)")).toHaveValue("");

  // Published: the VM's own page opens, with the edit link.
  await pickApp(preview, "SQL Server", /Microsoft SQL Server/);
  await preview.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-result")).toBeVisible();
  const id = /\/vms\/([a-z0-9]+)\/edit/.exec((await page.getByTestId("edit-url").textContent())!)![1];
  const rec = (await (await page.request.get(`/api/v1/vms/${id}`)).json()) as { vm: { totalDiskGiB: number | null; disks: { sizeGiB: number | null }[] } };
  expect(rec.vm.totalDiskGiB).toBeNull();
  expect(rec.vm.disks.map((d) => d.sizeGiB)).toEqual([null, null]);

  // The VM page.
  await page.goto(`/vms/${id}`);
  await expect(page.getByTestId("total-disk")).toHaveText("unknown (2 disks, sizes not given)");
  const diskCard = page.locator("[data-metric='totalDiskGiB']");
  await expect(diskCard.locator(".stat-value")).toHaveText("unknown");
  await expect(diskCard).toContainText("not compared");
  await expect(diskCard).not.toContainText("percentile");
  await expect(diskCard).toContainText("this VM: unknown, not charted");
  await expect(page.getByTestId("peers-totalDiskGiB")).toContainText(/^n = [\d,]+/);
  await expectNoZeroGiB(page);

  // The browse table sorted by disk, ascending: it is not first as if it were 0.
  const browse = (await (await page.request.get("/api/v1/vms?sort=disk&dir=asc&size=25")).json()) as { rows: { id: string; totalDiskGib: number | null }[] };
  expect(browse.rows.map((r) => r.id)).not.toContain(id);
  // Unknowns sort last: none on the first page of an ascending sort (a known total may be tiny, e.g. a simulator's disk).
  expect(browse.rows.every((r) => r.totalDiskGib !== null)).toBe(true);

  // The private comparison of the same file.
  await page.goto("/compare/yours");
  await page.getByLabel("Snapshot file", { exact: true }).setInputFiles(file);
  await page.getByLabel("Application (optional)").fill("Microsoft SQL Server");
  await page.getByRole("button", { name: "Compare with peers" }).click();
  await expect(page.getByText("Compared privately: nothing was stored.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Your configuration: 3 vCPUs, 12 GiB memory, disk size unknown/ })).toBeVisible();
  const privateDisk = page.locator("[data-metric='totalDiskGiB']");
  await expect(privateDisk.locator(".stat-value")).toHaveText("unknown");
  await expect(privateDisk).not.toContainText("percentile");
  // Similar VMs never read "+40 GiB" against an unknown total.
  const similar = page.getByRole("region", { name: "Similar VMs" });
  if (await similar.locator("tbody tr").count()) {
    const diskColumn = await similar.locator("tbody tr td:nth-child(5)").allInnerTexts();
    expect(diskColumn.every((t) => t.trim() === "unknown")).toBe(true);
  }
  await expectNoZeroGiB(page);
  fs.rmSync(dir, { recursive: true, force: true });
});

import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { rvtoolsParser } from "../lib/formats/rvtools/index";
import {
  expectedVms, sampleSpec, writeCsvZip, writeWorkbook, type TruthVm, type WorkbookSpec,
} from "../lib/formats/rvtools/workbook-generator.test-support";
import { openZip, readEntry } from "../lib/formats/rvtools/zip";

/**
 * Issue 13 §1 in the browser: an RVTools export as RVTools writes it (OpenXML
 * SDK: x:-prefixed SpreadsheetML, absolute targets, byte-order marks, a
 * .psmdcp part, [Content_Types].xml last), as Excel writes it, and as the
 * per-tab CSV files of "Export all to csv" zipped, each goes through the bulk
 * import, a new estate and the redaction tool. The files are generated here
 * with known values; two VMs have no usable disk size (RVTools wrote 0 or
 * nothing), which must read as unknown, never 0 GiB.
 */
type Form = "openxml-sdk" | "excel" | "csv-zip";
const FORMS: { form: Form; label: string; fileName: string }[] = [
  { form: "openxml-sdk", label: "OpenXML SDK xlsx (as RVTools writes it)", fileName: "RVTools_export_all.xlsx" },
  { form: "excel", label: "Excel xlsx", fileName: "RVTools_export_all.xlsx" },
  { form: "csv-zip", label: "per-tab CSV zip", fileName: "RVTools_export_all.zip" },
];

const OS = { rhel: "Red Hat Enterprise Linux 9 (64-bit)", win: "Microsoft Windows Server 2022 (64-bit)", ubuntu: "Ubuntu Linux (64-bit)" };

/**
 * Six VMs (one a template, so five are read), each with its own memory size
 * so that a published VM can be told apart without its name. Names, UUIDs and
 * addresses carry `tag` so that the same VMs published by two flows are never
 * taken for duplicates of each other.
 */
function vmsFor(tag: string, n: number): TruthVm[] {
  const uuid = (i: number) => `50cc${String(n).padStart(4, "0")}-0000-4000-8000-${String(i).padStart(12, "0")}`;
  const base = (i: number, name: string) => ({
    name: `${tag}-${name}`, uuid: uuid(i), template: false, ip: `10.${70 + n}.0.${10 + i}`, dnsName: `${tag}-${name}.corp.example`,
    nics: [{ adapter: "Vmxnet3" as const, network: `VLAN${300 + n}-${tag}` }], inVDisk: true, hwVersion: 19,
  });
  return [
    { ...base(1, "web-01"), cpus: 2, coresPerSocket: 2, memoryMiB: 4096, firmware: "efi", osConfig: OS.rhel, disks: [{ capacityMiB: 40960, thin: true, controller: "SCSI controller 0" }], totalDiskMiB: 40960 },
    { ...base(2, "sql-01"), cpus: 8, coresPerSocket: 4, memoryMiB: 65536, firmware: "efi", hwVersion: 21, osConfig: OS.win, disks: [{ capacityMiB: 102400, thin: false, controller: "SCSI controller 0" }, { capacityMiB: 512000, thin: false, controller: "SCSI controller 1" }], inVDisk: false, totalDiskMiB: 614400 },
    // RVTools could not read the disk: 0 in vDisk, nothing in vInfo's total.
    { ...base(3, "lost-01"), cpus: 1, coresPerSocket: 1, memoryMiB: 2048, firmware: "bios", osConfig: OS.ubuntu, disks: [{ capacityMiB: 0, thin: true, controller: "SCSI controller 0" }], totalDiskMiB: null },
    // Not in vDisk and a total of 0: two disks of unknown size.
    { ...base(4, "lost-02"), cpus: 4, coresPerSocket: 2, memoryMiB: 8192, firmware: "efi", osConfig: OS.win, disks: [{ capacityMiB: 0, thin: true, controller: "SCSI controller 0" }, { capacityMiB: 0, thin: true, controller: "SCSI controller 0" }], inVDisk: false, totalDiskMiB: 0 },
    { ...base(5, "app-01"), cpus: 4, coresPerSocket: 1, memoryMiB: 12288, firmware: "bios", hwVersion: 13, osConfig: OS.rhel, disks: [{ capacityMiB: 61440, thin: true, controller: "SATA controller 0" }], totalDiskMiB: 61440 },
    { ...base(6, "tpl-01"), template: true, cpus: 1, coresPerSocket: 1, memoryMiB: 1024, firmware: "bios", osConfig: OS.ubuntu, disks: [{ capacityMiB: 20480, thin: true, controller: "SATA controller 0" }], totalDiskMiB: 20480 },
  ];
}
const UNKNOWN_DISK_MEMORY = [2048, 8192];

function specFor(form: Form, vms: TruthVm[]): WorkbookSpec {
  return sampleSpec({ style: form === "excel" ? "excel" : "openxml-sdk", vms });
}

function fileFor(form: Form, spec: WorkbookSpec, fileName: string) {
  const buffer = form === "csv-zip" ? writeCsvZip(spec, "RVTools_export_all/") : writeWorkbook(spec);
  return { name: fileName, mimeType: form === "csv-zip" ? "application/zip" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer };
}

/** Every identifying value the generated export holds (the generator's fixed columns included). */
function identifying(spec: WorkbookSpec): string[] {
  return [
    ...spec.vms.flatMap((v) => [v.name, v.uuid, v.ip!, v.dnsName!, `[ds-01] ${v.name}/${v.name}.vmx`, ...v.nics.map((n) => n.network)]),
    "esx01.test.example", "vcsa.test.example", "Jane Admin",
  ];
}

/** "0 GiB" as a size of its own (not the end of "40 GiB" or "0.5 GiB"). */
const ZERO_GIB = /(^|[^\d.])0 GiB/;

interface ApiVm {
  vm: {
    cpu: { vcpus: number; coresPerSocket: number | null };
    memoryMiB: number;
    totalDiskGiB: number | null;
    disks: { sizeGiB: number | null }[];
    firmware: string | null;
  };
}

async function getVm(page: Page, id: string): Promise<ApiVm> {
  const r = await page.request.get(`/api/v1/vms/${id}`);
  expect(r.status(), `GET /api/v1/vms/${id}`).toBe(200);
  return (await r.json()) as ApiVm;
}

/** The published VMs match the generated ones, told apart by memory; unknown disk sizes are null, never 0. */
async function expectPublished(page: Page, ids: string[], spec: WorkbookSpec) {
  const truth = expectedVms(spec);
  const got = await Promise.all(ids.map((id) => getVm(page, id)));
  expect(got.map((g) => g.vm.memoryMiB).sort((a, b) => a - b)).toEqual(truth.map((t) => t.memoryMiB).sort((a, b) => a - b));
  for (const t of truth) {
    const { vm } = got.find((g) => g.vm.memoryMiB === t.memoryMiB)!;
    expect(vm.cpu, t.name).toEqual({ vcpus: t.cpu.vcpus, coresPerSocket: t.cpu.coresPerSocket });
    expect(vm.firmware, t.name).toBe(t.firmware);
    expect(vm.totalDiskGiB, t.name).toBe(t.totalDiskGiB);
    expect(vm.disks.map((d) => d.sizeGiB), t.name).toEqual(t.disks.map((d) => d.sizeGiB));
  }
  for (const mem of UNKNOWN_DISK_MEMORY) {
    const { vm } = got.find((g) => g.vm.memoryMiB === mem)!;
    expect(vm.totalDiskGiB).toBeNull();
    expect(vm.disks.length).toBeGreaterThan(0);
    expect(vm.disks.every((d) => d.sizeGiB === null)).toBe(true);
  }
  return new Map(ids.map((id, i) => [got[i].vm.memoryMiB, id]));
}

/** The VM's own page says its total disk is unknown and shows no 0 GiB anywhere. */
async function expectUnknownDiskPage(page: Page, id: string) {
  await page.goto(`/vms/${id}`);
  await expect(page.getByTestId("total-disk")).toHaveText(/^unknown \(/);
  expect(await page.locator("main").innerText()).not.toMatch(ZERO_GIB);
}

for (const [n, { form, label, fileName }] of FORMS.entries()) {
  test.describe(label, () => {
    test("bulk import: summary, import to the end, published values, unknown disks stay unknown", async ({ page }) => {
      test.setTimeout(180_000);
      const spec = specFor(form, vmsFor(`bulk${n}`, n));
      await page.goto("/contribute#bulk");
      const panel = page.getByRole("tabpanel");
      await panel.getByLabel("RVTools export").setInputFiles(fileFor(form, spec, fileName));
      const summary = page.getByTestId("import-summary");
      await expect(summary).toBeVisible({ timeout: 60_000 });
      await expect(summary.locator(".stat-value").first()).toHaveText("5");
      // The two notes this export deserves, and nothing else.
      await expect(summary.locator(".stat", { hasText: "problems" }).locator(".stat-value")).toHaveText("2");
      await summary.getByText("Every message from reading the workbook (2)").click();
      await expect(summary.locator("details li")).toHaveText([/skipped 1 template/, /no vDisk rows for 2 VMs/]);
      await panel.getByLabel("Application").first().fill("nginx");
      await expect(page.getByTestId("tagged-count")).toHaveText("5");
      await panel.getByRole("button", { name: "Import 5 VMs" }).click();
      await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 90_000 });
      await expect(page.getByTestId("import-count")).toHaveText("5 of 5 VMs imported");
      expect(await page.locator("main").innerText()).not.toMatch(ZERO_GIB);

      const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "Download edit links (CSV)" }).click()]);
      const lines = (await readFile(await download.path(), "utf8")).trim().split("\n").slice(1);
      const ids = lines.map((l) => l.split(",")[0]);
      expect(ids).toHaveLength(5);
      const byMemory = await expectPublished(page, ids, spec);
      for (const mem of UNKNOWN_DISK_MEMORY) await expectUnknownDiskPage(page, byMemory.get(mem)!);
    });

    test("estate: created from the file, its VMs listed, a newer export shows the changes", async ({ page }) => {
      test.setTimeout(180_000);
      const vms = vmsFor(`estate${n}`, 10 + n);
      const spec = specFor(form, vms);
      await page.goto("/estates/new");
      await page.getByLabel("Estate name").fill(`Forms ${form}`);
      await page.getByLabel("RVTools workbook or snapshot files").setInputFiles(fileFor(form, spec, fileName));
      const preview = page.getByRole("region", { name: "Preview" });
      await expect(preview).toContainText("5 VMs found in 1 file", { timeout: 60_000 });
      await expect(preview).toContainText("(2 VMs unknown) disk");
      await page.getByLabel("Application for all VMs").selectOption("nginx");
      await page.getByRole("button", { name: "Save estate and publish VMs" }).click();
      await expect(page.getByRole("heading", { name: "Estate saved" })).toBeVisible({ timeout: 90_000 });
      await expect(page.getByText("5 VMs published")).toBeVisible();
      const editUrl = await page.getByLabel("Edit link").inputValue();
      const [, estateId, token] = /\/estates\/([a-z0-9]+)#token=(.+)$/.exec(editUrl)!;

      await page.getByRole("link", { name: "Open the estate" }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Forms ${form}` })).toBeVisible();
      const members = page.getByRole("table", { name: "VMs of the latest import" }).locator("tbody tr");
      await expect(members).toHaveCount(5);
      for (const t of expectedVms(spec)) {
        const mem = t.memoryMiB / 1024;
        const row = members.filter({ has: page.locator("td", { hasText: new RegExp(`^${mem} GiB$`) }) });
        await expect(row, t.name).toHaveCount(1);
        await expect(row.locator("td").nth(2)).toHaveText(String(t.cpu.vcpus));
        await expect(row.locator("td").nth(4)).toHaveText(t.totalDiskGiB === null ? "unknown" : `${t.totalDiskGiB} GiB`);
      }
      expect(await page.locator("main").innerText()).not.toMatch(ZERO_GIB);
      const api = (await (await page.request.get(`/api/v1/estates/${estateId}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { members: { vmId: string }[] };
      const byMemory = await expectPublished(page, api.members.map((m) => m.vmId), spec);

      // The next export: web-01 doubled its vCPUs, app-01 is gone, new-01 came.
      const next = specFor(form, [
        { ...vms[0], cpus: 4 },
        ...vms.slice(1, 4),
        { ...vms[4], name: `estate${n}-new-01`, uuid: vms[4].uuid.replace(/-8000-/, "-9000-"), memoryMiB: 6144 },
        vms[5],
      ]);
      await page.getByLabel("Newer export", { exact: true }).setInputFiles(fileFor(form, next, fileName));
      await page.getByRole("button", { name: "Import and show changes" }).click();
      await expect(page.getByTestId("diff-summary")).toHaveText("1 VM added · 1 VM removed · 1 VM changed · 3 unchanged", { timeout: 90_000 });
      await expect(page.getByTestId("changed-table").locator("tbody tr")).toHaveText([/vCPU 2 → 4/]);
      await expect(page.getByTestId("added-table").locator("tbody tr")).toContainText([/6 GiB/]);
      await expect(page.getByTestId("removed-table").locator("tbody tr")).toContainText([/12 GiB/]);
      await expect(page.getByTestId("removed-table").locator("tbody tr")).toContainText([byMemory.get(12288)!]);
      expect(await page.locator("main").innerText()).not.toMatch(ZERO_GIB);
    });

    test("redaction tool: the download keeps the input's form and holds nothing identifying", async ({ page }, info) => {
      test.setTimeout(120_000);
      const spec = specFor(form, vmsFor(`redact${n}`, 20 + n));
      const input = fileFor(form, spec, fileName);
      await page.goto("/tools/redact-workbook");
      await page.getByLabel("RVTools workbook").setInputFiles(input);
      await page.getByRole("button", { name: "Redact workbook" }).click();
      await expect(page.getByRole("heading", { name: "Redacted workbook ready" })).toBeVisible({ timeout: 60_000 });
      const summary = page.getByTestId("redaction-summary");
      await expect(summary.locator("tr", { hasText: "VM names" }).locator("td.num")).toHaveText("6");
      await expect(summary.locator("tr", { hasText: "IP addresses" }).locator("td.num")).toHaveText("6");

      const outName = form === "csv-zip" ? "rvtools-redacted.zip" : "rvtools-redacted.xlsx";
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download ${outName}` }).click()]);
      expect(download.suggestedFilename()).toBe(outName);
      const saved = info.outputPath(outName);
      await download.saveAs(saved);
      const output = await readFile(saved);

      const before = openZip(input.buffer, fileName);
      const after = openZip(output, outName);
      expect([...after.entries.keys()]).toEqual([...before.entries.keys()]);
      const texts = new Map([...after.entries.keys()].map((name) => [name, readEntry(after, name)!.toString("utf8")]));
      for (const [name, text] of texts) {
        for (const value of identifying(spec)) expect(text.includes(value), `${name} still holds ${value}`).toBe(false);
        expect(text.startsWith("\ufeff"), `${name} byte-order mark`).toBe(readEntry(before, name)!.toString("utf8").startsWith("\ufeff"));
      }
      if (form === "csv-zip") {
        expect([...texts.keys()]).toContain("RVTools_export_all/RVTools_tabvInfo.csv");
        expect(texts.get("RVTools_export_all/RVTools_tabvInfo.csv")!.split("\r\n")[0]).toBe(readEntry(before, "RVTools_export_all/RVTools_tabvInfo.csv")!.toString("utf8").split("\r\n")[0]);
      } else {
        const vInfo = texts.get("xl/worksheets/sheet1.xml")!;
        if (form === "openxml-sdk") {
          expect(vInfo).toMatch(/<x:row /);
          expect(vInfo).not.toMatch(/<(row|c|v|is|t)[ >]/);
          expect([...texts.keys()].at(-1)).toBe("[Content_Types].xml");
          expect([...texts.keys()].some((k) => k.endsWith(".psmdcp"))).toBe(true);
          expect(texts.get("xl/_rels/workbook.xml.rels")).toContain('Target="/xl/worksheets/sheet1.xml"');
        } else {
          expect(vInfo).toMatch(/<row /);
          expect(vInfo).not.toContain("<x:");
          expect([...texts.keys()][0]).toBe("[Content_Types].xml");
        }
      }
      // Still the same export: the same configurations, under pseudonyms.
      const reread = rvtoolsParser.parse({ fileName: outName, data: output }).vms.map(({ vm }) => vm);
      expect(reread.map((v) => v.name)).toEqual(["vm-0001", "vm-0002", "vm-0003", "vm-0004", "vm-0005"]);
      expect(reread.map((v) => [v.cpu.vcpus, v.memoryMiB, v.totalDiskGiB])).toEqual(expectedVms(spec).map((t) => [t.cpu.vcpus, t.memoryMiB, t.totalDiskGiB]));
    });
  });
}

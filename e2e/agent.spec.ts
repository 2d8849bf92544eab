import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { ensureVcsim, startVcsim, type RunningVcsim } from "../lib/agent/test-fixtures/vcsim";

const run = promisify(execFile);

// The snapshot agent end to end: govmomi's vCenter simulator -> `vmcompare
// snapshot --publish` -> the running site (the e2e server), then the VMs are
// on the site, redacted, and their edit links are in the local links file.
test("vmcompare snapshot --publish puts a simulated vCenter's VMs on the running site", async ({ request, baseURL }) => {
  test.setTimeout(240_000);
  const bin = ensureVcsim();
  test.skip(!bin && !process.env.CI, "the vCenter simulator could not be built here (needs Go and Debian's govmomi sources)");
  expect(bin, "the vCenter simulator must be available in CI").toBeTruthy();
  let sim: RunningVcsim | null = null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-agent-e2e-"));
  try {
    sim = await startVcsim(bin!, { user: "admin", password: "s3cret" });
    const vms = sim.dump.vms.filter((v) => !v.template);
    expect(vms.length).toBeGreaterThan(0);
    const before = (await (await request.get("/api/health")).json()).vms as number;
    const links = path.join(dir, "links.json");
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "lib/cli/main.ts", "snapshot", "--server", sim.url, "--user", "admin", "--all",
        "--publish", baseURL!, "--tag", "docker-host", "--yes", "--confirm-implausible", "--links", links, "--out", path.join(dir, "vms.json")],
      { env: { ...process.env, VMCOMPARE_PASSWORD: "s3cret" }, timeout: 180_000 },
    );
    const after = (await (await request.get("/api/health")).json()).vms as number;
    expect(after - before, `stdout: ${stdout}\nstderr: ${stderr}`).toBe(vms.length);

    const saved = JSON.parse(fs.readFileSync(links, "utf8"));
    const records = (Array.isArray(saved) ? saved : saved.links ?? saved.records ?? []) as { id?: string; editUrl?: string }[];
    expect(records.length).toBe(vms.length);
    const id = records[0].id ?? records[0].editUrl!.match(/\/vms\/([a-z0-9]+)\//)![1];
    const vm = await (await request.get(`/api/v1/vms/${id}`)).json();
    const text = JSON.stringify(vm).toLowerCase();
    for (const v of sim.dump.vms) expect(text).not.toContain(v.name.toLowerCase());
    expect(JSON.stringify(vm)).toContain("docker-host");
  } finally {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The one-file agent as an admin gets it: downloaded from the site into an empty folder (no
// node_modules, no sources), checked against the published SHA-256, run with plain Node.
// It only writes the snapshot: publishing the simulator's VMs is the test above's, and the site refuses the
// same configurations a second time as duplicates.
test("the downloaded one-file agent snapshots the simulated vCenter with plain Node", async ({ page, request, baseURL }) => {
  test.setTimeout(240_000);
  const bin = ensureVcsim();
  test.skip(!bin && !process.env.CI, "the vCenter simulator could not be built here (needs Go and Debian's govmomi sources)");
  expect(bin, "the vCenter simulator must be available in CI").toBeTruthy();

  await page.goto("/contribute");
  await page.getByRole("tab", { name: "Snapshot agent" }).click();
  const commands = await page.getByTestId("agent-commands").innerText();
  expect(commands).toContain(`curl -fLO ${baseURL}/downloads/vmcompare-agent.mjs`);
  expect(commands).toMatch(new RegExp(`^node vmcompare-agent\\.mjs snapshot --server \\S+ .*--publish ${baseURL!.replace(/[.]/g, "\\.")}`, "m"));
  await expect(page.getByTestId("hyperv-command")).toContainText("Get-VM | Select-Object");
  const shownSha = (await page.getByTestId("agent-sha256").innerText()).trim();

  const res = await request.get("/downloads/vmcompare-agent.mjs");
  expect(res.status()).toBe(200);
  const body = await res.body();
  const sha = crypto.createHash("sha256").update(body).digest("hex");
  expect(sha).toBe(shownSha);
  expect((await (await request.get("/downloads/vmcompare-agent.mjs.sha256")).text()).split(/\s+/)[0]).toBe(sha);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vmc-agent-file-"));
  let sim: RunningVcsim | null = null;
  try {
    fs.writeFileSync(path.join(dir, "vmcompare-agent.mjs"), body);
    sim = await startVcsim(bin!, { user: "admin", password: "s3cret" });
    const vms = sim.dump.vms.filter((v) => !v.template);
    // Only the file itself: no NODE_OPTIONS (tsx), no NODE_PATH, run from the empty folder.
    const env = { PATH: process.env.PATH ?? "", HOME: dir, VMCOMPARE_PASSWORD: "s3cret" } as unknown as NodeJS.ProcessEnv;
    const { stdout, stderr } = await run(
      process.execPath,
      ["vmcompare-agent.mjs", "snapshot", "--server", sim.url, "--user", "admin", "--all", "--out", "vms.json"],
      { cwd: dir, env, timeout: 180_000 },
    );
    expect(fs.readdirSync(dir).sort(), `stdout: ${stdout}\nstderr: ${stderr}`).toEqual(["vmcompare-agent.mjs", "vms.json"]);
    const out = JSON.parse(fs.readFileSync(path.join(dir, "vms.json"), "utf8")) as { vms: { cpu: { vcpus: number } }[] };
    expect(out.vms.length, `stderr: ${stderr}`).toBe(vms.length);
    expect(out.vms.map((v) => v.cpu.vcpus).sort()).toEqual(vms.map((v) => v.numCPU).sort());
    // Redacted on the admin's machine: no VM name leaves it.
    const text = fs.readFileSync(path.join(dir, "vms.json"), "utf8").toLowerCase();
    for (const v of sim.dump.vms) expect(text).not.toContain(v.name.toLowerCase());
  } finally {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the agent tab shows download, run and the Hyper-V export line (screenshot)", async ({ page }) => {
  await page.goto("/contribute");
  await page.getByRole("tab", { name: "Snapshot agent" }).click();
  await expect(page.getByTestId("agent-sha256")).toHaveText(/^[0-9a-f]{64}$/);
  await page.locator("#agent-title").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("agent-tab.png"), fullPage: true });
});

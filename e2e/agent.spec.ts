import { execFile } from "node:child_process";
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

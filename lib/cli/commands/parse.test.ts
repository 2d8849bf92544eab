import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..", "..");
const vmxDir = path.join(root, "lib", "formats", "vmx", "__fixtures__");

function cli(...args: string[]) {
  const p = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "lib/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: p.status, stdout: p.stdout, stderr: p.stderr };
}

describe("vmcompare parse", () => {
  it("prints the normalized VMs and picks up .vmdk descriptors beside a .vmx", () => {
    const r = cli("parse", path.join(vmxDir, "esxi8-win2022.vmx"));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["vms", "warnings"]);
    expect(out.vms[0].name).toBe("sql-prod-01");
    expect(out.vms[0].disks.map((d: { sizeGiB: number | null }) => d.sizeGiB)).toEqual([100, null, 512, null]);
  });

  it("prints the redacted record with --redact, warnings scrubbed too", () => {
    const r = cli("parse", path.join(vmxDir, "esxi8-win2022.vmx"), "--redact");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.vms[0].name).toBeNull();
    expect(out.vms[0].nics.map((n: { network: string | null }) => n.network)).toEqual(["net-1", "net-2", null]);
    expect(r.stdout.toLowerCase()).not.toContain("sql-prod");
  });

  it("accepts --companion for a descriptor kept elsewhere", () => {
    const r = cli("parse", path.join(vmxDir, "ws65-winxp.vmx"), "--companion", path.join(vmxDir, "Windows XP Professional.vmdk"));
    expect(JSON.parse(r.stdout).vms[0].disks[0].sizeGiB).toBe(19.844);
  });

  it("fails with exit 2 and one stderr line naming the file and line", () => {
    const r = cli("parse", path.join(root, "lib", "formats", "vmx", "vmx.test.ts"));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("vmx.test.ts");
  });

  it("reports a missing file and usage errors with exit 2", () => {
    const missing = cli("parse", "/nonexistent/missing.vmx");
    expect([missing.code, missing.stdout, missing.stderr.trim()]).toEqual([2, "", "/nonexistent/missing.vmx: no such file"]);
    const usage = cli("parse");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: vmcompare parse FILE/);
    expect(cli("frobnicate").code).toBe(2);
  });
});

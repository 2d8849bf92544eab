import { afterEach, describe, expect, it } from "vitest";
import { snapshotVms, type SnapshotEvent } from "./snapshot";
import { startFakeVsphere, type FakeVsphere } from "./test-fixtures/fake-vsphere";
import { HARDWARE_MINIMAL, type FixtureVm } from "./test-fixtures/soap";
import { textAt } from "./xml";

function vms(prefix: string, n: number, start: number): FixtureVm[] {
  return Array.from({ length: n }, (_, i) => ({ id: `vm-${start + i}`, name: `${prefix}${start + i}`, hardware: HARDWARE_MINIMAL }));
}

let fake: FakeVsphere | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe("snapshotVms paging", () => {
  it("follows continuation tokens page by page, reports progress, then logs out", async () => {
    const pages = [vms("app", 3, 1), [...vms("app", 2, 4), { id: "vm-90", name: "tpl", template: true }], vms("app", 1, 6)];
    fake = await startFakeVsphere(pages);
    const events: SnapshotEvent[] = [];
    const progress: Array<[number, number | null]> = [];
    for await (const e of snapshotVms({ server: fake.url, user: "admin", password: "s3cret", pageSize: 3, onProgress: (d, t) => progress.push([d, t]) })) {
      events.push(e);
    }
    const read = events.filter((e) => e.type === "vm").map((e) => (e.type === "vm" ? e.ref : ""));
    expect(read).toEqual(["vm-1", "vm-2", "vm-3", "vm-4", "vm-5", "vm-6"]);
    // This stand-in server has no PerformanceManager: one warning says so, and the VMs keep their quickStats samples.
    expect(events.filter((e) => e.type === "warning")).toEqual([
      { type: "warning", ref: null, name: null, message: "usage history could not be read (the server has no PerformanceManager); CPU and memory are 20-second quickStats samples" },
      { type: "warning", ref: "vm-90", name: "tpl", message: "skipped: is a template" },
    ]);
    for (const e of events) if (e.type === "vm") for (const u of e.parsed.vm.utilization ?? []) expect(u).toMatchObject({ statistic: "sample", window: null });
    expect(progress).toEqual([[0, 7], [3, 7], [6, 7], [7, 7]]);

    const methods = fake.calls.map((c) => c.method);
    expect(methods.filter((m) => m === "ContinueRetrievePropertiesEx")).toHaveLength(2);
    expect(fake.calls.filter((c) => c.method === "ContinueRetrievePropertiesEx").map((c) => textAt(c.body, "token"))).toEqual(["tok-1", "tok-2"]);
    const vmQuery = fake.calls.find((c) => c.method === "RetrievePropertiesEx" && textAt(c.body, "specSet.propSet.type") === "VirtualMachine");
    expect(textAt(vmQuery?.body, "options.maxObjects")).toBe("3");
    expect(methods.slice(-2)).toEqual(["DestroyView", "Logout"]);
    const afterLogin = fake.calls.slice(methods.indexOf("Login") + 1);
    expect(afterLogin.every((c) => c.cookie === 'vmware_soap_session="abc123"')).toBe(true);
    const hostInfo = events.find((e) => e.type === "vm");
    expect(hostInfo?.type === "vm" && hostInfo.context.hostVendor).toBe("HPE");
  });

  it("cancels the server-side result set and logs out when the caller stops early", async () => {
    fake = await startFakeVsphere([vms("a", 2, 1), vms("a", 2, 3), vms("a", 2, 5)]);
    let seen = 0;
    for await (const e of snapshotVms({ server: fake.url, user: "admin", password: "x", pageSize: 2 })) {
      if (e.type === "vm" && ++seen === 3) break;
    }
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toContain("CancelRetrievePropertiesEx");
    const cancel = fake.calls.find((c) => c.method === "CancelRetrievePropertiesEx");
    expect(textAt(cancel?.body, "token")).toBe("tok-2");
    expect(methods.at(-1)).toBe("Logout");
  });

  it("escapes credentials in the Login request", async () => {
    fake = await startFakeVsphere([vms("a", 1, 1)]);
    for await (const _ of snapshotVms({ server: fake.url, user: "CORP\\admin", password: `p<&>"'w` })) void _;
    const loginCall = fake.calls.find((c) => c.method === "Login");
    expect(textAt(loginCall?.body, "userName")).toBe("CORP\\admin");
    expect(textAt(loginCall?.body, "password")).toBe(`p<&>"'w`);
  });
});

describe("snapshot command progress", () => {
  it("shows progress on a terminal and clears it before each line; nothing of it when stderr is not a terminal", async () => {
    const { runSnapshot } = await import("@/lib/cli/commands/snapshot");
    const { captureIo } = await import("./test-fixtures/cli-io");
    fake = await startFakeVsphere([vms("app", 2, 1), vms("app", 1, 3)]);
    const tty = captureIo({ VMCOMPARE_PASSWORD: "pw" });
    tty.stderr.isTTY = true;
    expect(await runSnapshot(["--server", fake.url, "--user", "admin", "--all", "--page-size", "2"], tty)).toBe(0);
    expect(tty.err).toContain("\r\x1b[KReading VMs: 0 of 3");
    expect(tty.err).toContain("\r\x1b[KReading VMs: 2 of 3");
    expect(tty.err).toContain("\r\x1b[KReading VMs: 3 of 3");
    const plain = captureIo({ VMCOMPARE_PASSWORD: "pw" });
    expect(await runSnapshot(["--server", fake.url, "--user", "admin", "--all", "--page-size", "2"], plain)).toBe(0);
    expect(plain.err).not.toContain("Reading VMs");
    expect(plain.err).not.toContain("\r");
    expect((JSON.parse(plain.out) as { vms: unknown[] }).vms).toHaveLength(3);
  });
});

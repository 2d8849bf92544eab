import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSnapshot } from "@/lib/cli/commands/snapshot";
import { normalizedVmSchema, type NormalizedVm } from "@/lib/vm/model";
import { contributionSchema } from "@/lib/vm/record";
import { VsphereError } from "./errors";
import { MAX_MEMORY_PCT } from "./perf";
import { snapshotVms, type SnapshotEvent } from "./snapshot";
import { captureIo } from "./test-fixtures/cli-io";
import { ensureVcsim, startVcsim, type RunningVcsim, type VcsimDump } from "./test-fixtures/vcsim";

const bin = ensureVcsim();
// Skipping is for a developer's machine without Go; in CI a missing simulator is a failure, not a skip.
if (!bin && process.env.CI) throw new Error("the vCenter simulator could not be built (tools/vcsim/build.sh): its tests may not be skipped in CI");
if (!bin) {
  console.warn("vcsim tests SKIPPED: .tools/vcsim is missing and could not be built (needs golang-go and golang-github-vmware-govmomi-dev; run bash tools/vcsim/build.sh as root)");
}

/** Expected normalized values, stated from vSphere's type names (not from the agent's tables). */
const BUS: Record<string, string> = {
  ParaVirtualSCSIController: "scsi", VirtualLsiLogicController: "scsi", VirtualLsiLogicSASController: "scsi",
  VirtualBusLogicController: "scsi", VirtualNVMEController: "nvme", VirtualAHCIController: "sata", VirtualIDEController: "ide",
};
const MODEL: Record<string, string> = {
  VirtualE1000: "e1000", VirtualE1000e: "e1000e", VirtualVmxnet3: "vmxnet3", VirtualVmxnet2: "vmxnet2", VirtualPCNet32: "vlance",
};
const FAMILY: Record<string, string> = { otherGuest: "other", windows9Server64Guest: "windows", rhel7_64Guest: "linux" };

function expectedVm(v: VcsimDump["vms"][number]): Omit<NormalizedVm, "hypervisor" | "source" | "name"> {
  return {
    hardwareVersion: v.version,
    firmware: v.firmware as "bios" | "efi",
    guestOs: { id: v.guestId, family: FAMILY[v.guestId] as NormalizedVm["guestOs"]["family"], name: v.guestFullName },
    cpu: { vcpus: v.numCPU, coresPerSocket: v.numCoresPerSocket || null },
    memoryMiB: v.memoryMB,
    disks: v.disks.map((d) => ({
      sizeGiB: Math.round(((d.capacityInBytes || d.capacityInKB * 1024) / 2 ** 30) * 1000) / 1000,
      bus: BUS[d.controllerType] as NormalizedVm["disks"][number]["bus"],
      provisioning: d.thin === null ? null : d.thin ? "thin" : "thick",
    })),
    nics: v.nics.map((n) => ({ model: MODEL[n.type], network: n.network })),
    totalDiskGiB: null,
    defaulted: [],
  };
}

async function collect(sim: RunningVcsim, extra: { vmNames?: string[] } = {}): Promise<SnapshotEvent[]> {
  const events: SnapshotEvent[] = [];
  for await (const e of snapshotVms({ server: sim.url, user: "user", password: "pass", pageSize: 2, ...extra })) events.push(e);
  return events;
}

for (const mode of ["vCenter", "ESXi"] as const) {
  describe.skipIf(!bin)(`against govmomi's simulator (${mode})`, () => {
    let sim: RunningVcsim;
    beforeAll(async () => {
      sim = await startVcsim(bin as string, { esx: mode === "ESXi" });
    });
    afterAll(async () => {
      await sim?.stop();
    });

    it("the simulator varied its inventory as the harness asked (sanity check of the ground truth)", () => {
      expect(sim.dump.apiType).toBe(mode === "vCenter" ? "VirtualCenter" : "HostAgent");
      expect(sim.dump.vms.filter((v) => v.template)).toHaveLength(mode === "vCenter" ? 1 : 1);
      expect(sim.dump.vms.some((v) => v.firmware === "efi" && v.numCPU === 4)).toBe(true);
      expect(sim.dump.vms.some((v) => v.disks.some((d) => d.controllerType === "VirtualNVMEController"))).toBe(true);
    });

    it("reads every VM with the vCPUs, memory, disks, NICs and guest OS the simulator reports", async () => {
      const events = await collect(sim);
      const read = new Map(events.flatMap((e) => (e.type === "vm" ? [[e.name as string, e] as const] : [])));
      const expected = sim.dump.vms.filter((v) => !v.template);
      expect([...read.keys()].sort()).toEqual(expected.map((v) => v.name).sort());
      for (const v of expected) {
        const e = read.get(v.name);
        if (!e || e.type !== "vm") throw new Error(`missing ${v.name}`);
        const { hypervisor, source, name, ...rest } = e.parsed.vm;
        delete rest.utilization; // checked in the history test below
        expect(normalizedVmSchema.parse(e.parsed.vm)).toEqual(e.parsed.vm);
        expect(rest, v.name).toEqual(expectedVm(v));
        expect(source.format).toBe("vcenter");
        expect(name).toBe(v.name);
        const host = sim.dump.hosts.find((h) => h.name === v.host);
        expect(host, `host of ${v.name}`).toBeDefined();
        expect(hypervisor.vendor).toBe("vmware");
        expect(hypervisor.product).toBe(host!.productName);
        expect(host!.productVersion.startsWith(hypervisor.version ?? "?")).toBe(true);
        expect(e.context).toMatchObject({ hostVendor: host!.vendor, hostModel: host!.model, hostCpuModel: host!.cpuModel });
        const f = e.parsed.identifying;
        expect(f.hostnames).toEqual([v.name, v.host]);
        expect(f.uuids).toEqual(expect.arrayContaining([v.uuid, v.instanceUuid]));
        expect(f.macs).toEqual([...new Set(v.nics.map((n) => n.mac))]);
      }
    });

    it("reads usage history from PerformanceManager: average, p95 and maximum over the window, near the simulator's data", async () => {
      const events = await collect(sim);
      const vms = events.flatMap((e) => (e.type === "vm" ? [e] : []));
      expect(events.filter((e) => e.type === "warning" && e.message.startsWith("usage history"))).toEqual([]);
      // vCenter keeps 2-hour rollups for 30 days; a standalone ESXi host keeps 5-minute samples for 36 hours.
      const window = mode === "vCenter" ? "P30D" : "P1DT12H";
      const interval = mode === "vCenter" ? 7200 : 300;
      const truth = sim.dump.vmPerf;
      expect(Object.keys(truth)).toEqual(expect.arrayContaining(["cpu.usage.average", "cpu.ready.summation", "mem.active.average", "mem.consumed.average"]));
      for (const e of vms) {
        const v = sim.dump.vms.find((x) => x.name === e.name)!;
        const figures = e.parsed.vm.utilization ?? [];
        expect(normalizedVmSchema.parse(e.parsed.vm).utilization).toEqual(figures);
        const expected: Array<[string, string, number]> = [
          ["cpu.usage.pct", "cpu.usage.average", truth["cpu.usage.average"].mean / 100],
          ["cpu.ready.pct", "cpu.ready.summation", (truth["cpu.ready.summation"].mean / (interval * 1000)) * 100],
          ["mem.active.pct", "mem.active.average", (truth["mem.active.average"].mean / 1024 / v.memoryMB) * 100],
          ["mem.consumed.pct", "mem.consumed.average", (truth["mem.consumed.average"].mean / 1024 / v.memoryMB) * 100],
          ["disk.throughput.kbps", "disk.usage.average", truth["disk.usage.average"]?.mean ?? 0],
          ["net.throughput.kbps", "net.usage.average", truth["net.usage.average"]?.mean ?? 0],
        ];
        for (const [metric, counter, mean] of expected) {
          const of = (statistic: string) => figures.find((f) => f.metric === metric && f.statistic === statistic);
          const avg = of("average"), p95 = of("p95"), max = of("max");
          if (metric.startsWith("mem.") && mean > MAX_MEMORY_PCT) {
            // The simulator's memory data is larger than some of its VMs (GBs of active memory in 32 MB): no figure.
            expect(figures.filter((f) => f.metric === metric), `${e.name} ${metric}`).toEqual([]);
            continue;
          }
          expect(avg, `${e.name} ${metric}`).toMatchObject({ window, source: "vcenter" });
          expect(p95?.window).toBe(window);
          expect(max?.window).toBe(window);
          expect(avg!.value).toBeLessThanOrEqual(p95!.value);
          expect(p95!.value).toBeLessThanOrEqual(max!.value);
          // The simulator cycles through its sample data with 20% noise: the average over hundreds of samples
          // stays within a quarter of the data's mean (units converted as vCenter documents them).
          if (truth[counter] && mean >= 0.05) {
            expect(avg!.value, `${e.name} ${metric}`).toBeGreaterThan(mean * 0.75);
            expect(avg!.value, `${e.name} ${metric}`).toBeLessThan(mean * 1.25);
          }
        }
        // History replaced the 20-second samples it covers: no CPU or active-memory sample is left.
        expect(figures.filter((f) => f.statistic === "sample" && (f.metric === "cpu.usage.pct" || f.metric === "mem.active.pct"))).toEqual([]);
        expect(figures.some((f) => f.metric.startsWith("mem.")), `${e.name} has memory figures where they fit`).toBe(
          expected.some(([m, , mean]) => m.startsWith("mem.") && mean <= MAX_MEMORY_PCT));
        expect(e.context.cpuAvgPct).toBe(Math.min(100, Math.round(figures.find((f) => f.metric === "cpu.usage.pct" && f.statistic === "average")!.value * 10) / 10));
      }
    });

    it("without history (history: false) keeps only quickStats figures, labelled as samples", async () => {
      const events: SnapshotEvent[] = [];
      for await (const e of snapshotVms({ server: sim.url, user: "user", password: "pass", history: false })) events.push(e);
      const figures = events.flatMap((e) => (e.type === "vm" ? e.parsed.vm.utilization ?? [] : []));
      for (const f of figures) expect(f).toMatchObject({ statistic: "sample", window: null, source: "vcenter" });
      for (const e of events) if (e.type === "vm") expect(e.context.cpuAvgPct).toBeNull();
    });

    it("skips templates with a warning", async () => {
      const events = await collect(sim);
      const warnings = events.filter((e) => e.type === "warning");
      const templates = sim.dump.vms.filter((v) => v.template).map((v) => v.name);
      expect(warnings.map((w) => (w.type === "warning" ? [w.name, w.message] : []))).toEqual(templates.map((n) => [n, "skipped: is a template"]));
    });

    it("reads only the named VMs with --vm and warns about names it cannot find", async () => {
      const wanted = sim.dump.vms.filter((v) => !v.template).slice(1, 3).map((v) => v.name);
      const events = await collect(sim, { vmNames: [...wanted, "no-such-vm"] });
      expect(events.filter((e) => e.type === "vm").map((e) => (e.type === "vm" ? e.name : ""))).toEqual(wanted);
      expect(events.filter((e) => e.type === "warning")).toEqual([{ type: "warning", ref: null, name: "no-such-vm", message: "no VM with this name was found" }]);
    });

    it("refuses a wrong password with exit 2 and one line on stderr", async () => {
      const io = captureIo({ VMCOMPARE_PASSWORD: "wrong" });
      const code = await runSnapshot(["--server", sim.url, "--user", "user", "--all"], io);
      expect(code).toBe(2);
      expect(io.err).toBe(`vmcompare snapshot: login to 127.0.0.1:${sim.port} failed: incorrect user name or password\n`);
      expect(io.out).toBe("");
      let kind: string | null = null;
      try {
        for await (const _ of snapshotVms({ server: sim.url, user: "user", password: "wrong" })) void _;
      } catch (e) {
        kind = e instanceof VsphereError ? e.kind : "other";
      }
      expect(kind).toBe("auth");
    });

    it("writes the redacted CLI-contract JSON with --out, with nothing identifying in it", async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-out-"));
      try {
        const file = path.join(dir, "snapshot.json");
        const io = captureIo({ VMCOMPARE_PASSWORD: "pass", VMCOMPARE_USER: "user" });
        const code = await runSnapshot(["--server", sim.url, "--all", "--out", file, "--page-size", "2"], io);
        expect(code).toBe(0);
        expect(io.out).toBe("");
        const text = readFileSync(file, "utf8");
        const doc = JSON.parse(text) as { vms: NormalizedVm[]; warnings: string[]; contexts: unknown[] };
        const real = sim.dump.vms.filter((v) => !v.template);
        expect(doc.vms).toHaveLength(real.length);
        expect(doc.contexts).toHaveLength(real.length);
        for (const vm of doc.vms) {
          expect(normalizedVmSchema.parse(vm)).toEqual(vm);
          expect(vm.name).toBeNull();
          for (const n of vm.nics) expect(n.network).toMatch(/^net-\d+$/);
        }
        // Same hardware as the simulator, once names are gone: compare as sorted multisets.
        const shape = (x: { cpu: unknown; memoryMiB: number; disks: unknown[] }) => JSON.stringify([x.cpu, x.memoryMiB, x.disks.length]);
        expect(doc.vms.map(shape).sort()).toEqual(real.map((v) => expectedVm(v)).map(shape).sort());
        for (const v of sim.dump.vms) {
          for (const secret of [v.name, v.uuid, v.instanceUuid, v.host, ...v.nics.map((n) => n.mac), ...v.nics.map((n) => n.network)]) {
            expect(text, secret).not.toContain(secret);
          }
        }
        expect(doc.warnings.every((w) => !sim.dump.vms.some((v) => w.includes(v.name)))).toBe(true);
        // The per-VM preview of what was removed goes to stderr.
        expect(io.err).toMatch(/removed VM name and 1 other host name, \d+ MAC address/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

describe.skipIf(!bin)("publishing and TLS end to end (simulator + stand-in site)", () => {
  let sim: RunningVcsim;
  let site: http.Server;
  let siteUrl: string;
  const received: unknown[] = [];
  let dir: string;

  beforeAll(async () => {
    sim = await startVcsim(bin as string);
    dir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-publish-"));
    let next = 1;
    // Stands in for POST /api/v1/vms until the real site runs here; it checks bodies with the site's own schema.
    site = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.setHeader("Content-Type", "application/json");
        if (req.method !== "POST" || req.url !== "/api/v1/vms") {
          res.statusCode = 404;
          return res.end(JSON.stringify({ error: { message: "not found" } }));
        }
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { vms: unknown[] };
        const bad = body.vms.map((v) => contributionSchema.safeParse(v)).find((r) => !r.success);
        if (bad && !bad.success) {
          res.statusCode = 422;
          return res.end(JSON.stringify({ error: { code: "validation_error", message: bad.error.issues[0].message } }));
        }
        received.push(...body.vms);
        const created = body.vms.map(() => {
          const id = `c${next++}`;
          return { id, editToken: `tok-${id}`, editUrl: `/vms/${id}/edit?token=tok-${id}` };
        });
        res.statusCode = 201;
        res.end(JSON.stringify({ created }));
      });
    });
    await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sim?.stop();
    site?.closeAllConnections();
    await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("asks before publishing and publishes nothing on no", async () => {
    const links = path.join(dir, "links-declined.json");
    const io = captureIo({ VMCOMPARE_PASSWORD: "pass" }, { confirm: false });
    const code = await runSnapshot(["--server", sim.url, "--user", "user", "--all", "--publish", siteUrl, "--tag", "postgresql@16", "--links", links], io);
    expect(code).toBe(1);
    expect(io.questions).toEqual(["Publish? [y/N] "]);
    expect(io.err).toContain("About to publish");
    expect(io.err).toMatch(/What will be published[^\n]*\n {2}1\. \S+: 1 vCPU \(1\/socket\); 32 MiB RAM; disks 0\.001 GiB scsi thin; NICs e1000 on net-1;/);
    expect(io.err).toContain("Not published.");
    expect(received).toHaveLength(0);
    expect(() => statSync(links)).toThrow();
  });

  it("publishes the redacted VMs on yes and appends edit links to a mode-600 file", async () => {
    const links = path.join(dir, "links.json");
    const names = sim.dump.vms.filter((v) => !v.template).slice(0, 2).map((v) => v.name);
    const io = captureIo({ VMCOMPARE_PASSWORD: "pass" }, { confirm: true });
    const code = await runSnapshot(
      ["--server", sim.url, "--user", "user", ...names.flatMap((n) => ["--vm", n]), "--publish", siteUrl, "--tag", "postgresql@16", "--tag", "pgbouncer", "--links", links],
      io,
    );
    expect(io.err).toContain("Published 2 VMs");
    expect(code).toBe(0);
    expect(received).toHaveLength(2);
    const first = contributionSchema.parse(received[0]);
    expect(first.vm.name).toBeNull();
    expect(first.tags).toEqual([{ slug: "postgresql", version: "16", primary: true }, { slug: "pgbouncer", version: null, primary: false }]);
    expect(first.context.hostModel).toBe("VMware Virtual Platform");
    expect(JSON.stringify(received)).not.toContain(names[0]);
    expect(statSync(links).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(links, "utf8")) as Array<{ id: string; editUrl: string; vm: string }>;
    expect(saved.map((s) => [s.id, s.editUrl, s.vm])).toEqual([
      ["c1", `${siteUrl}/vms/c1/edit?token=tok-c1`, names[0]],
      ["c2", `${siteUrl}/vms/c2/edit?token=tok-c2`, names[1]],
    ]);

    // --yes skips the question; links are appended, not overwritten. The simulator's stock VMs (32 MiB for a
    // vCPU) are implausible, and --yes alone never confirms that: --confirm-implausible does.
    const again = captureIo({ VMCOMPARE_PASSWORD: "pass" });
    expect(await runSnapshot(["--server", sim.url, "--user", "user", "--vm", names[0], "--publish", siteUrl, "--tag", "postgresql", "--yes", "--confirm-implausible", "--links", links], again)).toBe(0);
    expect(again.questions).toEqual([]);
    expect((JSON.parse(readFileSync(links, "utf8")) as unknown[]).map((s) => (s as { id: string }).id)).toEqual(["c1", "c2", "c3"]);
    expect(statSync(links).mode & 0o777).toBe(0o600);
  });

  it("reads through TLS with a self-signed certificate once it is given with --ca", async () => {
    const cert = path.join(dir, "cert.pem");
    const key = path.join(dir, "key.pem");
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
    // A TLS front for the simulator, as a real vCenter would serve /sdk.
    const front = https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
      const upstream = http.request({ host: "127.0.0.1", port: sim.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    const server = `127.0.0.1:${(front.address() as AddressInfo).port}`;
    try {
      const untrusted = captureIo({ VMCOMPARE_PASSWORD: "pass" });
      expect(await runSnapshot(["--server", server, "--user", "user", "--all"], untrusted)).toBe(2);
      expect(untrusted.err.split("\n").filter(Boolean)).toHaveLength(1);
      expect(untrusted.err).toMatch(/not trusted \(it is self-signed\): pass --ca FILE .* or --insecure/);

      const trusted = captureIo({ VMCOMPARE_PASSWORD: "pass" });
      expect(await runSnapshot(["--server", server, "--user", "user", "--all", "--ca", cert], trusted)).toBe(0);
      expect((JSON.parse(trusted.out) as { vms: unknown[] }).vms).toHaveLength(sim.dump.vms.filter((v) => !v.template).length);
    } finally {
      front.closeAllConnections();
      await new Promise<void>((r) => front.close(() => r()));
    }
  });

  it("the real command line (tsx lib/cli/main.ts snapshot) exits 0 with JSON, or 2 with one stderr line", async () => {
    const tsx = path.resolve(__dirname, "../../node_modules/.bin/tsx");
    const run = (env: Record<string, string>, args: string[]) =>
      new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile(tsx, ["lib/cli/main.ts", "snapshot", ...args], { cwd: path.resolve(__dirname, "../.."), env: { ...process.env, ...env }, timeout: 60_000 }, (error, out, err) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
        );
      });
    const ok = await run({ VMCOMPARE_PASSWORD: "pass" }, ["--server", sim.url, "--user", "user", "--all"]);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { vms: unknown[] }).vms.length).toBeGreaterThan(0);
    const bad = await run({ VMCOMPARE_PASSWORD: "nope" }, ["--server", sim.url, "--user", "user", "--all"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`vmcompare snapshot: login to 127.0.0.1:${sim.port} failed: incorrect user name or password\n`);
  });
});

// Keeps the "no password on the command line" rule honest without a simulator.
describe("snapshot command arguments", () => {
  it("rejects --password and says where the password comes from", async () => {
    const io = captureIo({});
    expect(await runSnapshot(["--server", "vc01", "--user", "u", "--all", "--password", "x"], io)).toBe(2);
    expect(io.err).toContain("not accepted on the command line");
    expect(io.err).toContain("VMCOMPARE_PASSWORD");
  });

  it("without a password in the environment or a terminal, exits 2 and says how to give one", async () => {
    const io = captureIo({}, { password: null });
    expect(await runSnapshot(["--server", "vc01", "--user", "u", "--all"], io)).toBe(2);
    expect(io.err).toBe("vmcompare snapshot: no password: set VMCOMPARE_PASSWORD, or run in a terminal to be asked for it\n");
  });

  it("needs --vm or --all, and a tag when publishing", async () => {
    const a = captureIo({ VMCOMPARE_PASSWORD: "p" });
    expect(await runSnapshot(["--server", "vc01", "--user", "u"], a)).toBe(2);
    expect(a.err).toContain("--vm NAME (repeatable) or --all");
    const b = captureIo({ VMCOMPARE_PASSWORD: "p" });
    expect(await runSnapshot(["--server", "vc01", "--user", "u", "--all", "--publish", "http://x"], b)).toBe(2);
    expect(b.err).toContain("--publish needs at least one --tag");
  });

  it("an unreadable CA file is reported", async () => {
    const io = captureIo({ VMCOMPARE_PASSWORD: "p" });
    const missing = path.join(os.tmpdir(), "no-such-dir-vmcompare", "ca.pem");
    expect(await runSnapshot(["--server", "vc01", "--user", "u", "--all", "--ca", missing], io)).toBe(2);
    expect(io.err).toBe(`vmcompare snapshot: cannot read the CA file ${missing} (ENOENT)\n`);
  });
});

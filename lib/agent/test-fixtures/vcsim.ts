import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
export const VCSIM_BIN = path.join(ROOT, ".tools", "vcsim");

/** The simulator's own view of its inventory (tools/vcsim/main.go -dump), read from its Go objects. */
export interface VcsimDump {
  aboutName: string;
  aboutVersion: string;
  apiType: string;
  vms: Array<{
    name: string; template: boolean; numCPU: number; numCoresPerSocket: number; memoryMB: number;
    guestId: string; guestFullName: string; version: string; firmware: string; uuid: string; instanceUuid: string; host: string;
    disks: Array<{ capacityInKB: number; capacityInBytes: number; controllerType: string; thin: boolean | null }>;
    nics: Array<{ type: string; network: string; mac: string }>;
    cdroms: number;
  }>;
  hosts: Array<{ name: string; vendor: string; model: string; cpuModel: string; productName: string; productVersion: string }>;
  /** The simulator's VM sample data by counter name: what its PerformanceManager serves (with noise) as history. */
  vmPerf: Record<string, { key: number; mean: number; count: number }>;
}

/**
 * Path to the simulator binary, building it with tools/vcsim/build.sh when
 * Go and Debian's govmomi sources are there; null (tests skip) otherwise.
 */
export function ensureVcsim(): string | null {
  if (existsSync(VCSIM_BIN)) return VCSIM_BIN;
  const hasGo = spawnSync("sh", ["-c", "command -v go"], { stdio: "ignore" }).status === 0;
  if (!hasGo && process.getuid?.() !== 0) return null;
  const r = spawnSync("bash", [path.join(ROOT, "tools/vcsim/build.sh")], { stdio: "inherit", timeout: 600_000 });
  return r.status === 0 && existsSync(VCSIM_BIN) ? VCSIM_BIN : null;
}

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface RunningVcsim {
  /** http://127.0.0.1:PORT (no credentials) */
  url: string;
  port: number;
  dump: VcsimDump;
  stop(): Promise<void>;
}

export async function startVcsim(bin: string, opts: { esx?: boolean; user?: string; password?: string } = {}): Promise<RunningVcsim> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmcompare-vcsim-"));
  const dumpFile = path.join(dir, "inventory.json");
  const args = ["-l", `127.0.0.1:${port}`, "-dump", dumpFile, "-username", opts.user ?? "user", "-password", opts.password ?? "pass"];
  if (opts.esx) args.push("-esx");
  const child: ChildProcess = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`vcsim did not start within 60 s: ${stderr}`)), 60_000);
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      // The URL line is printed once the inventory is final and the dump written.
      if (out.includes("/sdk")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`vcsim exited with ${code}: ${stderr}`));
    });
  });
  const dump = JSON.parse(readFileSync(dumpFile, "utf8")) as VcsimDump;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dump,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const force = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(force);
          done();
        });
        child.kill("SIGTERM");
      }),
  };
}

import { VsphereError } from "./errors";
import { HOST_PROPERTIES, hostRef, mapHost, mapVm, portgroupKeys, VM_PROPERTIES, type HostFacts, type VmContextFacts } from "./map-vm";
import {
  deriveHistory, planHistory, queryHistory, readPerfCatalog, VCENTER_DEFAULT_INTERVALS,
  type HistoryPlan, type PerfCatalog, type PerfInterval,
} from "./perf";
import { SoapClient, type TlsOptions } from "./soap-client";
import {
  createContainerView, destroyView, login, logout, retrieveAllPages, retrieveServiceContent,
  type AboutInfo, type MoRef, type ObjectContent, type ServiceContent,
} from "./vim";
import type { ParsedVm } from "@/lib/vm/parsed";
import { utilizationKey, type Utilization } from "@/lib/vm/model";
import { children, text } from "./xml";

export interface SnapshotOptions {
  /** Host name, host:port or URL of vCenter Server or ESXi. */
  server: string;
  user: string;
  password: string;
  /** Only VMs with these exact names; undefined or empty means every VM. */
  vmNames?: string[];
  tls?: TlsOptions;
  timeoutMs?: number;
  /** VMs per RetrievePropertiesEx page (maxObjects). */
  pageSize?: number;
  onProgress?: (done: number, total: number | null) => void;
  /** Read 30 days of usage history from PerformanceManager (default true); false keeps the quickStats samples. */
  history?: boolean;
}

export type SnapshotEvent =
  | { type: "connected"; about: AboutInfo }
  | { type: "vm"; ref: string; name: string | null; parsed: ParsedVm; context: VmContextFacts }
  | { type: "warning"; ref: string | null; name: string | null; message: string };

export const DEFAULT_PAGE_SIZE = 100;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

class HostCache {
  private readonly known = new Map<string, HostFacts | null>();
  private warned = false;

  constructor(private readonly client: SoapClient, private readonly sc: ServiceContent) {}

  get(ref: MoRef | null): HostFacts | null {
    return ref ? this.known.get(ref.value) ?? null : null;
  }

  /** Read the hosts of one page that are not cached yet; returns a warning the first time hosts cannot be read. */
  async load(refs: MoRef[]): Promise<string | null> {
    const todo = refs.filter((r, i) => !this.known.has(r.value) && refs.findIndex((x) => x.value === r.value) === i);
    if (todo.length === 0) return null;
    try {
      for await (const page of retrieveAllPages(this.client, this.sc, { type: "HostSystem", paths: [...HOST_PROPERTIES], objects: todo }, 500)) {
        for (const o of page) this.known.set(o.obj.value, mapHost(o));
      }
      for (const r of todo) if (!this.known.has(r.value)) this.known.set(r.value, null);
      return null;
    } catch (e) {
      if (!(e instanceof VsphereError) || (e.kind !== "permission" && e.kind !== "fault")) throw e;
      for (const r of todo) this.known.set(r.value, null);
      if (this.warned) return null;
      this.warned = true;
      return `host hardware could not be read (${e.message}); host vendor, model and CPU are left empty`;
    }
  }
}

class PortgroupCache {
  private readonly names = new Map<string, string | null>();

  constructor(private readonly client: SoapClient, private readonly sc: ServiceContent) {}

  name(key: string): string | null {
    return this.names.get(key) ?? null;
  }

  async load(keys: string[]): Promise<void> {
    const todo = [...new Set(keys)].filter((k) => !this.names.has(k));
    if (todo.length === 0) return;
    // A distributed port group's managed object id is its key, so names come from one property read.
    const objects = todo.map((value) => ({ type: "DistributedVirtualPortgroup", value }));
    try {
      for await (const page of retrieveAllPages(this.client, this.sc, { type: "DistributedVirtualPortgroup", paths: ["name"], objects }, 500)) {
        for (const o of page) {
          this.names.set(o.obj.value, text(o.props.get("name")) || null);
        }
      }
    } catch (e) {
      if (!(e instanceof VsphereError) || (e.kind !== "permission" && e.kind !== "fault")) throw e;
    }
    for (const k of todo) if (!this.names.has(k)) this.names.set(k, null);
  }
}

/** ESXi keeps one historical interval: 5-minute samples for 36 hours (vSphere API reference, PerfInterval). */
const ESXI_DEFAULT_INTERVALS: readonly PerfInterval[] = [{ samplingPeriod: 300, length: 129_600, enabled: true }];
/** VMs per QueryPerf call: about 360 samples x 6 counters each keeps one answer near 1 MB. */
const HISTORY_BATCH = 20;

/**
 * Usage history for the VMs of each page. The counter table is read once; when PerformanceManager cannot be
 * read or answers with a fault, one warning is given and the VMs keep their quickStats samples.
 */
class HistoryReader {
  private catalog: PerfCatalog | null = null;
  private plan: HistoryPlan | null = null;
  private state: "new" | "ready" | "off" = "new";

  constructor(private readonly client: SoapClient, private readonly sc: ServiceContent) {}

  private off(reason: string): string {
    this.state = "off";
    return `usage history could not be read (${reason}); CPU and memory are 20-second quickStats samples`;
  }

  private async init(): Promise<string | null> {
    try {
      this.catalog = await readPerfCatalog(this.client, this.sc);
    } catch (e) {
      if (!(e instanceof VsphereError) || (e.kind !== "permission" && e.kind !== "fault")) throw e;
      return this.off(e.message);
    }
    if (Object.keys(this.catalog.counters).length === 0) return this.off("the server lists none of the usage counters");
    const defaults = this.sc.about.apiType === "HostAgent" ? ESXI_DEFAULT_INTERVALS : VCENTER_DEFAULT_INTERVALS;
    this.plan = planHistory(this.catalog.intervals.length > 0 ? this.catalog.intervals : defaults);
    if (!this.plan) return this.off("every historical interval is disabled");
    this.state = "ready";
    return null;
  }

  /** Figures by VM id for the VMs given; a warning the first time history turns out to be unavailable. */
  async read(vms: { ref: string; memoryMiB: number }[]): Promise<{ byVm: Map<string, Utilization[]>; warning: string | null }> {
    const byVm = new Map<string, Utilization[]>();
    let warning: string | null = null;
    if (this.state === "new") warning = await this.init();
    if (this.state !== "ready" || !this.catalog || !this.plan) return { byVm, warning };
    for (const batch of chunks(vms, HISTORY_BATCH)) {
      try {
        const series = await queryHistory(this.client, this.sc, batch.map((v) => ({ type: "VirtualMachine", value: v.ref })), this.catalog, this.plan);
        for (const v of batch) {
          const s = series.get(v.ref);
          if (s) byVm.set(v.ref, deriveHistory(s, this.catalog.counters, v, this.plan));
        }
      } catch (e) {
        if (!(e instanceof VsphereError) || (e.kind !== "permission" && e.kind !== "fault")) throw e;
        return { byVm, warning: this.off(e.message) };
      }
    }
    return { byVm, warning };
  }
}

/** History figures replace the quickStats samples of the metrics they cover; samples stay only where history is missing. */
export function mergeHistory(samples: readonly Utilization[] | undefined, history: readonly Utilization[]): Utilization[] {
  const covered = new Set(history.map((u) => u.metric));
  const out = [...history, ...(samples ?? []).filter((u) => !covered.has(u.metric))];
  const seen = new Set<string>();
  return out.filter((u) => !seen.has(utilizationKey(u)) && (seen.add(utilizationKey(u)), true));
}

const averageOf = (list: readonly Utilization[], metric: Utilization["metric"]) => {
  const v = list.find((u) => u.metric === metric && u.statistic === "average")?.value;
  return v === undefined ? null : Math.min(100, Math.round(v * 10) / 10);
};

async function countView(client: SoapClient, sc: ServiceContent, view: MoRef): Promise<number | null> {
  try {
    for await (const page of retrieveAllPages(client, sc, { type: "ContainerView", paths: ["view"], objects: [view] }, 1)) {
      const v = page[0]?.props.get("view");
      return v === undefined ? 0 : children(v, "ManagedObjectReference").length;
    }
  } catch (e) {
    if (!(e instanceof VsphereError) || e.kind !== "fault") throw e;
  }
  return null;
}

/**
 * Read VM configurations from vCenter Server or ESXi, one page at a time.
 * Yields each VM as soon as its page is read and mapped (not redacted: the
 * caller redacts), and a warning for each VM skipped. The session is logged
 * out and the view destroyed however the loop ends.
 */
export async function* snapshotVms(options: SnapshotOptions): AsyncGenerator<SnapshotEvent> {
  const pageSize = Math.max(1, Math.min(1000, options.pageSize ?? DEFAULT_PAGE_SIZE));
  const client = new SoapClient(options.server, { tls: options.tls, timeoutMs: options.timeoutMs });
  let sc: ServiceContent | null = null;
  let loggedIn = false;
  let view: MoRef | null = null;
  try {
    sc = await retrieveServiceContent(client);
    if (sc.about.apiType !== "VirtualCenter" && sc.about.apiType !== "HostAgent") {
      throw new VsphereError("not-vsphere", `${client.url.host} is not vCenter Server or ESXi (API type ${sc.about.apiType ?? "unknown"})`);
    }
    await login(client, sc, options.user, options.password);
    loggedIn = true;
    yield { type: "connected", about: sc.about };
    view = await createContainerView(client, sc, "VirtualMachine");

    const hosts = new HostCache(client, sc);
    const history = options.history === false ? null : new HistoryReader(client, sc);
    const portgroups = new PortgroupCache(client, sc);
    const about = sc.about;

    async function* mapPage(page: ObjectContent[]): AsyncGenerator<SnapshotEvent> {
      const warning = await hosts.load(page.map(hostRef).filter((r): r is MoRef => r !== null));
      if (warning) yield { type: "warning", ref: null, name: null, message: warning };
      await portgroups.load(page.flatMap(portgroupKeys));
      const mapped = page.map((o) => ({ o, m: mapVm(o, { about, host: hosts.get(hostRef(o)), portgroupName: (k) => portgroups.name(k) }) }));
      if (history) {
        const wanted = mapped.flatMap(({ o, m }) => (m.ok ? [{ ref: o.obj.value, memoryMiB: m.parsed.vm.memoryMiB }] : []));
        const h = await history.read(wanted);
        if (h.warning) yield { type: "warning", ref: null, name: null, message: h.warning };
        for (const { o, m } of mapped) {
          const figures = h.byVm.get(o.obj.value);
          if (!m.ok || !figures || figures.length === 0) continue;
          m.parsed.vm.utilization = mergeHistory(m.parsed.vm.utilization, figures);
          m.context = { ...m.context, cpuAvgPct: averageOf(figures, "cpu.usage.pct"), memoryPct: averageOf(figures, "mem.active.pct") };
        }
      }
      for (const { o, m } of mapped) {
        if (m.ok) yield { type: "vm", ref: o.obj.value, name: m.parsed.vm.name, parsed: m.parsed, context: m.context };
        else yield { type: "warning", ref: o.obj.value, name: m.name, message: `skipped: ${m.reason}` };
      }
    }

    let done = 0;
    const names = (options.vmNames ?? []).filter((n) => n.length > 0);
    if (names.length > 0) {
      // Two passes so that a few named VMs among thousands cost one light listing, not a full read.
      const wanted = new Set(names);
      const found = new Set<string>();
      const refs: MoRef[] = [];
      for await (const page of retrieveAllPages(client, sc, { type: "VirtualMachine", paths: ["name"], view }, 1000)) {
        for (const o of page) {
          const n = text(o.props.get("name"));
          if (n !== null && wanted.has(n)) {
            refs.push(o.obj);
            found.add(n);
          }
        }
      }
      for (const n of names) {
        if (!found.has(n)) yield { type: "warning", ref: null, name: n, message: "no VM with this name was found" };
      }
      options.onProgress?.(0, refs.length);
      for (const batch of chunks(refs, pageSize)) {
        for await (const page of retrieveAllPages(client, sc, { type: "VirtualMachine", paths: [...VM_PROPERTIES], objects: batch }, pageSize)) {
          yield* mapPage(page);
          done += page.length;
          options.onProgress?.(done, refs.length);
        }
      }
    } else {
      const total = await countView(client, sc, view);
      options.onProgress?.(0, total);
      for await (const page of retrieveAllPages(client, sc, { type: "VirtualMachine", paths: [...VM_PROPERTIES], view }, pageSize)) {
        yield* mapPage(page);
        done += page.length;
        options.onProgress?.(done, total);
      }
    }
  } finally {
    if (sc && view) await destroyView(client, view).catch(() => undefined);
    if (sc && loggedIn) await logout(client, sc).catch(() => undefined);
    client.close();
  }
}

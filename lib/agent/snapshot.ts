import { VsphereError } from "./errors";
import { HOST_PROPERTIES, hostRef, mapHost, mapVm, portgroupKeys, VM_PROPERTIES, type HostFacts, type VmContextFacts } from "./map-vm";
import { SoapClient, type TlsOptions } from "./soap-client";
import {
  createContainerView, destroyView, login, logout, retrieveAllPages, retrieveServiceContent,
  type AboutInfo, type MoRef, type ObjectContent, type ServiceContent,
} from "./vim";
import type { ParsedVm } from "@/lib/vm/parsed";
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
    const portgroups = new PortgroupCache(client, sc);
    const about = sc.about;

    async function* mapPage(page: ObjectContent[]): AsyncGenerator<SnapshotEvent> {
      const warning = await hosts.load(page.map(hostRef).filter((r): r is MoRef => r !== null));
      if (warning) yield { type: "warning", ref: null, name: null, message: warning };
      await portgroups.load(page.flatMap(portgroupKeys));
      for (const o of page) {
        const m = mapVm(o, { about, host: hosts.get(hostRef(o)), portgroupName: (k) => portgroups.name(k) });
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

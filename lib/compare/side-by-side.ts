import { categoryTone, relativeDiff, type Tone } from "@/lib/compare/baseline";
import { formatGiB, formatMemory, label } from "@/lib/text/display";
import { totalDiskGiB } from "@/lib/vm/model";
import type { VmRecord } from "@/lib/vm/record";

/** Side by side stays readable up to this many VMs. */
export const MAX_SIDE_BY_SIDE = 4;

const ID_RE = /^[a-z0-9]{4,40}$/;

/**
 * A VM id from what a user pastes: a bare id, a path ("/vms/abc123") or a
 * full link ("https://…/vms/abc123?x"). null when it holds no id.
 */
export function extractVmId(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const m = text.match(/\/vms\/([a-z0-9]{4,40})(?:[/?#]|$)/i);
  const id = (m ? m[1] : text).toLowerCase();
  return ID_RE.test(id) ? id : null;
}

export interface IdsParam {
  /** Valid, distinct ids in the order given, at most MAX_SIDE_BY_SIDE. */
  ids: string[];
  /** Valid ids beyond the limit. */
  dropped: string[];
  /** Entries that are not ids at all. */
  invalid: string[];
}

/** `?ids=a,b,c` (or repeated `ids=`) read leniently: spaces, links and duplicates are fine. */
export function parseIdsParam(raw: string | string[] | undefined): IdsParam {
  const parts = (Array.isArray(raw) ? raw : [raw ?? ""]).flatMap((r) => r.split(/[,\s]+/)).filter(Boolean);
  const all: string[] = [];
  const invalid: string[] = [];
  for (const p of parts) {
    const id = extractVmId(p);
    if (!id) invalid.push(p.slice(0, 60));
    else if (!all.includes(id)) all.push(id);
  }
  return { ids: all.slice(0, MAX_SIDE_BY_SIDE), dropped: all.slice(MAX_SIDE_BY_SIDE), invalid };
}

export function compareHref(ids: string[], base?: string | null): string {
  const q = new URLSearchParams();
  if (ids.length) q.set("ids", ids.join(","));
  if (base && ids.includes(base) && base !== ids[0]) q.set("base", base);
  const s = q.toString().replace(/%2C/g, ",");
  return s ? `/compare?${s}` : "/compare";
}

export interface Cell {
  /** The value as shown, e.g. "16 GiB". */
  text: string;
  /** Against the baseline, for every VM but the baseline: "+8 GiB (+100%)", "same", "differs". */
  diff: { text: string; tone: Tone; same: boolean } | null;
}

export interface SideRow {
  key: string;
  label: string;
  group: "Configuration" | "Context";
  cells: Cell[];
  /** True when any VM differs from the baseline on this row. */
  differs: boolean;
}

type Field = {
  key: string;
  label: string;
  group: SideRow["group"];
  text(r: VmRecord): string;
  /** Numeric rows: the stored value and the metric name for relativeDiff. */
  numeric?: { value(r: VmRecord): number | null; metric: string; unit?: string };
  /** Categorical rows: how a difference is judged (only NIC models are). */
  tone?(base: VmRecord, other: VmRecord): Tone;
};

const join = (xs: (string | null | undefined)[], empty = "None") => {
  const list = xs.filter((x): x is string => !!x);
  return list.length ? list.join(", ") : empty;
};
const nicModel = (r: VmRecord) => r.vm.nics.find((n) => n.model)?.model ?? null;

const FIELDS: Field[] = [
  { key: "app", label: "Application", group: "Configuration", text: (r) => {
    const p = r.tags.find((t) => t.primary);
    return p ? `${p.name}${p.version ? ` ${p.version}` : ""}` : "Untagged";
  } },
  { key: "tags", label: "Tags", group: "Configuration", text: (r) => join(r.tags.map((t) => `${t.name}${t.version ? ` ${t.version}` : ""}`)) },
  { key: "vcpus", label: "vCPUs", group: "Configuration", text: (r) => String(r.vm.cpu.vcpus), numeric: { value: (r) => r.vm.cpu.vcpus, metric: "vcpus" } },
  { key: "coresPerSocket", label: "Cores per socket", group: "Configuration", text: (r) => (r.vm.cpu.coresPerSocket == null ? "Unknown" : String(r.vm.cpu.coresPerSocket)),
    numeric: { value: (r) => r.vm.cpu.coresPerSocket, metric: "coresPerSocket", unit: "cores" } },
  { key: "memoryMiB", label: "Memory", group: "Configuration", text: (r) => formatMemory(r.vm.memoryMiB), numeric: { value: (r) => r.vm.memoryMiB, metric: "memoryMiB" } },
  { key: "totalDiskGiB", label: "Total disk", group: "Configuration", text: (r) => formatGiB(totalDiskGiB(r.vm)), numeric: { value: (r) => totalDiskGiB(r.vm), metric: "totalDiskGiB" } },
  { key: "diskCount", label: "Disks", group: "Configuration", text: (r) => String(r.vm.disks.length), numeric: { value: (r) => r.vm.disks.length, metric: "diskCount" } },
  { key: "diskSizes", label: "Disk sizes", group: "Configuration", text: (r) => join(r.vm.disks.map((d) => `${formatGiB(d.sizeGiB)}${d.bus ? ` ${label(d.bus)}` : ""}`)) },
  { key: "nicCount", label: "NICs", group: "Configuration", text: (r) => String(r.vm.nics.length), numeric: { value: (r) => r.vm.nics.length, metric: "nicCount" } },
  { key: "nicModels", label: "NIC models", group: "Configuration", text: (r) => join(r.vm.nics.map((n) => n.model ?? "unknown")),
    tone: (b, o) => categoryTone("nicModel", nicModel(b), nicModel(o)) },
  { key: "guestOs", label: "Guest OS", group: "Configuration", text: (r) => r.vm.guestOs.name ?? label(r.vm.guestOs.family) },
  { key: "hypervisor", label: "Hypervisor", group: "Configuration",
    text: (r) => join([r.vm.hypervisor.product ?? (r.vm.hypervisor.vendor ? label(r.vm.hypervisor.vendor) : null), r.vm.hypervisor.version], "Unknown").replace(", ", " ") },
  { key: "hardwareVersion", label: "Hardware version", group: "Configuration", text: (r) => r.vm.hardwareVersion ?? "Unknown" },
  { key: "firmware", label: "Firmware", group: "Configuration", text: (r) => label(r.vm.firmware) },
  { key: "source", label: "Source", group: "Configuration", text: (r) => label(r.vm.source.format) },
  { key: "environment", label: "Environment", group: "Context", text: (r) => label(r.context.environment) },
  { key: "industry", label: "Industry", group: "Context", text: (r) => label(r.context.industry) },
  { key: "organizationSize", label: "Organization size", group: "Context", text: (r) => r.context.organizationSize ?? "Unknown" },
  { key: "host", label: "Host server", group: "Context", text: (r) => join([r.context.hostVendor, r.context.hostModel], "Unknown").replace(", ", " ") },
  { key: "datastore", label: "Datastore", group: "Context",
    text: (r) => (r.context.datastoreType ? `${r.context.datastoreType.toUpperCase()}${r.context.datastoreVersion ? ` ${r.context.datastoreVersion}` : ""}` : "Unknown") },
  { key: "utilization", label: "Utilization", group: "Context",
    text: (r) => (r.context.cpuAvgPct == null && r.context.memoryPct == null ? "Not given" : `CPU avg ${r.context.cpuAvgPct ?? "?"}%, memory ${r.context.memoryPct ?? "?"}%`) },
];

/**
 * Every field of the VMs, with each VM other than the baseline described
 * relative to it. Numbers use relativeDiff ("+2 vCPUs", "+8 GiB (+50%)");
 * other fields say "same" or "differs".
 */
export function sideBySideRows(records: VmRecord[], baseId: string): SideRow[] {
  const base = records.find((r) => r.id === baseId) ?? records[0];
  if (!base) return [];
  return FIELDS.map((f) => {
    const cells = records.map((r): Cell => {
      const text = f.text(r);
      if (r === base) return { text, diff: null };
      if (f.numeric) {
        const a = f.numeric.value(base);
        const b = f.numeric.value(r);
        if (a != null && b != null) {
          const d = relativeDiff(a, b, { metric: f.numeric.metric, unit: f.numeric.unit });
          return { text, diff: { text: d.text, tone: "neutral", same: d.direction === "same" } };
        }
        // An unknown size is no difference that can be stated (and never one from 0).
        if (f.key === "totalDiskGiB") return { text, diff: { text: "unknown", tone: "neutral", same: a == null && b == null } };
      }
      const same = text === f.text(base);
      return { text, diff: { text: same ? "same" : "differs", tone: same ? "neutral" : (f.tone?.(base, r) ?? "neutral"), same } };
    });
    return { key: f.key, label: f.label, group: f.group, cells, differs: cells.some((c) => c.diff && !c.diff.same) };
  });
}

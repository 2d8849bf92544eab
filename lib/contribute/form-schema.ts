import { z } from "zod";
import {
  DATASTORE_TYPES, ENVIRONMENTS, INDUSTRIES, ORG_SIZES, type VmContext,
} from "@/lib/vm/context";
import {
  DEFAULTABLE_FIELDS, DISK_BUSES, FIRMWARES, GUEST_FAMILIES, HYPERVISOR_VENDORS, PROVISIONING, SOURCE_FORMATS,
  utilizationSchema, type DefaultableField, type NormalizedVm, type Utilization,
} from "@/lib/vm/model";
import { plausibilityReasons, type ImplausibleReason } from "@/lib/vm/plausibility";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import { CONTROL_CHAR_MESSAGE, hasControlChars } from "@/lib/text/control-chars";

/**
 * The contribution form as the browser holds it: every input is a string (an
 * empty string means "not given"), memory has a unit, disks are in GiB. One
 * schema validates it in the browser and on the server and converts it to the
 * stored shape (lib/vm/record.ts contributionSchema). Error paths are the form's
 * own paths ("vm.memory", "vm.disks.0.sizeGiB") so errors sit next to inputs.
 */
export const MEMORY_UNITS = ["GiB", "MiB"] as const;
export type MemoryUnit = (typeof MEMORY_UNITS)[number];
export const MAX_DISKS = 256;
export const MAX_NICS = 64;
/** Manual entry offers labels, never free text: a typed network name could identify the site. */
export const NETWORK_LABELS: readonly string[] = Array.from({ length: MAX_NICS }, (_, i) => `net-${i + 1}`);
export const NETWORK_ROLES = ["management", "service-console", "vmotion", "storage"] as const;
export const MAX_TAGS = 10;

export interface DiskForm { sizeGiB: string; bus: string; provisioning: string }
export interface NicForm { model: string; network: string }
export interface TagForm {
  /** Taxonomy slug, or "" for a free-typed application (kept as a suggestion). */
  slug: string;
  name: string;
  version: string;
  primary: boolean;
}

export interface VmForm {
  sourceFormat: string;
  hypervisorVendor: string;
  hypervisorProduct: string;
  hypervisorVersion: string;
  hardwareVersion: string;
  firmware: string;
  guestFamily: string;
  guestName: string;
  guestId: string;
  vcpus: string;
  coresPerSocket: string;
  memory: string;
  memoryUnit: MemoryUnit;
  disks: DiskForm[];
  nics: NicForm[];
  /** The total disk the source stated (RVTools), carried through an upload preview or an edit; not an input. */
  statedTotalDiskGiB?: string;
  /** Usage figures a parsed source gave (RVTools, Hyper-V, vCenter), carried through a preview or an edit; not an input. */
  utilization?: Utilization[];
  /**
   * Fields the parser filled with a platform default, with their value at that time
   * (defaultedValue). A field stays marked as a default only while the contributor leaves it as it was.
   */
  defaults?: Partial<Record<DefaultableField, string>>;
}

export interface ContextForm {
  environment: string;
  industry: string;
  organizationSize: string;
  hostVendor: string;
  hostModel: string;
  hostCpuModel: string;
  datastoreType: string;
  datastoreVersion: string;
  datastoreBlockSizeMB: string;
  cpuAvgPct: string;
  cpuPeakPct: string;
  memoryPct: string;
  /** Average disk operations per second over the period. */
  iops: string;
  /** The period the usage figures cover: "P1D", "P7D", "P30D", or "sample" for one reading; "" when none is given. */
  usagePeriod: string;
  networkRoles: string[];
}

export interface ContributionForm {
  vm: VmForm;
  tags: TagForm[];
  context: ContextForm;
  identityKey: string | null;
  /** Ticked by the contributor after reading why the VM looks implausible (lib/vm/plausibility.ts). */
  confirmImplausible?: boolean;
}

const noControl = (v: string) => !hasControlChars(v);

const text = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).refine(noControl, CONTROL_CHAR_MESSAGE).transform((v) => (v === "" ? null : v));

function choice<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .string()
    .refine((v) => v === "" || (values as readonly string[]).includes(v), `choose a ${what} from the list`)
    .transform((v) => (v === "" ? null : (v as T[number])));
}

function num(opts: { min: number; max: number; integer?: boolean; required?: string; unit?: string; zero?: string }) {
  return z.string().trim().transform((raw, ctx): number | null => {
    if (raw === "") {
      if (opts.required) ctx.addIssue({ code: "custom", message: opts.required });
      return null;
    }
    const n = Number(raw.replace(",", "."));
    const unit = opts.unit ? ` ${opts.unit}` : "";
    if (!Number.isFinite(n)) ctx.addIssue({ code: "custom", message: "enter a number" });
    else if (opts.integer && !Number.isInteger(n)) ctx.addIssue({ code: "custom", message: "enter a whole number" });
    else if (n === 0 && opts.zero) ctx.addIssue({ code: "custom", message: opts.zero });
    else if (n < opts.min || n > opts.max) ctx.addIssue({ code: "custom", message: `between ${opts.min} and ${opts.max}${unit}` });
    else return n;
    return null;
  });
}

const diskFormSchema = z.object({
  // Empty means unknown (null); 0 is refused, as by the API (api-schemas.ts), because it would read as a size.
  sizeGiB: num({ min: 0, max: 1024 * 1024, unit: "GiB", zero: "a disk cannot be 0 GiB: enter its size, or leave the field empty when unknown" }),
  bus: choice(DISK_BUSES, "disk bus"),
  provisioning: choice(PROVISIONING, "provisioning"),
});

const nicFormSchema = z.object({
  model: z.string().trim().toLowerCase().max(64, "at most 64 characters").refine(noControl, CONTROL_CHAR_MESSAGE).transform((v) => (v === "" ? null : v)),
  network: z
    .string()
    .refine((v) => v === "" || NETWORK_LABELS.includes(v), "choose a network label from the list")
    .transform((v) => (v === "" ? null : v)),
});

const tagFormSchema = z.object({
  slug: z.string().trim().max(80),
  name: z.string().trim().max(80, "at most 80 characters").refine(noControl, CONTROL_CHAR_MESSAGE),
  version: z.string().trim().max(40, "at most 40 characters").refine(noControl, CONTROL_CHAR_MESSAGE),
  primary: z.boolean(),
});

const vmFormSchema = z
  .object({
    sourceFormat: z.enum(SOURCE_FORMATS).catch("manual"),
    hypervisorVendor: choice(HYPERVISOR_VENDORS, "hypervisor vendor"),
    hypervisorProduct: text(128),
    hypervisorVersion: text(64),
    hardwareVersion: text(64),
    firmware: choice(FIRMWARES, "firmware"),
    guestFamily: choice(GUEST_FAMILIES, "guest OS family"),
    guestName: text(256),
    guestId: text(128),
    vcpus: num({ min: 1, max: 1024, integer: true, required: "enter the number of vCPUs" }),
    coresPerSocket: num({ min: 1, max: 1024, integer: true }),
    memory: num({ min: 0.001, max: 64 * 1024 * 1024, required: "enter the memory size" }),
    memoryUnit: z.enum(MEMORY_UNITS),
    disks: z.array(diskFormSchema).max(MAX_DISKS, `at most ${MAX_DISKS} disks`),
    statedTotalDiskGiB: num({ min: 0, max: 64 * 1024 * 1024, unit: "GiB" }).optional(),
    utilization: z.array(utilizationSchema).max(64).optional(),
    nics: z.array(nicFormSchema).max(MAX_NICS, `at most ${MAX_NICS} network adapters`),
    defaults: z.partialRecord(z.enum(DEFAULTABLE_FIELDS), z.string().max(4096)).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.vcpus != null && v.coresPerSocket != null && v.vcpus % v.coresPerSocket !== 0) {
      ctx.addIssue({ code: "custom", path: ["coresPerSocket"], message: `must divide the ${v.vcpus} vCPUs evenly` });
    }
    if (v.memory != null) {
      const mib = toMiB(v.memory, v.memoryUnit);
      if (mib < 1 || mib > 64 * 1024 * 1024) ctx.addIssue({ code: "custom", path: ["memory"], message: "between 1 MiB and 64 TiB" });
    }
  });

/** The periods usage figures can be given for on the form ("sample" = one reading at one moment). */
export const USAGE_PERIODS = ["P1D", "P7D", "P30D", "sample"] as const;
export const USAGE_PERIOD_LABELS: Record<(typeof USAGE_PERIODS)[number], string> = {
  P1D: "The last day", P7D: "The last 7 days", P30D: "The last 30 days", sample: "A single reading (now)",
};

const contextFormSchema = z
  .object({
    environment: choice(ENVIRONMENTS, "environment"),
    industry: choice(INDUSTRIES, "industry"),
    organizationSize: choice(ORG_SIZES, "organization size"),
    hostVendor: text(80),
    hostModel: text(120),
    hostCpuModel: text(160),
    datastoreType: choice(DATASTORE_TYPES, "datastore type"),
    datastoreVersion: text(20),
    datastoreBlockSizeMB: num({ min: 1, max: 64, integer: true, unit: "MB" }),
    cpuAvgPct: num({ min: 0, max: 100, unit: "%" }),
    cpuPeakPct: num({ min: 0, max: 100, unit: "%" }),
    memoryPct: num({ min: 0, max: 100, unit: "%" }),
    iops: num({ min: 0, max: 10_000_000, unit: "IOPS" }),
    usagePeriod: z.enum(["", ...USAGE_PERIODS], { message: "choose a period" }),
    networkRoles: z.array(z.enum(NETWORK_ROLES)).max(8),
  })
  .superRefine((c, ctx) => {
    const given = c.cpuAvgPct != null || c.cpuPeakPct != null || c.memoryPct != null || c.iops != null;
    if (given && c.usagePeriod === "") ctx.addIssue({ code: "custom", path: ["usagePeriod"], message: "say what period these figures cover" });
    if (c.usagePeriod === "sample" && c.cpuPeakPct != null) {
      ctx.addIssue({ code: "custom", path: ["cpuPeakPct"], message: "a single sample has no peak: leave it empty or choose a period" });
    }
    if (c.cpuAvgPct != null && c.cpuPeakPct != null && c.cpuPeakPct < c.cpuAvgPct) {
      ctx.addIssue({ code: "custom", path: ["cpuPeakPct"], message: "the peak cannot be below the average" });
    }
  });

/**
 * The form's usage fields as utilization figures with provenance (source "manual"): over a period, average CPU,
 * peak CPU (its maximum), memory in use and IOPS as averages; a single reading as samples.
 */
export function manualUtilization(c: { cpuAvgPct: number | null; cpuPeakPct: number | null; memoryPct: number | null; iops: number | null; usagePeriod: string }): Utilization[] {
  if (c.usagePeriod === "") return [];
  const sample = c.usagePeriod === "sample";
  const window = sample ? null : c.usagePeriod;
  const out: Utilization[] = [];
  const add = (metric: Utilization["metric"], statistic: Utilization["statistic"], value: number | null) => {
    if (value != null) out.push({ metric, statistic: sample ? "sample" : statistic, window, source: "manual", value: Math.round(value * 100) / 100 });
  };
  add("cpu.usage.pct", "average", c.cpuAvgPct);
  if (!sample) add("cpu.usage.pct", "max", c.cpuPeakPct);
  add("mem.active.pct", "average", c.memoryPct);
  add("disk.iops", "average", c.iops);
  return out;
}

export function toMiB(value: number, unit: MemoryUnit): number {
  return Math.round(unit === "GiB" ? value * 1024 : value);
}

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

// Checked on the array itself so that tag errors show together with field errors.
const tagsFormSchema = z
  .array(tagFormSchema)
  .max(MAX_TAGS, `at most ${MAX_TAGS} applications`)
  .superRefine((tags, ctx) => {
    if (!tags.some((t) => t.slug !== "" || t.name !== "")) ctx.addIssue({ code: "custom", message: "add at least one application" });
    if (tags.filter((t) => t.primary).length > 1) ctx.addIssue({ code: "custom", message: "mark only one application as primary" });
    const seen = new Set<string>();
    tags.forEach((t, i) => {
      if (t.slug !== "" && !SLUG.test(t.slug)) ctx.addIssue({ code: "custom", path: [i, "name"], message: "unknown application" });
      if (t.slug === "" && t.name !== "" && t.name.length < 2) ctx.addIssue({ code: "custom", path: [i, "name"], message: "at least 2 characters" });
      const key = t.slug || t.name.toLowerCase();
      if (key && seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `${t.name || t.slug} is listed twice` });
      seen.add(key);
    });
  });

/** The form schema: validates form input and outputs a Contribution. */
export const contributionFormSchema = z
  .object({
    vm: vmFormSchema,
    tags: tagsFormSchema,
    context: contextFormSchema,
    identityKey: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
    confirmImplausible: z.boolean().optional(),
  })
  .transform((f, ctx): Contribution => {
    const vm: NormalizedVm = {
      name: null,
      source: { format: f.vm.sourceFormat },
      hypervisor: { vendor: f.vm.hypervisorVendor, product: f.vm.hypervisorProduct, version: f.vm.hypervisorVersion },
      hardwareVersion: f.vm.hardwareVersion,
      firmware: f.vm.firmware,
      guestOs: { id: f.vm.guestId, family: f.vm.guestFamily, name: f.vm.guestName },
      cpu: { vcpus: f.vm.vcpus ?? 1, coresPerSocket: f.vm.coresPerSocket },
      memoryMiB: toMiB(f.vm.memory ?? 1, f.vm.memoryUnit),
      disks: f.vm.disks.map((d) => ({ sizeGiB: d.sizeGiB, bus: d.bus, provisioning: d.provisioning })),
      nics: f.vm.nics.map((n) => ({ model: n.model, network: n.network })),
      // A stated total is kept only while some disk size is unknown: once every size is entered, the disks
      // the contributor sees are the total (lib/vm/model.ts totalDiskGiB), not a number they cannot see.
      totalDiskGiB: f.vm.disks.some((d) => d.sizeGiB == null) && f.vm.statedTotalDiskGiB ? f.vm.statedTotalDiskGiB : null,
      defaulted: [],
    };
    // A parsed source's figures stay; the contributor's own replace any earlier manual ones.
    const usage = [...(f.vm.utilization ?? []).filter((u) => u.source !== "manual"), ...manualUtilization(f.context)];
    if (usage.length > 0) vm.utilization = usage;
    const defaults = f.vm.defaults ?? {};
    vm.defaulted = DEFAULTABLE_FIELDS.filter((k) => defaults[k] !== undefined && defaults[k] === defaultedValue(vm, k));
    const known = f.tags.filter((t) => t.slug !== "");
    const suggestions = f.tags.filter((t) => t.slug === "" && t.name !== "").map((t) => t.name);
    // A free-typed application that was marked primary cannot be primary until a
    // moderator accepts it; the first known tag takes its place.
    const tags = known.map((t) => ({ slug: t.slug, version: t.version === "" ? null : t.version, primary: t.primary }));
    if (tags.length > 0 && !tags.some((t) => t.primary)) tags[0].primary = true;
    const { iops: _iops, usagePeriod, ...contextFields } = f.context;
    // A single reading is not an average: it is kept as a sample figure only.
    const context: VmContext = {
      ...contextFields,
      ...(usagePeriod === "sample" ? { cpuAvgPct: null, cpuPeakPct: null, memoryPct: null } : {}),
      networkRoles: [...new Set(f.context.networkRoles)],
    };
    const checked = contributionSchema.safeParse({
      vm, tags, context, identityKey: f.identityKey, suggestions, ...(f.confirmImplausible ? { confirmImplausible: true } : {}),
    });
    if (checked.success) return checked.data;
    for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: issue.message });
    return z.NEVER;
  });

export type FieldErrors = Record<string, string>;

export type FormResult =
  | { ok: true; contribution: Contribution }
  | { ok: false; errors: FieldErrors; implausible?: ImplausibleReason[] };

/** A defaultable field's value as one string, to tell whether the contributor changed it. */
export function defaultedValue(vm: NormalizedVm, field: DefaultableField): string {
  switch (field) {
    case "firmware": return vm.firmware ?? "";
    case "cpu.vcpus": return String(vm.cpu.vcpus);
    case "cpu.coresPerSocket": return String(vm.cpu.coresPerSocket ?? "");
    case "memoryMiB": return String(vm.memoryMiB);
    case "hardwareVersion": return vm.hardwareVersion ?? "";
    case "disks.bus": return vm.disks.map((d) => d.bus ?? "").join(",");
    case "disks.provisioning": return vm.disks.map((d) => d.provisioning ?? "").join(",");
    case "nics.model": return vm.nics.map((n) => n.model ?? "").join(",");
  }
}

/** The form input an implausibility reason belongs to. */
function formPathOf(reason: ImplausibleReason, vm: NormalizedVm): string {
  if (reason.field === "memoryMiB") return "vm.memory";
  if (reason.field === "cpu.vcpus") return "vm.vcpus";
  if (reason.field === "disks") return vm.disks.length ? "vm.disks.0.sizeGiB" : "vm.disks";
  return `vm.${reason.field}`;
}

/**
 * Validates the form; errors are keyed by the form path of the input they belong to.
 * A valid but implausible VM is refused with its reasons unless `confirmImplausible` is set.
 */
export function parseContributionForm(form: ContributionForm): FormResult {
  const r = contributionFormSchema.safeParse(form);
  if (r.success) {
    const reasons = plausibilityReasons(r.data.vm);
    if (reasons.length === 0) {
      const { confirmImplausible: _none, ...plain } = r.data;
      return { ok: true, contribution: plain };
    }
    if (form.confirmImplausible) return { ok: true, contribution: r.data };
    const errors: FieldErrors = {};
    for (const reason of reasons) {
      const key = formPathOf(reason, r.data.vm);
      errors[key] = errors[key] ? `${errors[key]} ${reason.message}` : reason.message;
    }
    return { ok: false, errors, implausible: reasons };
  }
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    if (key in errors) continue;
    // Raised by contributionSchema after the transform when every tag was free-typed.
    errors[key] = issue.message === "add at least one application tag"
      ? "add at least one application from the list (typed names are kept only as suggestions)"
      : issue.message;
  }
  // Checks that zod runs only once every field is valid (cross-field rules, plausibility) are run here
  // too, on the fields that are valid, so that every error shows at the first submit, not in rounds.
  const vm = lenientVm(form.vm);
  let implausible: ImplausibleReason[] | undefined;
  if (vm) {
    if (vm.cpu.coresPerSocket != null && vm.cpu.vcpus % vm.cpu.coresPerSocket !== 0) {
      errors["vm.coresPerSocket"] ??= `must divide the ${vm.cpu.vcpus} vCPUs evenly`;
    }
    if (vm.memoryMiB < 1 || vm.memoryMiB > 64 * 1024 * 1024) errors["vm.memory"] ??= "between 1 MiB and 64 TiB";
    else if (!form.confirmImplausible) {
      const reasons = plausibilityReasons(vm);
      if (reasons.length) implausible = reasons;
      const own: FieldErrors = {};
      for (const reason of reasons) {
        const key = formPathOf(reason, vm);
        own[key] = own[key] ? `${own[key]} ${reason.message}` : reason.message;
      }
      // A field's own error (not a number, out of range) comes first; plausibility speaks of valid numbers only.
      for (const [key, msg] of Object.entries(own)) errors[key] ??= msg;
    }
  }
  return { ok: false, errors, ...(implausible ? { implausible } : {}) };
}

/**
 * The VM as far as its inputs are valid, for the checks that need several fields: null when vCPUs or
 * memory is not a valid number yet. An invalid optional field counts as not given.
 */
function lenientVm(f: VmForm): NormalizedVm | null {
  const sh = vmFormSchema.shape;
  const val = <T>(schema: z.ZodType<T>, v: unknown): T | null => {
    const r = schema.safeParse(v);
    return r.success ? r.data : null;
  };
  const vcpus = val(sh.vcpus, f.vcpus);
  const memory = val(sh.memory, f.memory);
  const unit = val(sh.memoryUnit, f.memoryUnit);
  if (vcpus == null || memory == null || unit == null) return null;
  return {
    name: null,
    source: { format: "manual" },
    hypervisor: { vendor: val(sh.hypervisorVendor, f.hypervisorVendor), product: val(sh.hypervisorProduct, f.hypervisorProduct), version: val(sh.hypervisorVersion, f.hypervisorVersion) },
    hardwareVersion: val(sh.hardwareVersion, f.hardwareVersion),
    firmware: null,
    guestOs: { id: null, family: null, name: null },
    cpu: { vcpus, coresPerSocket: val(sh.coresPerSocket, f.coresPerSocket) },
    memoryMiB: toMiB(memory, unit),
    disks: f.disks.map((d) => ({ sizeGiB: val(diskFormSchema.shape.sizeGiB, d.sizeGiB), bus: null, provisioning: null })),
    nics: [],
    totalDiskGiB: null,
    defaulted: [],
  };
}

export function emptyDisk(): DiskForm {
  return { sizeGiB: "", bus: "", provisioning: "" };
}

export function emptyNic(): NicForm {
  return { model: "", network: "" };
}

export function emptyContextForm(): ContextForm {
  return {
    environment: "", industry: "", organizationSize: "", hostVendor: "", hostModel: "", hostCpuModel: "",
    datastoreType: "", datastoreVersion: "", datastoreBlockSizeMB: "", cpuAvgPct: "", cpuPeakPct: "", memoryPct: "",
    iops: "", usagePeriod: "", networkRoles: [],
  };
}

export function emptyForm(): ContributionForm {
  return {
    vm: {
      sourceFormat: "manual", hypervisorVendor: "", hypervisorProduct: "", hypervisorVersion: "", hardwareVersion: "",
      firmware: "", guestFamily: "", guestName: "", guestId: "", vcpus: "", coresPerSocket: "", memory: "",
      memoryUnit: "GiB", disks: [emptyDisk()], nics: [emptyNic()],
    },
    tags: [],
    context: emptyContextForm(),
    identityKey: null,
  };
}

const str = (v: string | number | null | undefined): string => (v == null ? "" : String(v));

/** Memory shown in GiB when it is a whole number of GiB, otherwise in MiB. */
export function memoryToForm(mib: number): { memory: string; memoryUnit: MemoryUnit } {
  return mib % 1024 === 0 ? { memory: String(mib / 1024), memoryUnit: "GiB" } : { memory: String(mib), memoryUnit: "MiB" };
}

/** The form filled from a (redacted) VM, e.g. an upload preview or a stored record. */
export function formFromVm(vm: NormalizedVm, context: Partial<VmContext> = {}, identityKey: string | null = null): ContributionForm {
  const ctx = { ...emptyContextForm() };
  for (const k of Object.keys(ctx) as (keyof ContextForm)[]) {
    if (k === "networkRoles" || k === "iops" || k === "usagePeriod") continue;
    (ctx as unknown as Record<string, string>)[k] = str(context[k] as string | number | null | undefined);
  }
  ctx.networkRoles = [...(context.networkRoles ?? [])];
  // The contributor's own figures come back into the usage fields; a parsed source's are carried as they are.
  const manual = (vm.utilization ?? []).filter((u) => u.source === "manual");
  const period = manual[0] ? (manual[0].statistic === "sample" ? "sample" : manual[0].window ?? "") : "";
  if (manual.length > 0 && (USAGE_PERIODS as readonly string[]).includes(period)) {
    const pick = (metric: string, stat: string) => manual.find((u) => u.metric === metric && (u.statistic === stat || u.statistic === "sample"))?.value;
    ctx.usagePeriod = period;
    ctx.cpuAvgPct = str(pick("cpu.usage.pct", "average") ?? context.cpuAvgPct);
    ctx.cpuPeakPct = period === "sample" ? "" : str(manual.find((u) => u.metric === "cpu.usage.pct" && u.statistic === "max")?.value ?? context.cpuPeakPct);
    ctx.memoryPct = str(pick("mem.active.pct", "average") ?? context.memoryPct);
    ctx.iops = str(pick("disk.iops", "average"));
  }
  return {
    vm: {
      sourceFormat: vm.source.format,
      hypervisorVendor: str(vm.hypervisor.vendor),
      hypervisorProduct: str(vm.hypervisor.product),
      hypervisorVersion: str(vm.hypervisor.version),
      hardwareVersion: str(vm.hardwareVersion),
      firmware: str(vm.firmware),
      guestFamily: str(vm.guestOs.family),
      guestName: str(vm.guestOs.name),
      guestId: str(vm.guestOs.id),
      vcpus: String(vm.cpu.vcpus),
      coresPerSocket: str(vm.cpu.coresPerSocket),
      ...memoryToForm(vm.memoryMiB),
      disks: vm.disks.map((d) => ({ sizeGiB: str(d.sizeGiB), bus: str(d.bus), provisioning: str(d.provisioning) })),
      nics: vm.nics.map((n) => ({
        model: str(n.model),
        network: n.network && NETWORK_LABELS.includes(n.network) ? n.network : "",
      })),
      statedTotalDiskGiB: str(vm.totalDiskGiB),
      defaults: Object.fromEntries((vm.defaulted ?? []).map((k) => [k, defaultedValue(vm, k)])),
      utilization: (vm.utilization ?? []).filter((u) => u.source !== "manual"),
    },
    tags: [],
    context: ctx,
    identityKey,
  };
}

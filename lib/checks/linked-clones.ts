import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { totalDiskGiB } from "@/lib/vm/model";
import type { Check, CheckFinding, CheckInput, RuleTable } from "./types";
import { slugMatches } from "./security-zones";
import { SOURCES } from "./sources";

export const OVERCOMMIT_LEVELS = ["none", "conservative", "moderate", "aggressive"] as const;
export type OvercommitLevel = (typeof OVERCOMMIT_LEVELS)[number];

/**
 * View Composer counts every linked clone as if it were as large as its
 * parent and allows clones up to this multiple of the datastore's capacity.
 */
export const OVERCOMMIT_FACTORS: Record<OvercommitLevel, number> = { none: 1, conservative: 4, moderate: 7, aggressive: 15 };

/** Per-clone files besides the delta disk and swap: vmx, nvram, logs, View Composer's small internal disk. */
export const DEFAULT_CLONE_OVERHEAD_GIB = 0.1;
/** Free space kept back: View warns at 95% used and suspends the clones at 99%. */
export const DEFAULT_RESERVE_PCT = 10;

/** Tag slugs (or hyphen-separated parts of them) that mark a VDI desktop. */
export const VDI_TAG_PATTERNS = ["vdi", "horizon", "view", "citrix-vdi"] as const;

export function isVdiTagged(tags: { slug: string }[]): boolean {
  return tags.some((t) => slugMatches(t.slug, VDI_TAG_PATTERNS));
}

export const linkedCloneInputSchema = z.object({
  datastoreGiB: z.number().positive().max(1024 * 1024).describe("Datastore capacity in GiB"),
  parentDiskGiB: z.number().positive().max(64 * 1024).describe("Size of the parent VM's (replica's) disks in GiB"),
  deltaGrowthPct: z.number().min(0).max(100).describe("Expected growth of each clone's delta disk, as % of the parent"),
  overcommit: z.enum(OVERCOMMIT_LEVELS),
  swapGiB: z.number().min(0).max(24 * 1024).optional().describe("Per-clone swap file: configured memory minus reservation"),
  reservePct: z.number().min(0).max(90).optional().describe("Datastore space kept free, in %"),
  overheadGiB: z.number().min(0).max(1024).optional().describe("Other per-clone files (logs, vmx, internal disk)"),
});

export type LinkedCloneInput = z.input<typeof linkedCloneInputSchema>;
export type CloneRisk = "none" | "low" | "medium" | "high";

export interface LinkedCloneLevel {
  level: OvercommitLevel;
  factor: number;
  /** Clones View places at this level: factor × datastore / parent size. */
  clones: number;
  /** Space those clones take at the expected growth. */
  expectedUseGiB: number;
  expectedUsePct: number;
  /** Space they would take if every delta disk grew to the parent's full size. */
  fullGrowthUseGiB: number;
  fullGrowthUsePct: number;
  risk: CloneRisk;
  riskText: string;
}

export interface LinkedCloneEstimate {
  /** Clones to plan for at the chosen level: what View allows, capped by what fits at the expected growth. */
  clones: number;
  limitedBy: "overcommit" | "space";
  /** Expected space per clone: delta growth + swap + overhead. */
  perCloneGiB: number;
  /** Per clone if its delta disk grows to the parent's size. */
  perCloneFullGrowthGiB: number;
  usableGiB: number;
  /** Clones that fit in the usable space at the expected growth, whatever the level. */
  fitAtExpectedGrowth: number;
  levels: LinkedCloneLevel[];
}

/** Beyond this share of the usable space at the expected growth, one busy day (patches, AV updates) can fill the datastore. */
export const MEDIUM_RISK_SHARE = 0.75;

const round2 = (x: number) => Math.round(x * 100) / 100;

function riskOf(expected: number, fullGrowth: number, usable: number): { risk: CloneRisk; riskText: string } {
  if (fullGrowth <= usable) return { risk: "none", riskText: "Fits even if every clone grows to the parent's full size." };
  if (expected <= usable * MEDIUM_RISK_SHARE) {
    return { risk: "low", riskText: "Fits at the expected growth with room to spare; full growth of every clone would not fit." };
  }
  if (expected <= usable) {
    return { risk: "medium", riskText: "Fits at the expected growth but with little headroom; refresh or recompose clones regularly." };
  }
  return { risk: "high", riskText: "The expected growth alone overruns the datastore: clones will run out of space unless they are refreshed or deleted at logoff." };
}

/**
 * How many View Composer linked clones a datastore holds at each storage
 * overcommit level, and how likely each level is to run out of space.
 * Throws AppError("validation_error") naming the field for invalid input.
 */
export function estimateLinkedClones(input: LinkedCloneInput): LinkedCloneEstimate {
  const parsed = linkedCloneInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join(".");
    throw new AppError("validation_error", `Linked clone estimate: ${field}: ${issue.message}`, { field });
  }
  const { datastoreGiB, parentDiskGiB, deltaGrowthPct, overcommit } = parsed.data;
  const swapGiB = parsed.data.swapGiB ?? 0;
  const overheadGiB = parsed.data.overheadGiB ?? DEFAULT_CLONE_OVERHEAD_GIB;
  const reservePct = parsed.data.reservePct ?? DEFAULT_RESERVE_PCT;

  const usableGiB = datastoreGiB * (1 - reservePct / 100);
  const perCloneGiB = (parentDiskGiB * deltaGrowthPct) / 100 + swapGiB + overheadGiB;
  const perCloneFullGrowthGiB = parentDiskGiB + swapGiB + overheadGiB;
  // A clone that takes no space at all cannot bound the count; View's own limit then decides.
  const fitAtExpectedGrowth = perCloneGiB > 0 ? Math.floor(usableGiB / perCloneGiB + 1e-9) : Number.MAX_SAFE_INTEGER;

  const levels: LinkedCloneLevel[] = OVERCOMMIT_LEVELS.map((level) => {
    const factor = OVERCOMMIT_FACTORS[level];
    const clones = Math.floor((factor * datastoreGiB) / parentDiskGiB + 1e-9);
    const expectedUseGiB = clones * perCloneGiB;
    const fullGrowthUseGiB = clones * perCloneFullGrowthGiB;
    return {
      level, factor, clones,
      expectedUseGiB: round2(expectedUseGiB),
      expectedUsePct: round2((expectedUseGiB / datastoreGiB) * 100),
      fullGrowthUseGiB: round2(fullGrowthUseGiB),
      fullGrowthUsePct: round2((fullGrowthUseGiB / datastoreGiB) * 100),
      ...riskOf(expectedUseGiB, fullGrowthUseGiB, usableGiB),
    };
  });

  const chosen = levels.find((l) => l.level === overcommit)!;
  const clones = Math.min(chosen.clones, fitAtExpectedGrowth);
  return {
    clones,
    limitedBy: chosen.clones <= fitAtExpectedGrowth ? "overcommit" : "space",
    perCloneGiB: round2(perCloneGiB),
    perCloneFullGrowthGiB: round2(perCloneFullGrowthGiB),
    usableGiB: round2(usableGiB),
    fitAtExpectedGrowth,
    levels,
  };
}

/** The example the VDI finding shows: a 1 TiB datastore and 10% delta growth. */
export const EXAMPLE_DATASTORE_GIB = 1024;
export const EXAMPLE_GROWTH_PCT = 10;

const ID = "linked-clones";

function run(input: CheckInput): CheckFinding[] {
  if (!isVdiTagged(input.tags)) return [];
  const parentDiskGiB = totalDiskGiB(input.vm);
  const swapGiB = round2(input.vm.memoryMiB / 1024);
  let example = "";
  // No worked example from an unknown total: it would size clones for an empty parent.
  if (parentDiskGiB != null && parentDiskGiB > 0 && parentDiskGiB <= EXAMPLE_DATASTORE_GIB) {
    const e = estimateLinkedClones({
      datastoreGiB: EXAMPLE_DATASTORE_GIB, parentDiskGiB, deltaGrowthPct: EXAMPLE_GROWTH_PCT, overcommit: "conservative", swapGiB,
    });
    const parts = e.levels.map((l) => `${l.level} ${l.clones} (risk ${l.risk})`);
    example = ` For example, with this VM as the parent (${parentDiskGiB} GiB of disk, ${swapGiB} GiB swap if memory is not reserved) on a ${EXAMPLE_DATASTORE_GIB} GiB datastore and ${EXAMPLE_GROWTH_PCT}% delta growth, View places: ${parts.join(", ")}; about ${e.fitAtExpectedGrowth} clones fit at that growth.`;
  }
  return [{
    checkId: ID,
    severity: "info",
    title: "Size the datastores for linked clones",
    explanation: `This VM is tagged as a VDI desktop. Each linked clone needs space for its delta disk growth, a swap file for memory that is not reserved, and a little overhead; View's storage overcommit level decides how many clones it places per datastore.${example} More clones per datastore means less storage per desktop but a higher risk that growing clones fill it.`,
    action: "Use the linked clone estimator with your datastore size and the delta growth you measure between refreshes; pick the level whose risk you can live with, and refresh or recompose pools before growth reaches the datastore's limit. Reserving memory shrinks the swap files.",
    source: SOURCES.viewStorageOvercommit,
  }];
}

const table: RuleTable = {
  title: "View Composer storage overcommit levels",
  columns: ["Level", "Clones counted against", "Use"],
  rows: [
    ["None", "1 × the datastore's capacity (no overcommit)", "Every clone may grow to the parent's full size"],
    ["Conservative", "4 × the datastore's capacity (View's default)", "Persistent desktops that grow steadily"],
    ["Moderate", "7 × the datastore's capacity", "Pools refreshed regularly"],
    ["Aggressive", "15 × the datastore's capacity", "Floating pools that refresh or delete at logoff; watch free space"],
  ],
};

export const linkedClonesCheck: Check = {
  id: ID,
  title: "Linked clones for VDI desktops",
  summary:
    `For VMs tagged as VDI desktops (tags containing ${VDI_TAG_PATTERNS.map((p) => `"${p}"`).join(", ")}), points to the linked clone estimator: each clone consumes its delta disk growth, a swap file for unreserved memory and a small overhead, and View's storage overcommit level (none, conservative 4×, moderate 7×, aggressive 15× the datastore's capacity, counting each clone at the parent's size) sets how many clones it places. The estimator shows, per level, the clones placed, the space they use at the expected growth and at full growth, and the risk of running out of space.`,
  sources: [SOURCES.viewStorageOvercommit, SOURCES.viewManagerComposer],
  tables: [table],
  run,
};

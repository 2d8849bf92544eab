import { z } from "zod";
import { normalizedVmSchema, type NormalizedVm } from "./model";
import { contextSchema, type VmContext } from "./context";

/** An application tag on a VM, as contributed. */
export const tagInputSchema = z.object({
  slug: z.string().trim().min(1).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and dashes"),
  version: z.string().trim().max(40).nullable().default(null),
  primary: z.boolean().default(false),
});
export type TagInput = z.infer<typeof tagInputSchema>;

/** A contribution: a (redacted) normalized VM, its tags and optional context. */
export const contributionSchema = z
  .object({
    vm: normalizedVmSchema,
    tags: z.array(tagInputSchema).min(1, "add at least one application tag").max(10),
    context: contextSchema.default(() => contextSchema.parse({})),
    /** Free-typed application names not in the taxonomy, kept as suggestions for moderators. */
    /** Opaque key from the upload preview (lib/vm/fingerprint.ts), for duplicate detection. */
    identityKey: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
    suggestions: z.array(z.string().trim().min(2).max(80)).max(5).default([]),
  })
  .superRefine((c, ctx) => {
    const primaries = c.tags.filter((t) => t.primary).length;
    if (primaries > 1) ctx.addIssue({ code: "custom", path: ["tags"], message: "mark only one tag as primary" });
    const slugs = new Set<string>();
    c.tags.forEach((t, i) => {
      if (slugs.has(t.slug)) ctx.addIssue({ code: "custom", path: ["tags", i, "slug"], message: `tag ${t.slug} is given twice` });
      slugs.add(t.slug);
    });
  });
export type Contribution = z.infer<typeof contributionSchema>;

/** Exactly one primary tag: the first one when none is marked. */
export function withPrimary(tags: TagInput[]): TagInput[] {
  if (tags.length === 0 || tags.some((t) => t.primary)) return tags;
  return tags.map((t, i) => ({ ...t, primary: i === 0 }));
}

export interface VmTagView {
  slug: string;
  name: string;
  category: string;
  version: string | null;
  primary: boolean;
}

/** A stored VM as pages and the API see it. */
export interface VmRecord {
  id: string;
  status: "published" | "hidden";
  isDemo: boolean;
  vm: NormalizedVm;
  tags: VmTagView[];
  context: VmContext;
  /** Publication dates to the day (YYYY-MM-DD): a finer time would let one contributor's import be grouped. */
  createdAt: string;
  updatedAt: string;
}

/** A row of the browse table. */
export interface VmRow {
  id: string;
  primaryApp: string | null;
  primaryAppName: string | null;
  primaryAppVersion: string | null;
  vcpus: number;
  coresPerSocket: number | null;
  memoryMib: number;
  /** null when unknown (lib/vm/model.ts totalDiskGiB). */
  totalDiskGib: number | null;
  diskCount: number;
  nicCount: number;
  guestFamily: string | null;
  guestOsName: string | null;
  hypervisorVendor: string | null;
  hypervisorProduct: string | null;
  hypervisorVersion: string | null;
  hardwareVersion: string | null;
  firmware: string | null;
  sourceFormat: string;
  environment: string | null;
  industry: string | null;
  organizationSize: string | null;
  nicModels: string[];
  /** YYYY-MM-DD */
  createdAt: string;
}

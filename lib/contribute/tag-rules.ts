import { z } from "zod";
import { tagInputSchema, type TagInput } from "@/lib/vm/record";

/** Rules that tag the VMs of a bulk import; pure, so the browser can count matches live. */
const ruleTag = { slug: tagInputSchema.shape.slug, version: z.string().trim().max(40).nullable().default(null) };

export const tagRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all"), ...ruleTag }).describe("Every VM"),
  z.object({ kind: z.literal("guest"), guest: z.string().max(256).describe("A guest OS family (\"windows\") or exact guest OS name"), ...ruleTag }),
  z.object({ kind: z.literal("column"), column: z.string().max(120), value: z.string().max(512), ...ruleTag }).describe("VMs whose vInfo column has this value"),
  z.object({ kind: z.literal("vm"), row: z.number().int().min(1), ...ruleTag }).describe("One VM, by vInfo row number"),
]);
export type TagRule = z.infer<typeof tagRuleSchema>;
export const tagRulesSchema = z.array(tagRuleSchema).max(2000);

const SPECIFICITY: Record<TagRule["kind"], number> = { vm: 0, column: 1, guest: 2, all: 3 };

export interface RuleTarget {
  row: number;
  guestFamily: string | null;
  guestName: string | null;
  columns: Record<string, string | null>;
}

/**
 * Tags for one VM from the rules that match it. The most specific match
 * (a per-VM rule, then a column rule, a guest rule, "all") gives the primary
 * tag; a slug named by several rules appears once.
 */
export function tagsFor(target: RuleTarget, rules: TagRule[]): TagInput[] {
  const matches = rules
    .map((r, order) => ({ r, order }))
    .filter(({ r }) =>
      r.kind === "all" ||
      (r.kind === "vm" && r.row === target.row) ||
      (r.kind === "guest" && (r.guest === target.guestFamily || r.guest === target.guestName)) ||
      (r.kind === "column" && target.columns[r.column] === r.value))
    .sort((a, b) => SPECIFICITY[a.r.kind] - SPECIFICITY[b.r.kind] || a.order - b.order);
  const tags: TagInput[] = [];
  for (const { r } of matches) {
    if (tags.some((t) => t.slug === r.slug) || tags.length >= 10) continue;
    tags.push({ slug: r.slug, version: r.version, primary: tags.length === 0 });
  }
  return tags;
}


import { z } from "zod";
import { getApplication } from "@/lib/taxonomy/applications";
import { GUEST_FAMILIES, type NormalizedVm } from "@/lib/vm/model";
import type { TagInput } from "@/lib/vm/record";

const slugSchema = z
  .string()
  .trim()
  .min(1, "pick an application")
  .refine((s) => getApplication(s) !== null, { message: "not an application of the taxonomy" })
  .describe("Application slug from the taxonomy (lib/taxonomy/applications.ts)");

/**
 * How an estate's VMs are tagged: one application for all of them, or one per
 * guest OS family with a fallback. A workbook has no application facts, so
 * the contributor says what the estate runs.
 */
export const tagChoiceSchema = z.object({
  default: slugSchema,
  byFamily: z.partialRecord(z.enum(GUEST_FAMILIES), slugSchema).default({}),
});
export type TagChoice = z.infer<typeof tagChoiceSchema>;

export function tagsFor(vm: NormalizedVm, choice: TagChoice): TagInput[] {
  const family = vm.guestOs.family;
  const slug = (family && choice.byFamily[family]) || choice.default;
  return [{ slug, version: null, primary: true }];
}

/** Reads the form fields "tag" and "tag.<family>" into a choice. */
export function tagChoiceFromFields(fields: Record<string, string>): unknown {
  const byFamily: Record<string, string> = {};
  for (const f of GUEST_FAMILIES) {
    const v = fields[`tag.${f}`]?.trim();
    if (v) byFamily[f] = v;
  }
  return { default: fields.tag ?? "", byFamily };
}

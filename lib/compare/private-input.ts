import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseFile } from "@/lib/formats";
import { contextSchema } from "@/lib/vm/context";
import { normalizedVmSchema, type NormalizedVm } from "@/lib/vm/model";
import { tagInputSchema, type TagInput } from "@/lib/vm/record";
import { toPublishable } from "@/lib/vm/publishable";
import type { VmContext } from "@/lib/vm/context";

/**
 * Input of a private comparison (POST /api/v1/compare as JSON): a
 * configuration with optional tags and context. Unlike a contribution, tags
 * may be empty; the configuration is then compared by guest OS family.
 */
export const privateCompareSchema = z.object({
  vm: normalizedVmSchema.describe("The configuration to compare (the normalized VM model)"),
  tags: z.array(tagInputSchema).max(10).default([]).describe("Application tags; the primary one picks the peer group"),
  context: contextSchema.partial().nullable().default(null).describe("Optional facts about where the VM runs"),
});

export type PrivateCompareInput = z.infer<typeof privateCompareSchema>;

export interface PrivateComparisonSubject {
  vm: NormalizedVm;
  tags: TagInput[];
  context: Partial<VmContext> | null;
  /** How many VMs the file held (the one at `index` is compared). */
  vmCount: number;
  warnings: string[];
}

/** Tags given alongside a file: a JSON array of tags, or one slug with an optional version. */
export function tagsFromFields(fields: Record<string, string>): TagInput[] {
  if (fields.tags) {
    let raw: unknown;
    try {
      raw = JSON.parse(fields.tags);
    } catch {
      throw new AppError("validation_error", "tags must be a JSON array of {slug, version, primary}.", { field: "tags" });
    }
    const parsed = z.array(tagInputSchema).max(10).safeParse(raw);
    if (!parsed.success) throw new AppError("validation_error", `tags: ${parsed.error.issues[0].message}`, { field: "tags" });
    return parsed.data;
  }
  const slug = fields.tag?.trim();
  if (!slug) return [];
  const parsed = tagInputSchema.safeParse({ slug, version: fields.version?.trim() || null, primary: true });
  if (!parsed.success) throw new AppError("validation_error", `tag: ${parsed.error.issues[0].message}`, { field: "tag" });
  return [parsed.data];
}

/**
 * A snapshot file reduced to what a private comparison uses: parsed,
 * then redacted exactly as a contribution would be, so the comparison
 * never holds a name, address or path even in memory beyond this call.
 */
export function subjectFromFile(file: { fileName: string; data: Uint8Array }, fields: Record<string, string> = {}): PrivateComparisonSubject {
  const result = parseFile({ fileName: file.fileName, data: file.data });
  if (result.vms.length === 0) throw new AppError("parse_error", "The file holds no VM.", { file: file.fileName });
  const index = fields.index ? Number(fields.index) : 0;
  if (!Number.isInteger(index) || index < 0 || index >= result.vms.length) {
    throw new AppError("validation_error", `index must be 0 to ${result.vms.length - 1}: the file holds ${result.vms.length} VMs.`, { field: "index" });
  }
  const red = toPublishable(result.vms[index]);
  return {
    vm: red.vm,
    tags: tagsFromFields(fields),
    context: { networkRoles: red.networkRoles },
    vmCount: result.vms.length,
    warnings: result.warnings,
  };
}

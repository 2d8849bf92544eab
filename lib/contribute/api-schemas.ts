import { z } from "zod";
import { MAX_UPLOAD_BODY_BYTES } from "@/lib/formats/types";
import { contributionSchema, type Contribution } from "@/lib/vm/record";
import { AppError } from "@/lib/errors/app-error";
import { normalizedVmSchema } from "@/lib/vm/model";
import { plausibilityReasons, type PlausibilityRule } from "@/lib/vm/plausibility";
import { republishable } from "@/lib/vm/publishable";
import type { RemovedItem } from "@/lib/vm/redact";

/**
 * Shapes of the write API (POST /api/v1/vms, /snapshots, /imports), shared by
 * the route handlers, the browser and the OpenAPI document.
 */
export const MAX_VMS_PER_REQUEST = 500;
export const PUBLISH_BODY_LIMIT = 10 * 1024 * 1024;
/** Multipart uploads (snapshots, bulk imports, private comparison): the one upload limit of lib/formats/types.ts. */
export const SNAPSHOT_BODY_LIMIT = MAX_UPLOAD_BODY_BYTES;
export const MAX_SNAPSHOT_FILES = 20;

/** Why a disk of 0 GiB is refused; shared with the manual form (form-schema.ts). */
export const ZERO_DISK_MESSAGE = "a disk cannot be 0 GiB: give its size, or leave it empty (null) when unknown";

/**
 * A contribution as the write API takes it (POST /api/v1/vms, PATCH /api/v1/vms/{id}): a disk of 0 GiB, or
 * a stated total of 0, is refused with the field named (vm.disks.0.sizeGiB) instead of being stored as a
 * size; an unknown size is null.
 */
export const publishContributionSchema = contributionSchema.superRefine((c, ctx) => {
  c.vm.disks.forEach((d, i) => {
    if (d.sizeGiB === 0) ctx.addIssue({ code: "custom", path: ["vm", "disks", i, "sizeGiB"], message: ZERO_DISK_MESSAGE });
  });
  if (c.vm.totalDiskGiB === 0) {
    ctx.addIssue({ code: "custom", path: ["vm", "totalDiskGiB"], message: "a total disk of 0 GiB: give the total, or null when unknown" });
  }
});

const publishManySchema = z.object({
  vms: z.array(publishContributionSchema).min(1, "send at least one VM").max(MAX_VMS_PER_REQUEST, `at most ${MAX_VMS_PER_REQUEST} VMs per request`),
  confirmImplausible: z.boolean().optional().describe("Confirms every implausible VM of the request (as each one's own confirmImplausible)"),
});

export const publishRequestSchema = z
  .union([publishManySchema, publishContributionSchema])
  .describe('One contribution, or `{ "vms": [ … ] }` with up to 500.');

/** Picks the shape by the "vms" key so that errors name the real field, not "invalid union". */
export function parsePublishRequest(body: unknown): Contribution[] {
  if (body && typeof body === "object" && "vms" in body) {
    const many = publishManySchema.parse(body);
    return many.confirmImplausible ? many.vms.map((c) => ({ ...c, confirmImplausible: true })) : many.vms;
  }
  return [publishContributionSchema.parse(body)];
}

export interface ImplausibleDetail {
  /** Request path of the field: "vm.memoryMiB", or "vms.3.vm.cpu.vcpus" in a list. */
  field: string;
  rule: PlausibilityRule;
  message: string;
}

/**
 * Refuses (422 "implausible") contributions that look implausible and were not
 * confirmed, naming every reason with its numbers; confirmed ones pass and are
 * stored marked (lib/db/vms.ts computes the reasons again on write).
 */
export function requireConfirmedPlausibility(contributions: Contribution[], listed = contributions.length > 1): void {
  const details: ImplausibleDetail[] = [];
  contributions.forEach((c, i) => {
    if (c.confirmImplausible) return;
    const prefix = listed ? `vms.${i}.vm` : "vm";
    for (const r of plausibilityReasons(c.vm)) details.push({ field: `${prefix}.${r.field}`, rule: r.rule, message: r.message });
  });
  if (!details.length) return;
  const what = listed ? `${new Set(details.map((d) => d.field.split(".")[1])).size} of the VMs look` : "This VM looks";
  throw new AppError(
    "implausible",
    `${what} implausible: ${details.map((d) => d.message).join(" ")} Check the numbers, or confirm them (confirmImplausible: true) to publish marked as implausible; it is left out of peer statistics until a moderator confirms it.`,
    { field: details[0].field },
    details,
  );
}

export const createdVmSchema = z.object({
  id: z.string().describe("The new VM's id"),
  editToken: z.string().describe("Secret edit token; shown once, only its hash is stored"),
  editUrl: z.string().describe("Link to the edit page with the token in the URL fragment"),
});
export const publishResponseSchema = z.object({ created: z.array(createdVmSchema) });
export type CreatedVm = z.infer<typeof createdVmSchema>;

/** One contribution as a client sends it to POST /api/v1/vms (before the server's defaults). */
export type ContributionRequest = z.input<typeof publishContributionSchema>;

/**
 * The server never trusts a client to have redacted: the name is dropped and
 * network names become net-N labels again, and the zones judged from any real
 * network name are kept (lib/vm/redact.ts does both).
 */
export function sanitizeContribution(c: Contribution): Contribution {
  const r = republishable(c.vm);
  const roles = [...new Set([...c.context.networkRoles, ...r.networkRoles])];
  return { ...c, vm: r.vm, context: { ...c.context, networkRoles: roles } };
}

export function editPath(id: string, token: string): string {
  return `/vms/${id}/edit#token=${token}`;
}

export const removedItemSchema = z.object({
  kind: z.enum(["hostname", "mac", "ip", "uuid", "path", "user", "network", "other"]),
  count: z.number().int(),
  label: z.string(),
});

export const snapshotVmPreviewSchema = z.object({
  vm: normalizedVmSchema.describe("The redacted VM: what would be published"),
  removed: z.array(removedItemSchema).describe("What redaction removed, by kind"),
  summary: z.string().describe('e.g. "VM name, 2 MAC addresses, 1 IP address, 3 paths"'),
  networkRoles: z.array(z.enum(["management", "service-console", "vmotion", "storage"])).describe("Zones the real network names pointed at; send back as context.networkRoles"),
  identityKey: z.string().nullable().describe("Opaque duplicate-detection key; send back with the contribution"),
  origin: z.string().nullable().describe('Where in the file the VM was found, e.g. "VirtualSystem 2"'),
});
export type SnapshotVmPreview = z.infer<typeof snapshotVmPreviewSchema>;

export const snapshotFilePreviewSchema = z.object({
  fileName: z.string(),
  format: z.string().nullable(),
  vms: z.array(snapshotVmPreviewSchema),
  warnings: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable().describe("Why this file could not be read; the other files still are"),
});
export type SnapshotFilePreview = z.infer<typeof snapshotFilePreviewSchema>;
export const snapshotResponseSchema = z.object({ files: z.array(snapshotFilePreviewSchema) });

export type { RemovedItem };

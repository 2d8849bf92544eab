import { z } from "zod";

/**
 * Inputs of moderation: a visitor's report of a VM, and the moderators' actions (/admin, the
 * admin API, `npm run admin`). One schema for the form and the server.
 */
export const REPORT_REASONS = {
  spam: "Spam or advertising",
  offensive: "Offensive or inappropriate text",
  implausible: "Numbers that cannot be right",
  private: "Holds private or identifying information",
  duplicate: "Duplicate of another VM",
  other: "Something else",
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;
export const REPORT_REASON_IDS = Object.keys(REPORT_REASONS) as ReportReason[];

/** Printable text on one line or a few, without control characters (PostgreSQL refuses NUL). */
const plainText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "control characters are not allowed");

export const reportInputSchema = z.object({
  reason: z.enum(REPORT_REASON_IDS as [ReportReason, ...ReportReason[]], { message: `reason must be one of ${REPORT_REASON_IDS.join(", ")}` }),
  note: plainText(500).optional().transform((s) => (s ? s : null)),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
const slug = z.string().regex(SLUG_PATTERN, "an application slug: lower-case letters, digits and dashes");
const vmId = z.string().regex(/^[a-z0-9]{4,40}$/, "a VM id");

export const adminActionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("name.approve"), slug, name: plainText(80).min(2, "at least 2 characters").optional() }),
  z.object({ action: z.literal("name.merge"), slug, into: slug }),
  z.object({ action: z.literal("name.reject"), slug }),
  z.object({ action: z.literal("vm.confirm"), id: vmId }),
  z.object({ action: z.literal("report.dismiss"), id: vmId }),
  z.object({ action: z.literal("vm.delete"), id: vmId, note: plainText(200).optional() }),
]);
export type AdminAction = z.infer<typeof adminActionSchema>;

export const adminLoginSchema = z.object({ token: z.string().min(1, "enter the admin token").max(1000) });

import type { CreatedVm } from "@/lib/contribute/api-schemas";
import type { Contribution } from "@/lib/vm/record";

export type PublishOutcome =
  | { kind: "created"; created: CreatedVm }
  | { kind: "duplicate"; existingId: string; message: string }
  | { kind: "error"; message: string; field?: string; fieldErrors?: Record<string, string> };

interface ApiError {
  error?: { code?: string; message?: string; field?: string; details?: unknown };
}

export async function readError(res: Response): Promise<{ code: string; message: string; field?: string; details?: unknown }> {
  const body = (await res.json().catch(() => ({}))) as ApiError;
  const retry = res.headers.get("retry-after");
  return {
    code: body.error?.code ?? "internal",
    message: body.error?.message ?? (res.status === 429 && retry ? `Too many requests; try again in ${retry} s.` : `The server answered ${res.status}.`),
    field: body.error?.field,
    details: body.error?.details,
  };
}

export async function publishContribution(c: Contribution, method: "POST" | "PATCH" = "POST", url = "/api/v1/vms", token?: string): Promise<PublishOutcome> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(c),
    });
  } catch {
    return { kind: "error", message: "Could not reach the server. Check your connection and try again." };
  }
  if (res.ok) {
    const body = (await res.json()) as { created?: CreatedVm[]; id?: string };
    return { kind: "created", created: body.created?.[0] ?? { id: body.id ?? "", editToken: token ?? "", editUrl: "" } };
  }
  const err = await readError(res);
  const existingId = (err.details as { existingId?: string } | undefined)?.existingId;
  if (err.code === "conflict" && existingId) return { kind: "duplicate", existingId, message: err.message };
  return { kind: "error", message: err.message, field: err.field, fieldErrors: formFieldErrors(err) };
}

const API_TO_FORM: Record<string, string> = {
  "vm.cpu.vcpus": "vm.vcpus", "vm.cpu.coresPerSocket": "vm.coresPerSocket", "vm.memoryMiB": "vm.memory",
  "vm.hypervisor.vendor": "vm.hypervisorVendor", "vm.hypervisor.product": "vm.hypervisorProduct", "vm.hypervisor.version": "vm.hypervisorVersion",
  "vm.guestOs.id": "vm.guestId", "vm.guestOs.family": "vm.guestFamily", "vm.guestOs.name": "vm.guestName",
};

/** An API field path (the stored shape, maybe under "vms.N.") as the form input it belongs to. */
export function formPathOfApiField(field: string): string {
  const f = field.replace(/^vms\.\d+\./, "");
  if (API_TO_FORM[f]) return API_TO_FORM[f];
  if (/^tags(\.|$)/.test(f)) return "tags";
  if (/^suggestions(\.|$)/.test(f)) return "tags";
  return f;
}

/** The 422 answer's field list (error.details), keyed by form path, so each message sits by its input. */
export function formFieldErrors(err: { field?: string; message: string; details?: unknown }): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const list = Array.isArray(err.details) ? (err.details as { field?: unknown; message?: unknown }[]) : [];
  for (const d of list) {
    if (typeof d?.field === "string" && d.field && typeof d.message === "string") out[formPathOfApiField(d.field)] ??= d.message;
  }
  if (err.field && !Object.keys(out).length) out[formPathOfApiField(err.field)] = err.message;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Publishes from a VM form and reports the outcome to the page: the created
 * record, or the existing one for a duplicate, or the form-level error text.
 */
export async function publishFromForm(
  c: Contribution,
  on: { created(v: CreatedVm): void; duplicate(d: { existingId: string; message: string }): void },
  duplicateText: string,
): Promise<{ error: string | null; fieldErrors?: Record<string, string> }> {
  const out = await publishContribution(c);
  if (out.kind === "created") {
    on.created(out.created);
    return { error: null };
  }
  if (out.kind === "duplicate") {
    on.duplicate({ existingId: out.existingId, message: out.message });
    return { error: duplicateText };
  }
  return { error: out.message, fieldErrors: out.fieldErrors };
}

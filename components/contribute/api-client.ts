import type { CreatedVm } from "@/lib/contribute/api-schemas";
import type { Contribution } from "@/lib/vm/record";

export type PublishOutcome =
  | { kind: "created"; created: CreatedVm }
  | { kind: "duplicate"; existingId: string; message: string }
  | { kind: "error"; message: string; field?: string };

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
  return { kind: "error", message: err.message, field: err.field };
}

/**
 * Publishes from a VM form and reports the outcome to the page: the created
 * record, or the existing one for a duplicate, or the form-level error text.
 */
export async function publishFromForm(
  c: Contribution,
  on: { created(v: CreatedVm): void; duplicate(d: { existingId: string; message: string }): void },
  duplicateText: string,
): Promise<{ error: string | null }> {
  const out = await publishContribution(c);
  if (out.kind === "created") {
    on.created(out.created);
    return { error: null };
  }
  if (out.kind === "duplicate") {
    on.duplicate({ existingId: out.existingId, message: out.message });
    return { error: duplicateText };
  }
  return { error: out.message };
}

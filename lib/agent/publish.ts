import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { publishResponseSchema, type ContributionRequest, type CreatedVm } from "@/lib/contribute/api-schemas";


/** Contributions per request: small enough for any body limit, large enough that thousands take few calls. */
export const PUBLISH_BATCH = 50;

/** The API endpoint for a site: "https://vmcompare.example" -> https://vmcompare.example/api/v1/vms. */
export function vmsEndpoint(site: string): URL {
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(site) ? site : `https://${site}`);
  } catch {
    throw new AppError("validation_error", `--publish "${site}" is not a URL`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") throw new AppError("validation_error", `--publish "${site}": use an http(s) URL`);
  if (!/\/api\/v1\/vms\/?$/.test(u.pathname)) u.pathname = u.pathname.replace(/\/+$/, "") + "/api/v1/vms";
  u.hash = "";
  return u;
}

async function errorMessage(res: Response): Promise<string> {
  const body = await res.text().catch(() => "");
  try {
    const j = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const m = typeof j.error === "string" ? j.error : j.error?.message ?? j.message;
    if (m) return m;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.replace(/\s+/g, " ").trim().slice(0, 200) || res.statusText;
}

export interface PublishOptions {
  batchSize?: number;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Called after each batch, so links are saved even if a later batch fails. */
  onResults?: (results: PublishResult[]) => Promise<void> | void;
}

/** What became of one contribution (by its index in the input). */
export type PublishResult =
  | { index: number; created: CreatedVm }
  | { index: number; duplicateOf: string | null; message: string };

class Conflict extends Error {
  constructor(message: string, readonly existingId: string | null) {
    super(message);
  }
}

async function postBatch(endpoint: URL, batch: ContributionRequest[], doFetch: typeof fetch, timeoutMs: number): Promise<CreatedVm[]> {
  let res: Response;
  try {
    res = await doFetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ vms: batch }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    const why =
      (e as Error).name === "TimeoutError" ? "timed out"
      : code === "ECONNREFUSED" ? "connection refused (is the site running at that address?)"
      : code === "ENOTFOUND" ? `cannot resolve the host name ${endpoint.hostname}`
      : code ?? cause?.message ?? (e as Error).message;
    throw new AppError("internal", `cannot publish to ${endpoint.origin}: ${why}`);
  }
  if (res.status === 409) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; details?: { existingId?: string } } };
    throw new Conflict(body.error?.message ?? "already published", body.error?.details?.existingId ?? null);
  }
  if (!res.ok) {
    throw new AppError("validation_error", `${endpoint.origin} refused the contributions (HTTP ${res.status}): ${await errorMessage(res)}`);
  }
  let parsed: z.infer<typeof publishResponseSchema>;
  try {
    parsed = publishResponseSchema.parse(await res.json());
  } catch {
    throw new AppError("internal", `${endpoint.origin} answered without the created records; is it a vmcompare site?`);
  }
  if (parsed.created.length !== batch.length) {
    throw new AppError("internal", `${endpoint.origin} created ${parsed.created.length} records for ${batch.length} VMs`);
  }
  return parsed.created.map((c) => ({ ...c, editUrl: new URL(c.editUrl, endpoint).toString() }));
}

/**
 * POST the contributions to a vmcompare site in batches. The site refuses a
 * whole batch when any configuration in it is already published, so such a
 * batch is retried one VM at a time and only the duplicates are left out.
 * Relative edit URLs are made absolute against the site. Any other refusal
 * throws an AppError naming the site and the server's message.
 */
export async function publishContributions(site: string, items: ContributionRequest[], options: PublishOptions = {}): Promise<PublishResult[]> {
  const endpoint = vmsEndpoint(site);
  const doFetch = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const size = Math.max(1, options.batchSize ?? PUBLISH_BATCH);
  const all: PublishResult[] = [];
  for (let i = 0; i < items.length; i += size) {
    const batch = items.slice(i, i + size);
    let results: PublishResult[];
    try {
      results = (await postBatch(endpoint, batch, doFetch, timeoutMs)).map((created, k) => ({ index: i + k, created }));
    } catch (e) {
      if (!(e instanceof Conflict)) throw e;
      results = [];
      for (let k = 0; k < batch.length; k++) {
        try {
          const [created] = await postBatch(endpoint, [batch[k]], doFetch, timeoutMs);
          results.push({ index: i + k, created });
        } catch (single) {
          if (!(single instanceof Conflict)) throw single;
          results.push({ index: i + k, duplicateOf: single.existingId, message: single.message });
        }
      }
    }
    await options.onResults?.(results);
    all.push(...results);
  }
  return all;
}

/** One line of the local edit-links file. `vm` is the VM's local name: the file never leaves this machine. */
export interface EditLinkRecord {
  createdAt: string;
  site: string;
  id: string;
  editUrl: string;
  editToken: string;
  vm: string | null;
  server: string | null;
}

export const DEFAULT_LINKS_FILE = "vmcompare-edit-links.json";

/**
 * Append records to a JSON array file readable only by its owner (mode 600):
 * the edit tokens in it let anyone change or delete the contributions.
 */
export async function appendEditLinks(file: string, records: EditLinkRecord[]): Promise<void> {
  let existing: unknown[] = [];
  try {
    const text = await readFile(file, "utf8");
    const parsed: unknown = text.trim() ? JSON.parse(text) : [];
    if (!Array.isArray(parsed)) throw new Error("not a JSON array");
    existing = parsed;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw new AppError("conflict", `${file} exists but is not an edit-links file (${(e as Error).message}); move it away or pass --links FILE`);
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify([...existing, ...records], null, 2) + "\n", { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}

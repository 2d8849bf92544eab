import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { env } from "@/lib/env";

/**
 * What a write request must look like before anything reads it.
 *
 * A browser lets any web page send a "simple" cross-site POST (text/plain,
 * a form, multipart) with the visitor's cookies and address, without asking
 * the site first. So writes carry JSON or multipart only, and a browser write
 * from another site is refused by its Origin / Sec-Fetch-Site headers.
 * Programs (the CLI, the agent, curl) send neither header and are unaffected:
 * they cannot be driven by a third-party page.
 */
const WRITE_TYPES = new Set(["application/json", "multipart/form-data"]);

export function mediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

/**
 * By the headers, as HTTP frames a body: Next.js gives every non-GET request a
 * body stream, even a bodiless DELETE. A stated type is checked even when the
 * length is 0.
 */
function hasBody(req: Request): boolean {
  if (req.headers.get("content-type")) return true;
  if (req.headers.has("transfer-encoding")) return true;
  const length = req.headers.get("content-length");
  return length != null && length.trim() !== "0";
}

/** Hosts this server answers as: its request URL, Host, X-Forwarded-Host and PUBLIC_URL. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>([new URL(req.url).host.toLowerCase()]);
  for (const h of [req.headers.get("host"), req.headers.get("x-forwarded-host")?.split(",")[0]]) {
    if (h?.trim()) hosts.add(h.trim().toLowerCase());
  }
  const publicUrl = env().PUBLIC_URL;
  if (publicUrl) hosts.add(new URL(publicUrl).host.toLowerCase());
  return hosts;
}

export function checkSameOrigin(req: Request): AppError | null {
  const site = req.headers.get("sec-fetch-site")?.toLowerCase();
  // "none": typed by the user (address bar, bookmark); "same-origin": this site's own pages.
  if (site && site !== "same-origin" && site !== "none") {
    return new AppError("forbidden", `Writes from another site's page are refused (Sec-Fetch-Site: ${site}).`);
  }
  const origin = req.headers.get("origin");
  if (origin == null) return null;
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host.toLowerCase();
  } catch {
    host = null;
  }
  if (host && ownHosts(req).has(host)) return null;
  return new AppError("forbidden", `Writes from another site's page are refused (Origin: ${origin.slice(0, 100)}).`);
}

export function checkWriteMediaType(req: Request): AppError | null {
  if (!hasBody(req)) return null;
  const type = mediaType(req);
  if (WRITE_TYPES.has(type)) return null;
  return new AppError(
    "unsupported_media_type",
    `Content-Type ${type ? `"${type.slice(0, 100)}"` : "is missing"}${type ? " is not accepted" : ""}; send application/json or multipart/form-data.`,
  );
}

/** The first reason to refuse a write before reading it, or null. */
export function checkWriteRequest(req: Request): AppError | null {
  return checkSameOrigin(req) ?? checkWriteMediaType(req);
}

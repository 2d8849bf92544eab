import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The origin share cards name in og:image (crawlers need an absolute URL):
 * PUBLIC_URL when set, otherwise the host the request came to.
 */
export async function shareBase(): Promise<URL> {
  const configured = env().PUBLIC_URL;
  if (configured) return new URL(configured);
  const h = await headers();
  const host = h.get("host") ?? "localhost";
  const proto = /^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https";
  return new URL(`${proto}://${host}`);
}

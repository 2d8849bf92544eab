import { NextResponse, type NextRequest } from "next/server";
import { newNonce, securityHeaders } from "@/lib/server/security-headers";
import { isHttpsRequest } from "@/lib/server/trust-proxy";

/**
 * Security headers for pages and the API (lib/server/security-headers.ts).
 * A page's nonce travels to the renderer in the request's own CSP header,
 * where Next.js picks it up for its scripts.
 */
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  const page = !path.startsWith("/api/");
  const headers = securityHeaders({
    nonce: newNonce(),
    page,
    document: path.startsWith("/api/v1/reports/") || path.startsWith("/api/v1/data/"),
    https: isHttpsRequest(request),
    dev: process.env.NODE_ENV === "development",
  });
  let response: NextResponse;
  if (page) {
    const forwarded = new Headers(request.headers);
    forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
    response = NextResponse.next({ request: { headers: forwarded } });
  } else {
    response = NextResponse.next();
  }
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // Static build files carry no HTML and need no nonce.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
